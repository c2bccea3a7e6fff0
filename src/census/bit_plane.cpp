#include "mpilife/census/bit_plane.hpp"

#include <algorithm>
#include <stdexcept>

namespace mpilife {

namespace {

// Dead rows kept above and below the live cells, and dead columns at least left and right, when
// the box is cut.
constexpr std::int64_t kRowMargin = 8;
constexpr std::int64_t kColumnMargin = 32;

void full_add(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t& sum,
              std::uint64_t& carry) {
  const std::uint64_t ab = a ^ b;
  sum = ab ^ c;
  carry = (a & b) | (c & ab);
}

}  // namespace

BitPlane::BitPlane(const Rule& rule) {
  if (rule.births(0)) {
    throw std::invalid_argument("rule " + rule.to_string() +
                                " has B0: an isolated pattern has no finite evolution");
  }
  for (int n = 0; n <= 8; ++n) {
    if (!rule.births(n) && !rule.survives(n)) continue;
    terms_.push_back(
        Term{n, rule.births(n) ? ~std::uint64_t{0} : 0, rule.survives(n) ? ~std::uint64_t{0} : 0});
  }
}

void BitPlane::assign(const Patch& p) {
  x0_ = p.x0() - kColumnMargin;
  y0_ = p.y0() - kRowMargin;
  words_ = (p.width() + 2 * kColumnMargin + 63) / 64;
  rows_ = p.height() + 2 * kRowMargin;
  cur_.assign(static_cast<std::size_t>(words_ * rows_), 0);
  next_.assign(cur_.size(), 0);
  previous_.assign(cur_.size(), 0);
  before_previous_.assign(cur_.size(), 0);
  history_ = 0;
  for (std::int64_t y = 0; y < p.height(); ++y) {
    std::uint64_t* row = cur_.data() + (y + kRowMargin) * words_;
    for (std::int64_t x = 0; x < p.width(); ++x) {
      if (!p.alive(x, y)) continue;
      const std::int64_t bit = x + kColumnMargin;
      row[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  }
  measure();
}

Patch BitPlane::patch() const {
  if (live_w_ == 0) return Patch();
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(live_w_ * live_h_), 0);
  for (std::int64_t y = 0; y < live_h_; ++y) {
    const std::uint64_t* row = cur_.data() + (y + live_y_) * words_;
    for (std::int64_t x = 0; x < live_w_; ++x) {
      const std::int64_t bit = x + live_x_;
      bytes[static_cast<std::size_t>(y * live_w_ + x)] =
          static_cast<std::uint8_t>((row[bit / 64] >> (bit % 64)) & 1u);
    }
  }
  return Patch::from_box(x0_ + live_x_, y0_ + live_y_, live_w_, live_h_, bytes);
}

std::int64_t BitPlane::population() const {
  std::int64_t n = 0;
  for (std::int64_t y = live_y_; y < live_y_ + live_h_; ++y) {
    const std::uint64_t* row = cur_.data() + y * words_;
    for (std::int64_t j = 0; j < words_; ++j) n += __builtin_popcountll(row[j]);
  }
  return n;
}

void BitPlane::measure() {
  std::int64_t top = -1;
  std::int64_t bottom = -1;
  columns_.assign(static_cast<std::size_t>(words_), 0);
  for (std::int64_t y = 0; y < rows_; ++y) {
    const std::uint64_t* row = cur_.data() + y * words_;
    std::uint64_t any = 0;
    for (std::int64_t j = 0; j < words_; ++j) {
      columns_[static_cast<std::size_t>(j)] |= row[j];
      any |= row[j];
    }
    if (any == 0) continue;
    if (top < 0) top = y;
    bottom = y;
  }
  set_live_box(top, bottom);
}

void BitPlane::set_live_box(std::int64_t top, std::int64_t bottom) {
  if (top < 0) {
    live_x_ = live_y_ = live_w_ = live_h_ = 0;
    return;
  }
  std::int64_t left = -1;
  std::int64_t right = -1;
  for (std::int64_t j = 0; j < words_; ++j) {
    const std::uint64_t c = columns_[static_cast<std::size_t>(j)];
    if (c == 0) continue;
    if (left < 0) left = 64 * j + __builtin_ctzll(c);
    right = 64 * j + 63 - __builtin_clzll(c);
  }
  live_x_ = left;
  live_y_ = top;
  live_w_ = right - left + 1;
  live_h_ = bottom - top + 1;
}

void BitPlane::recut() {
  assign(patch());
}

void BitPlane::step() {
  if (live_w_ == 0) return;
  const bool touches = live_x_ < 1 || live_y_ < 1 || live_x_ + live_w_ > 64 * words_ - 1 ||
                       live_y_ + live_h_ > rows_ - 1;
  const bool loose =
      rows_ > 2 * live_h_ + 8 * kRowMargin || 64 * words_ > 2 * live_w_ + 8 * kColumnMargin;
  if (touches || loose) recut();

  std::fill(next_.begin(), next_.end(), 0);
  const std::int64_t y_begin = live_y_ - 1;
  const std::int64_t y_end = live_y_ + live_h_ + 1;
  const std::int64_t j_begin = std::max<std::int64_t>(0, (live_x_ - 1) / 64);
  const std::int64_t j_end = std::min<std::int64_t>(words_, (live_x_ + live_w_) / 64 + 1);
  // Rows y_begin - 1 and y_end lie inside the box (live cells keep a row from its edges) or are
  // dead; each row is read through pointers, with the words left and right of the range dead.
  const std::uint64_t* rows = cur_.data();
  // Rows whose words (around the range) equal those one and two generations ago: a row whose
  // neighbourhood repeats the last generation's (or the one before) repeats its successor.
  const std::int64_t k_begin = std::max<std::int64_t>(0, j_begin - 1);
  const std::int64_t k_end = std::min<std::int64_t>(words_, j_end + 1);
  same_as_previous_.assign(static_cast<std::size_t>(rows_), 0);
  same_as_before_.assign(static_cast<std::size_t>(rows_), 0);
  for (std::int64_t y = std::max<std::int64_t>(0, y_begin - 1);
       y < std::min<std::int64_t>(rows_, y_end + 1); ++y) {
    const std::size_t at_row = static_cast<std::size_t>(y * words_);
    const auto same = [&](const std::vector<std::uint64_t>& other) {
      std::uint64_t differ = 0;
      for (std::int64_t k = k_begin; k < k_end; ++k) {
        const std::size_t i = at_row + static_cast<std::size_t>(k);
        differ |= cur_[i] ^ other[i];
      }
      return differ == 0;
    };
    same_as_previous_[static_cast<std::size_t>(y)] = history_ >= 1 && same(previous_);
    same_as_before_[static_cast<std::size_t>(y)] = history_ >= 2 && same(before_previous_);
  }
  const auto repeats = [&](const std::vector<std::uint8_t>& same, std::int64_t y) {
    return (y == 0 || same[static_cast<std::size_t>(y - 1)]) && same[static_cast<std::size_t>(y)] &&
           (y + 1 == rows_ || same[static_cast<std::size_t>(y + 1)]);
  };
  const auto compute_row = [&](std::int64_t y, std::uint64_t* out_row) {
    const std::uint64_t* above = y > 0 ? rows + (y - 1) * words_ : nullptr;
    const std::uint64_t* here = rows + y * words_;
    const std::uint64_t* below = y + 1 < rows_ ? rows + (y + 1) * words_ : nullptr;
    auto at = [&](const std::uint64_t* row, std::int64_t j) -> std::uint64_t {
      return row && j >= 0 && j < words_ ? row[j] : 0;
    };
    std::uint64_t a_l = at(above, j_begin - 1), a_m = at(above, j_begin);
    std::uint64_t h_l = at(here, j_begin - 1), h_m = at(here, j_begin);
    std::uint64_t b_l = at(below, j_begin - 1), b_m = at(below, j_begin);
    for (std::int64_t j = j_begin; j < j_end; ++j) {
      const std::uint64_t a_r = at(above, j + 1);
      const std::uint64_t h_r = at(here, j + 1);
      const std::uint64_t b_r = at(below, j + 1);
      std::uint64_t s_a, c_a, s_b, c_b;
      full_add((a_m << 1) | (a_l >> 63), a_m, (a_m >> 1) | (a_r << 63), s_a, c_a);
      full_add((b_m << 1) | (b_l >> 63), b_m, (b_m >> 1) | (b_r << 63), s_b, c_b);
      const std::uint64_t left = (h_m << 1) | (h_l >> 63);
      const std::uint64_t right = (h_m >> 1) | (h_r << 63);
      const std::uint64_t s_c = left ^ right;
      const std::uint64_t c_c = left & right;
      std::uint64_t bit0, c_1;
      full_add(s_a, s_b, s_c, bit0, c_1);
      std::uint64_t t_0, t_1;
      full_add(c_a, c_b, c_c, t_0, t_1);
      const std::uint64_t bit1 = t_0 ^ c_1;
      const std::uint64_t c_2 = t_0 & c_1;
      const std::uint64_t bit2 = t_1 ^ c_2;
      const std::uint64_t bit3 = t_1 & c_2;
      const std::uint64_t alive = h_m;
      std::uint64_t out = 0;
      for (const Term& term : terms_) {
        const int n = term.count;
        const std::uint64_t eq = ((n & 1) ? bit0 : ~bit0) & ((n & 2) ? bit1 : ~bit1) &
                                 ((n & 4) ? bit2 : ~bit2) & ((n & 8) ? bit3 : ~bit3);
        out |= eq & (term.keep_dead | alive) & (term.keep_alive | ~alive);
      }
      out_row[j] = out;
      a_l = a_m, a_m = a_r;
      h_l = h_m, h_m = h_r;
      b_l = b_m, b_m = b_r;
    }
  };
  columns_.assign(static_cast<std::size_t>(words_), 0);
  std::int64_t top = -1;
  std::int64_t bottom = -1;
  for (std::int64_t y = y_begin; y < y_end; ++y) {
    std::uint64_t* out_row = next_.data() + y * words_;
    if (repeats(same_as_previous_, y)) {
      std::copy(rows + y * words_ + j_begin, rows + y * words_ + j_end, out_row + j_begin);
    } else if (repeats(same_as_before_, y)) {
      const std::uint64_t* last = previous_.data() + y * words_;
      std::copy(last + j_begin, last + j_end, out_row + j_begin);
    } else {
      compute_row(y, out_row);
    }
    std::uint64_t any = 0;
    for (std::int64_t j = j_begin; j < j_end; ++j) {
      any |= out_row[j];
      columns_[static_cast<std::size_t>(j)] |= out_row[j];
    }
    if (any != 0) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  std::swap(before_previous_, previous_);
  std::swap(previous_, cur_);
  std::swap(cur_, next_);
  history_ = std::min(history_ + 1, 2);
  set_live_box(top, bottom);
}

}  // namespace mpilife
