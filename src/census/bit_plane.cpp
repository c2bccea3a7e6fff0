#include "mpilife/census/bit_plane.hpp"

#include <algorithm>
#include <stdexcept>

namespace mpilife {

namespace {

// Dead rows kept above and below the live cells, and dead columns at least left and right, when
// the box is cut.
constexpr std::int64_t kRowMargin = 16;
constexpr std::int64_t kColumnMargin = 32;
// Each column is stepped (or skipped) in blocks of this many rows, one vector of words on AVX-512.
constexpr int kBand = 8;

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

// One generation of the plane's columns from `cur` into `next` (column j at j * stride, with its
// zero neighbours at rows -1 and `rows`, and zero columns at j = -1 and j = words), in blocks of
// one column by kBand rows. A block is skipped, its words left as they are, when none of its
// cells and none of the cells around it changed between the two generations before: `next` then
// already holds the new words (it holds the generation before `cur`, which equals the one after
// when a neighbourhood repeats with period 1 or 2). Per block (with a border of zero blocks),
// `changed` is read for that and `changed_next` written: the OR over its rows of the new words
// XOR what they replace, and that XOR for its first and its last row. `any_next` gets the OR of
// each block's new words (a skipped block's stays right); band_any and column_any get the ORs
// over each band of blocks and each column. Returns the number of blocks that changed.
// Compiled for AVX-512, AVX2 and the baseline; the loader picks the best the processor runs.
template <bool kLife>
inline std::int64_t evolve_blocks(const std::uint64_t* cur, std::uint64_t* next,
                                  const BitPlane::Sweep& sweep, const BitPlane::Masks& m) {
  using Change = BitPlane::Change;
  const std::int64_t stride = sweep.stride;
  const std::int64_t bands = sweep.rows / kBand;
  const std::int64_t block_stride = bands + 2;
  std::int64_t changes = 0;
  std::fill(sweep.band_any, sweep.band_any + bands, 0);
  for (std::int64_t j = 0; j < sweep.words; ++j) {
    const Change* changed = sweep.changed + (j + 1) * block_stride + 1;
    const Change* left = changed - block_stride;
    const Change* right = changed + block_stride;
    Change* changed_next = sweep.changed_next + (j + 1) * block_stride + 1;
    std::uint64_t* any_next = sweep.any_next + (j + 1) * block_stride + 1;
    std::uint64_t column_any = 0;
    for (std::int64_t b = 0; b < bands; ++b) {
      if (sweep.may_skip &&
          (changed[b].rows | changed[b - 1].last | changed[b + 1].first |
           ((left[b].rows | left[b - 1].last | left[b + 1].first) >> 63) |
           ((right[b].rows | right[b - 1].last | right[b + 1].first) & 1u)) == 0) {
        changed_next[b] = Change{};
      } else {
        // The new words first (loads only), then the stores: no aliasing stands in the way of
        // one vector per block.
        const std::uint64_t* c = cur + j * stride + b * kBand;
        const std::uint64_t* l = c - stride;
        const std::uint64_t* r = c + stride;
        std::uint64_t fresh[kBand];
        for (int k = 0; k < kBand; ++k) {
          fresh[k] = next_word<kLife>(l[k - 1], c[k - 1], r[k - 1], l[k], c[k], r[k], l[k + 1],
                                      c[k + 1], r[k + 1], m);
        }
        std::uint64_t* __restrict out = next + j * stride + b * kBand;
        Change change{0, fresh[0] ^ out[0], fresh[kBand - 1] ^ out[kBand - 1]};
        std::uint64_t any = 0;
        for (int k = 0; k < kBand; ++k) {
          change.rows |= fresh[k] ^ out[k];
          out[k] = fresh[k];
          any |= fresh[k];
        }
        changed_next[b] = change;
        any_next[b] = any;
        changes += change.rows != 0;
      }
      sweep.band_any[b] |= any_next[b];
      column_any |= any_next[b];
    }
    sweep.column_any[j] = column_any;
  }
  return changes;
}

__attribute__((target_clones("avx512f", "avx2", "default"))) std::int64_t evolve(
    const std::uint64_t* cur, std::uint64_t* next, const BitPlane::Sweep& sweep,
    const BitPlane::Masks& m) {
  return m.life ? evolve_blocks<true>(cur, next, sweep, m) : evolve_blocks<false>(cur, next, sweep, m);
}

__attribute__((target_clones("popcnt", "default"))) std::int64_t population_of(
    const std::uint64_t* words, std::int64_t n) {
  std::int64_t count = 0;
  for (std::int64_t i = 0; i < n; ++i) count += __builtin_popcountll(words[i]);
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

// A plane of `words` columns and at least `rows` rows (a whole number of bands), all dead, with
// no history of generations before.
void BitPlane::reshape(std::int64_t words, std::int64_t rows) {
  words_ = words;
  rows_ = (rows + kBand - 1) / kBand * kBand;
  stride_ = rows_ + 2;
  cur_.assign(static_cast<std::size_t>((words_ + 2) * stride_), 0);
  next_.assign(cur_.size(), 0);
  column_any_.assign(static_cast<std::size_t>(words_), 0);
  band_any_.assign(static_cast<std::size_t>(rows_ / kBand), 0);
  const auto blocks = static_cast<std::size_t>((words_ + 2) * (rows_ / kBand + 2));
  changed_.assign(blocks, Change{});
  changed_next_.assign(blocks, Change{});
  any_.assign(blocks, 0);
  any_next_.assign(blocks, 0);
  forget_history();
}

// The words no longer follow from the generation before: every block is stepped twice.
void BitPlane::forget_history() {
  history_ = 0;
  quiet_ = false;
}

void BitPlane::assign(const Patch& p) {
  flush_envelope();
  x0_ = p.x0() - kColumnMargin;
  y0_ = p.y0() - kRowMargin;
  reshape((p.width() + 2 * kColumnMargin + 63) / 64, p.height() + 2 * kRowMargin);
  for (std::int64_t y = 0; y < p.height(); ++y) {
    for (std::int64_t x = 0; x < p.width(); ++x) {
      if (!p.alive(x, y)) continue;
      const std::int64_t bit = x + kColumnMargin;
      column(cur_, bit / 64)[y + kRowMargin] |= std::uint64_t{1} << (bit % 64);
    }
  }
  measure_words();
  if (collecting_) envelope_words_ = cur_;
}

namespace {

// The cells set in `words` (the plane's layout, `columns` wide), within rows [top, top + h).
std::vector<Cell> cells_of_words(const std::uint64_t* columns, std::int64_t stride,
                                 std::int64_t words, std::int64_t x0, std::int64_t y0,
                                 std::int64_t top, std::int64_t h) {
  std::vector<Cell> out;
  for (std::int64_t j = 0; j < words; ++j) {
    const std::uint64_t* c = columns + j * stride;
    for (std::int64_t y = top; y < top + h; ++y) {
      for (std::uint64_t w = c[y]; w != 0; w &= w - 1) {
        out.push_back(Cell{x0 + 64 * j + __builtin_ctzll(w), y0 + y});
      }
    }
  }
  return out;
}

}  // namespace

Patch BitPlane::patch() const {
  return Patch::from_cells(cells());
}

std::vector<Cell> BitPlane::cells() const {
  return cells_of_words(column(cur_, 0), stride_, words_, x0_, y0_, live_.y, live_.h);
}

void BitPlane::start_envelope() {
  collecting_ = true;
  envelope_cells_.clear();
  envelope_words_ = cur_;
}

void BitPlane::flush_envelope() {
  if (!collecting_ || envelope_words_.empty()) return;
  const std::vector<Cell> cells =
      cells_of_words(column(envelope_words_, 0), stride_, words_, x0_, y0_, 0, rows_);
  envelope_cells_.insert(envelope_cells_.end(), cells.begin(), cells.end());
  envelope_words_.clear();
}

Patch BitPlane::envelope() const {
  if (!collecting_) return Patch();
  std::vector<Cell> cells =
      cells_of_words(column(envelope_words_, 0), stride_, words_, x0_, y0_, 0, rows_);
  cells.insert(cells.end(), envelope_cells_.begin(), envelope_cells_.end());
  return Patch::from_cells(cells);
}

bool BitPlane::alive(std::int64_t x, std::int64_t y) const {
  return row_bits(x, y) & 1u;
}

std::uint64_t BitPlane::row_bits(std::int64_t x, std::int64_t y) const {
  const std::int64_t row = y - y0_;
  if (row < 0 || row >= rows_) return 0;
  const std::int64_t bit = x - x0_;
  const std::int64_t j = bit >= 0 ? bit / 64 : -((63 - bit) / 64);  // floor
  const int shift = static_cast<int>(bit - 64 * j);
  const auto word = [&](std::int64_t k) { return k >= 0 && k < words_ ? column(cur_, k)[row] : 0; };
  const std::uint64_t low = word(j) >> shift;
  return shift == 0 ? low : low | word(j + 1) << (64 - shift);
}

void BitPlane::clear(const std::vector<Cell>& cells) {
  for (const Cell& c : cells) {
    const std::int64_t bit = c.x - x0_;
    column(cur_, bit / 64)[c.y - y0_] &= ~(std::uint64_t{1} << (bit % 64));
  }
  forget_history();
  measure_words();
}

// The blocks', bands' and columns' ORs (see evolve_blocks) and the live box from the words.
void BitPlane::measure_words() {
  const std::int64_t bands = rows_ / kBand;
  std::fill(band_any_.begin(), band_any_.end(), 0);
  for (std::int64_t j = 0; j < words_; ++j) {
    const std::uint64_t* c = column(cur_, j);
    std::uint64_t column_any = 0;
    for (std::int64_t b = 0; b < bands; ++b) {
      std::uint64_t any = 0;
      for (int k = 0; k < kBand; ++k) any |= c[b * kBand + k];
      any_[static_cast<std::size_t>((j + 1) * (bands + 2) + b + 1)] = any;
      band_any_[static_cast<std::size_t>(b)] |= any;
      column_any |= any;
    }
    column_any_[static_cast<std::size_t>(j)] = column_any;
  }
  measure();
}

// The live box from the bands' and columns' ORs, and the exact rows from the words of the first
// and last band that hold a live cell.
void BitPlane::measure() {
  const std::int64_t bands = rows_ / kBand;
  std::int64_t first = 0;
  while (first < bands && band_any_[static_cast<std::size_t>(first)] == 0) ++first;
  if (first == bands) {
    live_ = Box{};
    return;
  }
  std::int64_t last = bands - 1;
  while (band_any_[static_cast<std::size_t>(last)] == 0) --last;
  const auto row_any = [&](std::int64_t y) {
    std::uint64_t any = 0;
    for (std::int64_t j = 0; j < words_; ++j) any |= column(cur_, j)[y];
    return any;
  };
  std::int64_t top = first * kBand;
  while (row_any(top) == 0) ++top;
  std::int64_t bottom = last * kBand + kBand - 1;
  while (row_any(bottom) == 0) --bottom;
  std::int64_t left = 0;
  while (column_any_[static_cast<std::size_t>(left)] == 0) ++left;
  std::int64_t right = words_ - 1;
  while (column_any_[static_cast<std::size_t>(right)] == 0) --right;
  live_.x = 64 * left + __builtin_ctzll(column_any_[static_cast<std::size_t>(left)]);
  const std::int64_t last_bit =
      64 * right + 63 - __builtin_clzll(column_any_[static_cast<std::size_t>(right)]);
  live_.y = top;
  live_.w = last_bit - live_.x + 1;
  live_.h = bottom - top + 1;
}

std::int64_t BitPlane::population() const {
  std::int64_t n = 0;
  for (std::int64_t j = 0; j < words_; ++j) n += population_of(column(cur_, j) + live_.y, live_.h);
  return n;
}

void BitPlane::recut() {
  flush_envelope();
  const std::int64_t shift = live_.x - kColumnMargin;  // new bit 0 is old bit `shift`
  const std::int64_t top = live_.y - kRowMargin;        // new row 0 is old row `top`
  const std::int64_t word_shift = shift >= 0 ? shift / 64 : -((63 - shift) / 64);
  const int bit_shift = static_cast<int>(shift - 64 * word_shift);
  std::vector<std::uint64_t> old = std::move(cur_);
  const std::int64_t old_words = words_;
  const std::int64_t old_rows = rows_;
  const std::int64_t old_stride = stride_;
  reshape((live_.w + 2 * kColumnMargin + 63) / 64, live_.h + 2 * kRowMargin);
  const auto old_column = [&](std::int64_t j) -> const std::uint64_t* {
    return j >= 0 && j < old_words ? old.data() + (j + 1) * old_stride + 1 : nullptr;
  };
  for (std::int64_t j = 0; j < words_; ++j) {
    const std::uint64_t* low = old_column(j + word_shift);
    const std::uint64_t* high = bit_shift != 0 ? old_column(j + word_shift + 1) : nullptr;
    if (!low && !high) continue;
    std::uint64_t* out = column(cur_, j);
    for (std::int64_t y = std::max<std::int64_t>(0, -top); y < rows_ && y + top < old_rows; ++y) {
      std::uint64_t w = low ? low[y + top] >> bit_shift : 0;
      if (high) w |= high[y + top] << (64 - bit_shift);
      out[y] = w;
    }
  }
  x0_ += shift;
  y0_ += top;
  measure_words();
  if (collecting_) envelope_words_ = cur_;
}

void BitPlane::step() {
  if (live_.w == 0) return;
  const bool touches = live_.x < 1 || live_.y < 1 || live_.x + live_.w > 64 * words_ - 1 ||
                       live_.y + live_.h > rows_ - 1;
  const bool loose =
      rows_ > 2 * live_.h + 8 * kRowMargin || 64 * words_ > 2 * live_.w + 8 * kColumnMargin;
  if (touches || loose) recut();
  if (quiet_) {
    // Period 1 or 2 everywhere: the next generation is the one before.
    std::swap(cur_, next_);
    std::swap(any_, any_next_);
    std::swap(live_, other_live_);
  } else {
    // Blocks may be skipped once both buffers hold generations stepped here, one after the
    // other; the count of changed blocks means something once next_ held the generation before.
    const Sweep sweep{words_,           rows_,          stride_,
                      history_ >= 2,    changed_.data(), changed_next_.data(),
                      any_next_.data(), band_any_.data(), column_any_.data()};
    const std::int64_t changes = evolve(column(cur_, 0), column(next_, 0), sweep, masks_);
    std::swap(cur_, next_);
    std::swap(changed_, changed_next_);
    std::swap(any_, any_next_);
    quiet_ = history_ >= 1 && changes == 0;
    history_ = std::min(history_ + 1, 2);
    other_live_ = live_;
    measure();
  }
  if (collecting_) {
    for (std::size_t i = 0; i < cur_.size(); ++i) envelope_words_[i] |= cur_[i];
  }
}

}  // namespace mpilife
