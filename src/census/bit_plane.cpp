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

__attribute__((always_inline)) inline void full_add(std::uint64_t a, std::uint64_t b,
                                                    std::uint64_t c, std::uint64_t& sum,
                                                    std::uint64_t& carry) {
  const std::uint64_t ab = a ^ b;
  sum = ab ^ c;
  carry = (a & b) | (c & ab);
}

// The next state of the 64 cells of `h` from the words around them (a: above, b: below; _l and _r
// the words left and right, whose edge bits are the neighbours across the word boundary), as the
// bit planes of the neighbour count and the rule's masks.
template <bool kLife>
__attribute__((always_inline)) inline std::uint64_t next_word(std::uint64_t a_l, std::uint64_t a,
                                                              std::uint64_t a_r, std::uint64_t h_l,
                                                              std::uint64_t h, std::uint64_t h_r,
                                                              std::uint64_t b_l, std::uint64_t b,
                                                              std::uint64_t b_r,
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

// One generation of the plane's columns from `cur` into `next` (same layout: column j at j *
// stride, with its zero neighbours at rows -1 and `rows`, and zero columns at j = -1 and j =
// words), in blocks of one column by kBand rows. `next` holds the generation before `cur`; a
// block is left as it is there when none of its cells and none of the cells around it changed
// between the two generations before (`cur.changed`), for then its next generation is the one
// before (a neighbourhood repeating with period 1 or 2). Only bands within a band of a change are
// visited at all, and those `next` recorded changes in (which must be cleared). For the blocks
// stepped, `next.changed` gets the XOR of the new words with the ones they replace (ORed over the
// rows, and for the first and last row) and `next.any` their OR; then the bands' and columns'
// ORs. Returns the number of blocks that changed. Always inlined into `evolve`, which is compiled
// for AVX-512, AVX2 and the baseline (the loader picks the best the processor runs).
template <bool kLife>
__attribute__((always_inline)) inline std::int64_t evolve_blocks(const BitPlane::Layer& cur,
                                                                 BitPlane::Layer& next,
                                                                 const BitPlane::Shape& shape,
                                                                 bool may_skip,
                                                                 const BitPlane::Masks& m) {
  using Change = BitPlane::Change;
  const std::int64_t stride = shape.stride;
  const std::int64_t bands = shape.rows / kBand;
  const std::int64_t block_stride = bands + 2;
  std::int64_t from = 0;
  std::int64_t to = bands;
  if (may_skip) {
    from = std::min(std::max<std::int64_t>(0, cur.changed_from - 1), next.changed_from);
    to = std::max(std::min(bands, cur.changed_to + 1), next.changed_to);
  }
  std::int64_t changes = 0;
  std::int64_t changed_from = bands;
  std::int64_t changed_to = 0;
  std::fill(next.band_any.begin() + from, next.band_any.begin() + std::max(from, to), 0);
  for (std::int64_t j = 0; j < shape.words; ++j) {
    const Change* changed = cur.changed.data() + (j + 1) * block_stride + 1;
    const Change* left = changed - block_stride;
    const Change* right = changed + block_stride;
    Change* changed_next = next.changed.data() + (j + 1) * block_stride + 1;
    std::uint64_t* any_next = next.any.data() + (j + 1) * block_stride + 1;
    const std::uint64_t* cur_column = cur.words.data() + (j + 1) * stride + 1;
    std::uint64_t* next_column = next.words.data() + (j + 1) * stride + 1;
    for (std::int64_t b = from; b < to; ++b) {
      if (may_skip && (changed[b].rows | changed[b - 1].last | changed[b + 1].first |
                       ((left[b].rows | left[b - 1].last | left[b + 1].first) >> 63) |
                       ((right[b].rows | right[b - 1].last | right[b + 1].first) & 1u)) == 0) {
        changed_next[b] = Change{};
      } else {
        // The new words first (loads only), then the stores: no aliasing stands in the way of
        // one vector per block.
        const std::uint64_t* c = cur_column + b * kBand;
        const std::uint64_t* l = c - stride;
        const std::uint64_t* r = c + stride;
        std::uint64_t fresh[kBand];
        for (int k = 0; k < kBand; ++k) {
          fresh[k] = next_word<kLife>(l[k - 1], c[k - 1], r[k - 1], l[k], c[k], r[k], l[k + 1],
                                      c[k + 1], r[k + 1], m);
        }
        std::uint64_t* __restrict out = next_column + b * kBand;
        Change change{0, fresh[0] ^ out[0], fresh[kBand - 1] ^ out[kBand - 1]};
        std::uint64_t any = 0;
        for (int k = 0; k < kBand; ++k) {
          change.rows |= fresh[k] ^ out[k];
          out[k] = fresh[k];
          any |= fresh[k];
        }
        changed_next[b] = change;
        any_next[b] = any;
        if (change.rows != 0) {
          ++changes;
          changed_from = std::min(changed_from, b);
          changed_to = std::max(changed_to, b + 1);
        }
      }
      next.band_any[static_cast<std::size_t>(b)] |= any_next[b];
    }
    std::uint64_t column_any = 0;
    for (std::int64_t b = 0; b < bands; ++b) column_any |= any_next[b];
    next.column_any[static_cast<std::size_t>(j)] = column_any;
  }
  next.changed_from = std::min(changed_from, changed_to);
  next.changed_to = changed_to;
  return changes;
}

__attribute__((target_clones("avx512f", "avx2", "default"))) std::int64_t evolve(
    const BitPlane::Layer& cur, BitPlane::Layer& next, const BitPlane::Shape& shape, bool may_skip,
    const BitPlane::Masks& m) {
  return m.life ? evolve_blocks<true>(cur, next, shape, may_skip, m)
                : evolve_blocks<false>(cur, next, shape, may_skip, m);
}

__attribute__((target_clones("popcnt", "default"))) std::int64_t population_of(
    const std::uint64_t* words, std::int64_t n) {
  std::int64_t count = 0;
  for (std::int64_t i = 0; i < n; ++i) count += __builtin_popcountll(words[i]);
  return count;
}

// The cells set in `columns` (the plane's layout, `words` columns of `stride` words from the
// first row), within rows [top, top + h).
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

BitPlane::BitPlane(const Rule& rule) {
  if (rule.births(0)) {
    throw std::invalid_argument("rule " + rule.to_string() +
                                " has B0: an isolated pattern has no finite evolution");
  }
  masks_.life = rule.is_conway();
  for (int n = 0; n <= 8; ++n) {
    masks_.born[n] = rule.births(n) ? ~std::uint64_t{0} : 0;
    masks_.keeps[n] = rule.survives(n) ? ~std::uint64_t{0} : 0;
  }
}

// A plane of `words` columns and at least `rows` rows (a whole number of bands), all dead, with
// no history of generations before.
void BitPlane::reshape(std::int64_t words, std::int64_t rows) {
  shape_.words = words;
  shape_.rows = (rows + kBand - 1) / kBand * kBand;
  shape_.stride = shape_.rows + 2;
  const std::int64_t bands = shape_.rows / kBand;
  const auto blocks = static_cast<std::size_t>((words + 2) * (bands + 2));
  for (Layer* layer : {&cur_, &next_}) {
    layer->words.assign(static_cast<std::size_t>((words + 2) * shape_.stride), 0);
    layer->changed.assign(blocks, Change{});
    layer->any.assign(blocks, 0);
    layer->band_any.assign(static_cast<std::size_t>(bands), 0);
    layer->column_any.assign(static_cast<std::size_t>(words), 0);
    layer->changed_from = layer->changed_to = 0;
    layer->live = Box{};
  }
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
  if (collecting_) envelope_words_ = cur_.words;
}

Patch BitPlane::patch() const {
  return Patch::from_cells(cells());
}

std::vector<Cell> BitPlane::cells() const {
  return cells_of_words(column(cur_, 0), shape_.stride, shape_.words, x0_, y0_, cur_.live.y,
                        cur_.live.h);
}

void BitPlane::start_envelope() {
  collecting_ = true;
  envelope_cells_.clear();
  envelope_words_ = cur_.words;
}

void BitPlane::flush_envelope() {
  if (!collecting_ || envelope_words_.empty()) return;
  const std::vector<Cell> cells =
      cells_of_words(envelope_words_.data() + shape_.stride + 1, shape_.stride, shape_.words, x0_,
                     y0_, 0, shape_.rows);
  envelope_cells_.insert(envelope_cells_.end(), cells.begin(), cells.end());
  envelope_words_.clear();
}

Patch BitPlane::envelope() const {
  if (!collecting_) return Patch();
  std::vector<Cell> cells = cells_of_words(envelope_words_.data() + shape_.stride + 1,
                                           shape_.stride, shape_.words, x0_, y0_, 0, shape_.rows);
  cells.insert(cells.end(), envelope_cells_.begin(), envelope_cells_.end());
  return Patch::from_cells(cells);
}

bool BitPlane::alive(std::int64_t x, std::int64_t y) const {
  return row_bits(x, y) & 1u;
}

std::uint64_t BitPlane::row_bits(std::int64_t x, std::int64_t y) const {
  const std::int64_t row = y - y0_;
  if (row < 0 || row >= shape_.rows) return 0;
  const std::int64_t bit = x - x0_;
  const std::int64_t j = bit >= 0 ? bit / 64 : -((63 - bit) / 64);  // floor
  const int shift = static_cast<int>(bit - 64 * j);
  const auto word = [&](std::int64_t k) {
    return k >= 0 && k < shape_.words ? column(cur_, k)[row] : 0;
  };
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

// The current generation's blocks', bands' and columns' ORs (see evolve_blocks) from its words,
// and its live box.
void BitPlane::measure_words() {
  const std::int64_t bands = shape_.rows / kBand;
  std::fill(cur_.band_any.begin(), cur_.band_any.end(), 0);
  for (std::int64_t j = 0; j < shape_.words; ++j) {
    const std::uint64_t* c = column(cur_, j);
    std::uint64_t column_any = 0;
    for (std::int64_t b = 0; b < bands; ++b) {
      std::uint64_t any = 0;
      for (int k = 0; k < kBand; ++k) any |= c[b * kBand + k];
      cur_.any[static_cast<std::size_t>((j + 1) * (bands + 2) + b + 1)] = any;
      cur_.band_any[static_cast<std::size_t>(b)] |= any;
      column_any |= any;
    }
    cur_.column_any[static_cast<std::size_t>(j)] = column_any;
  }
  measure();
}

// The current generation's live box from its bands' and columns' ORs, and the exact rows from
// the words of the first and last band that hold a live cell.
void BitPlane::measure() {
  const std::int64_t bands = shape_.rows / kBand;
  const std::vector<std::uint64_t>& band_any = cur_.band_any;
  const std::vector<std::uint64_t>& column_any = cur_.column_any;
  std::int64_t first = 0;
  while (first < bands && band_any[static_cast<std::size_t>(first)] == 0) ++first;
  if (first == bands) {
    cur_.live = Box{};
    return;
  }
  std::int64_t last = bands - 1;
  while (band_any[static_cast<std::size_t>(last)] == 0) --last;
  const auto row_any = [&](std::int64_t y) {
    std::uint64_t any = 0;
    for (std::int64_t j = 0; j < shape_.words; ++j) any |= column(cur_, j)[y];
    return any;
  };
  std::int64_t top = first * kBand;
  while (row_any(top) == 0) ++top;
  std::int64_t bottom = last * kBand + kBand - 1;
  while (row_any(bottom) == 0) --bottom;
  std::int64_t left = 0;
  while (column_any[static_cast<std::size_t>(left)] == 0) ++left;
  std::int64_t right = shape_.words - 1;
  while (column_any[static_cast<std::size_t>(right)] == 0) --right;
  Box& live = cur_.live;
  live.x = 64 * left + __builtin_ctzll(column_any[static_cast<std::size_t>(left)]);
  const std::int64_t last_bit =
      64 * right + 63 - __builtin_clzll(column_any[static_cast<std::size_t>(right)]);
  live.y = top;
  live.w = last_bit - live.x + 1;
  live.h = bottom - top + 1;
}

std::int64_t BitPlane::population() const {
  std::int64_t n = 0;
  for (std::int64_t j = 0; j < shape_.words; ++j) {
    n += population_of(column(cur_, j) + cur_.live.y, cur_.live.h);
  }
  return n;
}

// The live box with the margins again, its words moved by whole rows and by any number of bits.
void BitPlane::recut() {
  flush_envelope();
  const Box live = cur_.live;
  const std::int64_t shift = live.x - kColumnMargin;  // new bit 0 is old bit `shift`
  const std::int64_t top = live.y - kRowMargin;       // new row 0 is old row `top`
  const std::int64_t word_shift = shift >= 0 ? shift / 64 : -((63 - shift) / 64);
  const int bit_shift = static_cast<int>(shift - 64 * word_shift);
  const std::vector<std::uint64_t> old = std::move(cur_.words);
  const Shape old_shape = shape_;
  reshape((live.w + 2 * kColumnMargin + 63) / 64, live.h + 2 * kRowMargin);
  const auto old_column = [&](std::int64_t j) -> const std::uint64_t* {
    return j >= 0 && j < old_shape.words ? old.data() + (j + 1) * old_shape.stride + 1 : nullptr;
  };
  for (std::int64_t j = 0; j < shape_.words; ++j) {
    const std::uint64_t* low = old_column(j + word_shift);
    const std::uint64_t* high = bit_shift != 0 ? old_column(j + word_shift + 1) : nullptr;
    if (!low && !high) continue;
    std::uint64_t* out = column(cur_, j);
    for (std::int64_t y = std::max<std::int64_t>(0, -top);
         y < shape_.rows && y + top < old_shape.rows; ++y) {
      std::uint64_t w = low ? low[y + top] >> bit_shift : 0;
      if (high) w |= high[y + top] << (64 - bit_shift);
      out[y] = w;
    }
  }
  x0_ += shift;
  y0_ += top;
  measure_words();
  if (collecting_) envelope_words_ = cur_.words;
}

void BitPlane::step() {
  const Box& live = cur_.live;
  if (live.w == 0) return;
  const bool touches = live.x < 1 || live.y < 1 || live.x + live.w > 64 * shape_.words - 1 ||
                       live.y + live.h > shape_.rows - 1;
  const bool loose = shape_.rows > 2 * live.h + 8 * kRowMargin ||
                     64 * shape_.words > 2 * live.w + 8 * kColumnMargin;
  if (touches || loose) recut();
  const bool quiet = quiet_;
  if (!quiet) {
    // Blocks may be skipped once both layers hold generations stepped here, one after the
    // other; the count of changed blocks means something once next_ held the generation before.
    const std::int64_t changes = evolve(cur_, next_, shape_, history_ >= 2, masks_);
    quiet_ = history_ >= 1 && changes == 0;
    history_ = std::min(history_ + 1, 2);
  }
  // Quiet (period 1 or 2 everywhere), the next generation is the one before, as it stands.
  std::swap(cur_, next_);
  if (!quiet) measure();
  if (collecting_) {
    for (std::size_t i = 0; i < cur_.words.size(); ++i) envelope_words_[i] |= cur_.words[i];
  }
}

}  // namespace mpilife
