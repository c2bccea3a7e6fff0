#include "mpilife/census/wechsler.hpp"

#include <cstdint>

#include "mpilife/core/error.hpp"

namespace mpilife {

namespace {

constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";

// The column of strip `strip` at x as a number 0..31: bit k = row 5 * strip + k alive.
int strip_column(const Patch& p, std::int64_t strip, std::int64_t x) {
  int bits = 0;
  for (std::int64_t k = 0; k < 5; ++k) {
    const std::int64_t y = 5 * strip + k;
    if (y < p.height() && p.alive(x, y)) bits |= 1 << k;
  }
  return bits;
}

// The characters for `zeroes` zero columns followed by a live column.
void append_zero_run(std::string& out, std::int64_t zeroes) {
  while (zeroes >= 40) {
    out += "yz";
    zeroes -= 39;
  }
  if (zeroes == 1) {
    out += '0';
  } else if (zeroes == 2) {
    out += 'w';
  } else if (zeroes == 3) {
    out += 'x';
  } else if (zeroes >= 4) {
    out += 'y';
    out += kDigits[static_cast<std::size_t>(zeroes - 4)];
  }
}

// The value 0..35 of a Wechsler character; -1 for any other character.
int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string wechsler(const Patch& p) {
  std::string out;
  const std::int64_t strips = p.empty() ? 0 : (p.height() + 4) / 5;
  for (std::int64_t strip = 0; strip < strips; ++strip) {
    if (strip != 0) out += 'z';
    std::int64_t zeroes = 0;
    for (std::int64_t x = 0; x < p.width(); ++x) {
      const int bits = strip_column(p, strip, x);
      if (bits == 0) {
        ++zeroes;
        continue;
      }
      append_zero_run(out, zeroes);
      zeroes = 0;
      out += kDigits[static_cast<std::size_t>(bits)];
    }
  }
  while (!out.empty() && out.back() == 'z') out.pop_back();
  return out.empty() ? "0" : out;
}

bool simpler_code(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

std::string canonical_wechsler(const Patch& p) {
  std::string best = wechsler(p);
  for (int s = 1; s < kSquareSymmetries; ++s) {
    std::string candidate = wechsler(p.transformed(s));
    if (simpler_code(candidate, best)) best = std::move(candidate);
  }
  return best;
}

Patch decode_wechsler(std::string_view text) {
  std::vector<Cell> cells;
  std::int64_t x = 0;
  std::int64_t y = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int value = digit_value(text[i]);
    if (value < 0) {
      throw Error(ExitCode::data, "Wechsler text \"" + std::string(text) + "\" at position " +
                                      std::to_string(i + 1) + ": '" + std::string(1, text[i]) +
                                      "' is not one of 0-9, a-z");
    }
    if (value < 32) {
      for (int k = 0; k < 5; ++k) {
        if ((value >> k) & 1) cells.push_back(Cell{x, y + k});
      }
      ++x;
    } else if (value == 32) {
      x += 2;
    } else if (value == 33) {
      x += 3;
    } else if (value == 34) {
      if (i + 1 == text.size() || digit_value(text[i + 1]) < 0) {
        throw Error(ExitCode::data, "Wechsler text \"" + std::string(text) + "\" at position " +
                                        std::to_string(i + 1) +
                                        ": 'y' needs a run length (0-9, a-z) after it");
      }
      x += 4 + digit_value(text[++i]);
    } else {
      x = 0;
      y += 5;
    }
  }
  return Patch::from_cells(cells);
}

}  // namespace mpilife
