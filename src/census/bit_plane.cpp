#include "mpilife/census/bit_plane.hpp"

#include <algorithm>
#include <stdexcept>

namespace mpilife {

namespace {

// Dead rows kept above and below the live cells, and dead columns at least left and right, when
// the box is cut.
constexpr std::int64_t kRowMargin = 16;
constexpr std::int64_t kColumnMargin = 32;

inline void full_add(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t& sum,
                     std::uint64_t& carry) {
  const std::uint64_t ab = a ^ b;
  sum = ab ^ c;
  carry = (a & b) | (c & ab);
}

// The next state of the 64 cells of `h` from the words around them (a: above, b: below; _l and _r
// the words left and right, whose edge bits are the neighbours across the word boundary), as the
// bit planes of the neighbour count and the rule's masks.
template <bool kLife>
inline std::uint64_t next_word(std::uint64_t a_l, std::uint64_t a, std::uint64_t a_r,
                               std::uint64_t h_l, std::uint64_t h, std::uint64_t h_r,
                               std::uint64_t b_l, std::uint64_t b, std::uint64_t b_r,
                               const BitPlane::Masks& m) {
  std::uint64_t s_a, c_a, s_b, c_b;
  full_add((a << 1) | (a_l >> 63), a, (a >> 1) | (a_r << 63), s_a, c_a);
  full_add((b << 1) | (b_l >> 63), b, (b >> 1) | (b_r << 63), s_b, c_b);
  const std::uint64_t west = (h << 1) | (h_l >> 63);
  const std::uint64_t east = (h >> 1) | (h_r << 63);
  const std::uint64_t s_c = west ^ east;
  const std::uint64_t c_c = west & east;
  std::uint64_t bit0, c_1;
  full_add(s_a, s_b, s_c, bit0, c_1);
  std::uint64_t t_0, t_1;
  full_add(c_a, c_b, c_c, t_0, t_1);
  const std::uint64_t bit1 = t_0 ^ c_1;
  const std::uint64_t c_2 = t_0 & c_1;
  const std::uint64_t bit2 = t_1 ^ c_2;
  if (kLife) return bit1 & ~bit2 & ~(t_1 & c_2) & (bit0 | h);
  const std::uint64_t bit3 = t_1 & c_2;
  std::uint64_t out = 0;
  for (int n = 0; n <= 8; ++n) {
    const std::uint64_t eq = ((n & 1) ? bit0 : ~bit0) & ((n & 2) ? bit1 : ~bit1) &
                             ((n & 4) ? bit2 : ~bit2) & ((n & 8) ? bit3 : ~bit3);
    out |= eq & ((m.born[n] & ~h) | (m.keeps[n] & h));
  }
  return out;
}

// One generation of `words` columns of `rows` rows (column j of `cur` at cur + j * stride, with
// its zero neighbours at -1 and `rows`, and zero columns at j = -1 and j = words), into `next`;
// ORs each row's new words into row_any and each column's into column_any. Compiled for AVX-512,
// AVX2 and the baseline; the loader picks the best the processor runs.
template <bool kLife>
inline void evolve_columns(const std::uint64_t* cur, std::uint64_t* next, std::uint64_t* row_any,
                           std::uint64_t* column_any, std::int64_t words, std::int64_t rows,
                           std::int64_t stride, const BitPlane::Masks& m) {
  for (std::int64_t j = 0; j < words; ++j) {
    const std::uint64_t* c = cur + j * stride;
    const std::uint64_t* l = c - stride;
    const std::uint64_t* r = c + stride;
    std::uint64_t* out = next + j * stride;
    std::uint64_t any = 0;
    for (std::int64_t y = 0; y < rows; ++y) {
      const std::uint64_t w = next_word<kLife>(l[y - 1], c[y - 1], r[y - 1], l[y], c[y], r[y],
                                               l[y + 1], c[y + 1], r[y + 1], m);
      out[y] = w;
      row_any[y] |= w;
      any |= w;
    }
    column_any[j] = any;
  }
}

__attribute__((target_clones("avx512f", "avx2", "default"))) void evolve(
    const std::uint64_t* cur, std::uint64_t* next, std::uint64_t* row_any,
    std::uint64_t* column_any, std::int64_t words, std::int64_t rows, std::int64_t stride,
    const BitPlane::Masks& m) {
  if (m.life) {
    evolve_columns<true>(cur, next, row_any, column_any, words, rows, stride, m);
  } else {
    evolve_columns<false>(cur, next, row_any, column_any, words, rows, stride, m);
  }
}

__attribute__((target_clones("popcnt", "default"))) std::int64_t population_of(
    const std::uint64_t* words, std::size_t n) {
  std::int64_t count = 0;
  for (std::size_t i = 0; i < n; ++i) count += __builtin_popcountll(words[i]);
  return count;
}

}  // namespace

BitPlane::BitPlane(const Rule& rule) {
  if (rule.births(0)) {
    throw std::invalid_argument("rule " + rule.to_string() +
                                " has B0: an isolated pattern has no finite evolution");
  }
  masks_.life = rule == parse_rule("B3/S23").rule;
  for (int n = 0; n <= 8; ++n) {
    masks_.born[n] = rule.births(n) ? ~std::uint64_t{0} : 0;
    masks_.keeps[n] = rule.survives(n) ? ~std::uint64_t{0} : 0;
  }
}

void BitPlane::assign(const Patch& p) {
  flush_envelope();
  x0_ = p.x0() - kColumnMargin;
  y0_ = p.y0() - kRowMargin;
  words_ = (p.width() + 2 * kColumnMargin + 63) / 64;
  rows_ = p.height() + 2 * kRowMargin;
  stride_ = rows_ + 2;
  cur_.assign(static_cast<std::size_t>((words_ + 2) * stride_), 0);
  next_.assign(cur_.size(), 0);
  row_any_.assign(static_cast<std::size_t>(rows_), 0);
  column_any_.assign(static_cast<std::size_t>(words_), 0);
  for (std::int64_t y = 0; y < p.height(); ++y) {
    for (std::int64_t x = 0; x < p.width(); ++x) {
      if (!p.alive(x, y)) continue;
      const std::int64_t bit = x + kColumnMargin;
      column(cur_, bit / 64)[y + kRowMargin] |= std::uint64_t{1} << (bit % 64);
    }
  }
  for (std::int64_t j = 0; j < words_; ++j) {
    const std::uint64_t* c = column(cur_, j);
    std::uint64_t any = 0;
    for (std::int64_t y = 0; y < rows_; ++y) {
      row_any_[static_cast<std::size_t>(y)] |= c[y];
      any |= c[y];
    }
    column_any_[static_cast<std::size_t>(j)] = any;
  }
  measure();
  if (collecting_) envelope_words_ = cur_;
}

namespace {

// The patch of the cells set in `words` (the plane's layout), within rows [top, top + h) and
// bits [left, left + w).
Patch patch_of_words(const std::uint64_t* columns, std::int64_t stride, std::int64_t x0,
                     std::int64_t y0, std::int64_t left, std::int64_t top, std::int64_t w,
                     std::int64_t h) {
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(w * h), 0);
  for (std::int64_t y = 0; y < h; ++y) {
    std::uint8_t* row = bytes.data() + y * w;
    for (std::int64_t x = 0; x < w; ++x) {
      const std::int64_t bit = x + left;
      row[x] = static_cast<std::uint8_t>((columns[(bit / 64) * stride + top + y] >> (bit % 64)) & 1u);
    }
  }
  return Patch::from_box(x0 + left, y0 + top, w, h, bytes);
}

}  // namespace

Patch BitPlane::patch() const {
  if (live_w_ == 0) return Patch();
  return patch_of_words(column(cur_, 0), stride_, x0_, y0_, live_x_, live_y_, live_w_, live_h_);
}

void BitPlane::start_envelope() {
  collecting_ = true;
  envelope_parts_.clear();
  envelope_words_ = cur_;
}

void BitPlane::flush_envelope() {
  if (!collecting_ || envelope_words_.empty()) return;
  envelope_parts_.push_back(
      patch_of_words(column(envelope_words_, 0), stride_, x0_, y0_, 0, 0, 64 * words_, rows_));
  envelope_words_.clear();
}

Patch BitPlane::envelope() const {
  if (!collecting_) return Patch();
  std::vector<Patch> parts = envelope_parts_;
  if (!envelope_words_.empty()) {
    parts.push_back(
        patch_of_words(column(envelope_words_, 0), stride_, x0_, y0_, 0, 0, 64 * words_, rows_));
  }
  std::vector<Cell> cells;
  if (parts.size() == 1) return parts.front();
  for (const Patch& part : parts) {
    const std::vector<Cell> more = part.cells();
    cells.insert(cells.end(), more.begin(), more.end());
  }
  return Patch::from_cells(cells);
}

std::int64_t BitPlane::population() const {
  return population_of(cur_.data(), cur_.size());
}

// The live box from row_any_ and column_any_.
void BitPlane::measure() {
  std::int64_t top = 0;
  while (top < rows_ && row_any_[static_cast<std::size_t>(top)] == 0) ++top;
  if (top == rows_) {
    live_x_ = live_y_ = live_w_ = live_h_ = 0;
    return;
  }
  std::int64_t bottom = rows_ - 1;
  while (row_any_[static_cast<std::size_t>(bottom)] == 0) --bottom;
  std::int64_t left = 0;
  while (column_any_[static_cast<std::size_t>(left)] == 0) ++left;
  std::int64_t right = words_ - 1;
  while (column_any_[static_cast<std::size_t>(right)] == 0) --right;
  live_x_ = 64 * left + __builtin_ctzll(column_any_[static_cast<std::size_t>(left)]);
  const std::int64_t last = 64 * right + 63 - __builtin_clzll(column_any_[static_cast<std::size_t>(right)]);
  live_y_ = top;
  live_w_ = last - live_x_ + 1;
  live_h_ = bottom - top + 1;
}

// The live box with the margins again, its words moved by whole rows and by any number of bits.
void BitPlane::recut() {
  flush_envelope();
  const std::int64_t shift = live_x_ - kColumnMargin;  // new bit 0 is old bit `shift`
  const std::int64_t top = live_y_ - kRowMargin;        // new row 0 is old row `top`
  const std::int64_t words = (live_w_ + 2 * kColumnMargin + 63) / 64;
  const std::int64_t rows = live_h_ + 2 * kRowMargin;
  const std::int64_t stride = rows + 2;
  next_.assign(static_cast<std::size_t>((words + 2) * stride), 0);
  const std::int64_t word_shift = shift >= 0 ? shift / 64 : -((63 - shift) / 64);
  const int bit_shift = static_cast<int>(shift - 64 * word_shift);
  const auto old_column = [&](std::int64_t j) -> const std::uint64_t* {
    return j >= 0 && j < words_ ? column(cur_, j) : nullptr;
  };
  for (std::int64_t j = 0; j < words; ++j) {
    const std::uint64_t* low = old_column(j + word_shift);
    const std::uint64_t* high = bit_shift != 0 ? old_column(j + word_shift + 1) : nullptr;
    if (!low && !high) continue;
    std::uint64_t* out = next_.data() + (j + 1) * stride + 1;
    for (std::int64_t y = std::max<std::int64_t>(0, -top); y < rows && y + top < rows_; ++y) {
      std::uint64_t w = low ? low[y + top] >> bit_shift : 0;
      if (high) w |= high[y + top] << (64 - bit_shift);
      out[y] = w;
    }
  }
  x0_ += shift;
  y0_ += top;
  words_ = words;
  rows_ = rows;
  stride_ = stride;
  live_x_ -= shift;
  live_y_ -= top;
  std::swap(cur_, next_);
  next_.assign(cur_.size(), 0);
  row_any_.assign(static_cast<std::size_t>(rows_), 0);
  column_any_.assign(static_cast<std::size_t>(words_), 0);
  if (collecting_) envelope_words_ = cur_;
}

void BitPlane::step() {
  if (live_w_ == 0) return;
  const bool touches = live_x_ < 1 || live_y_ < 1 || live_x_ + live_w_ > 64 * words_ - 1 ||
                       live_y_ + live_h_ > rows_ - 1;
  const bool loose =
      rows_ > 2 * live_h_ + 8 * kRowMargin || 64 * words_ > 2 * live_w_ + 8 * kColumnMargin;
  if (touches || loose) recut();
  std::fill(row_any_.begin(), row_any_.end(), 0);
  evolve(column(cur_, 0), column(next_, 0), row_any_.data(), column_any_.data(), words_, rows_,
         stride_, masks_);
  std::swap(cur_, next_);
  measure();
  if (collecting_) {
    for (std::size_t i = 0; i < cur_.size(); ++i) envelope_words_[i] |= cur_[i];
  }
}

}  // namespace mpilife
