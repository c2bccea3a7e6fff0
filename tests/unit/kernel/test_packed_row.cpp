// Rows as packed words: read_row_bits gives the bytes of read_row as plain-order bits on both
// kernels, and block counts from the words equal a byte-by-byte count, for odd tile sizes, any
// block scale (dividing 64 or not, below, at and above 64, wider than the row) and ranges that
// start anywhere within a word and within a block.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/kernel/packed_row.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"

using namespace mpilife;

namespace {

struct Size {
  std::int64_t w;
  std::int64_t h;
};

// Odd sizes around the word edges, and a few random widths (fixed seed).
std::vector<Size> tile_sizes() {
  std::vector<Size> sizes = {{1, 1}, {63, 5}, {64, 2}, {65, 7}, {129, 33}, {1000, 3}};
  std::mt19937_64 random(13);
  for (int i = 0; i < 6; ++i) {
    sizes.push_back({static_cast<std::int64_t>(random() % 700) + 1,
                     static_cast<std::int64_t>(random() % 4) + 1});
  }
  return sizes;
}

// The block counts add_block_counts must add, one byte (one cell) at a time.
std::vector<std::uint32_t> byte_counts(const std::vector<std::uint8_t>& row, std::int64_t x_begin,
                                       std::int64_t x_end, std::int64_t x0, std::int64_t scale,
                                       std::vector<std::uint32_t> counts) {
  for (std::int64_t x = x_begin; x < x_end; ++x) {
    counts[static_cast<std::size_t>((x - x0) / scale)] += row[static_cast<std::size_t>(x)];
  }
  return counts;
}

// Column ranges [x_begin, x_end) of a w-cell row: whole, word and block edges, single cells.
std::vector<std::pair<std::int64_t, std::int64_t>> ranges(std::int64_t w) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (std::int64_t b : {0, 1, 5, 37, 63, 64, 65, 127, 130, 333}) {
    for (std::int64_t e : {w, w - 1, b + 1, b + 64, b + 65, b + 200}) {
      if (b < e && e <= w) out.emplace_back(b, e);
    }
  }
  out.emplace_back(w / 2, w);
  return out;
}

}  // namespace

TEST_CASE("read_row_bits holds read_row's cells as plain-order words with dead padding") {
  // The reference tile, the fast one and the fast one with ghosts 3 deep (cells stored off word
  // boundaries).
  for (const auto& [kind, depth] :
       {std::pair{KernelKind::reference, 1}, std::pair{KernelKind::fast, 1},
        std::pair{KernelKind::fast, 3}}) {
    for (const Size s : tile_sizes()) {
      if (depth > std::min(s.w, s.h)) continue;
      CAPTURE(to_string(kind));
      CAPTURE(depth);
      CAPTURE(s.w);
      auto tile = make_tile(kind, s.w, s.h, Rule{}, depth);
      load(*tile, soup_grid(s.w, s.h, 5, 0.5));
      std::vector<std::uint8_t> bytes(static_cast<std::size_t>(s.w));
      std::vector<std::uint64_t> words(static_cast<std::size_t>(packed_words(s.w)) + 1, ~0ULL);
      std::int64_t live = 0;
      for (std::int64_t y = 0; y < s.h; ++y) {
        tile->read_row(y, bytes.data());
        tile->read_row_bits(y, words.data());
        bool same = true;
        for (std::int64_t x = 0; x < packed_words(s.w) * 64; ++x) {
          const auto bit =
              static_cast<std::uint8_t>((words[static_cast<std::size_t>(x / 64)] >> (x % 64)) & 1);
          same = same && bit == (x < s.w ? bytes[static_cast<std::size_t>(x)] : 0);
          live += bit;
        }
        CHECK(same);
        CHECK(words.back() == ~0ULL);  // wrote packed_words(w) words, no more
      }
      CHECK(live == tile->population());
    }
  }
}

TEST_CASE("pack_row packs bytes into words, non-zero alive, padding dead") {
  const std::vector<std::uint8_t> bytes = {1, 0, 7, 0, 0, 255, 1};
  std::vector<std::uint64_t> word(1, ~0ULL);
  pack_row(bytes.data(), static_cast<std::int64_t>(bytes.size()), word.data());
  CHECK(word[0] == 0b1100101u);
}

TEST_CASE("block counts from packed words equal the byte-by-byte counts on random tiles") {
  const std::vector<std::int64_t> scales = {1,  2,  3,  4,   7,   8,   16,  32,
                                            63, 64, 65, 100, 128, 129, 1000};
  std::int64_t cases = 0;
  for (KernelKind kind : {KernelKind::reference, KernelKind::fast}) {
    for (const Size s : tile_sizes()) {
      for (double density : {0.0, 0.5, 1.0}) {
        auto tile = make_tile(kind, s.w, s.h, Rule{});
        load(*tile, soup_grid(s.w, s.h, static_cast<std::uint64_t>(s.w), density));
        std::vector<std::uint8_t> bytes(static_cast<std::size_t>(s.w));
        std::vector<std::uint64_t> words(static_cast<std::size_t>(packed_words(s.w)));
        for (std::int64_t y = 0; y < s.h; ++y) {
          tile->read_row(y, bytes.data());
          tile->read_row_bits(y, words.data());
          std::vector<std::int64_t> all_scales = scales;
          all_scales.push_back(s.w + 1);  // wider than the row
          for (std::int64_t scale : all_scales) {
            for (const auto& [x_begin, x_end] : ranges(s.w)) {
              // Blocks from the range's start, from before it (not a multiple of the scale
              // away), from column 0, and from before the row.
              for (std::int64_t x0 : {x_begin, x_begin - 1, x_begin - scale + 1, std::int64_t{0},
                                      x_begin - 3 * scale - 5}) {
                if (x0 > x_begin) continue;
                const auto blocks = static_cast<std::size_t>((x_end - 1 - x0) / scale + 2);
                std::vector<std::uint32_t> start(blocks);
                for (std::size_t i = 0; i < blocks; ++i)
                  start[i] = static_cast<std::uint32_t>(3 * i);
                std::vector<std::uint32_t> got = start;  // counts are added, not set
                add_block_counts(words.data(), x_begin, x_end, x0, scale, got.data());
                const std::vector<std::uint32_t> want =
                    byte_counts(bytes, x_begin, x_end, x0, scale, start);
                if (got != want) {
                  CAPTURE(to_string(kind));
                  CAPTURE(s.w);
                  CAPTURE(y);
                  CAPTURE(density);
                  CAPTURE(scale);
                  CAPTURE(x_begin);
                  CAPTURE(x_end);
                  CAPTURE(x0);
                  CHECK(got == want);
                }
                ++cases;
              }
            }
          }
        }
      }
    }
  }
  CHECK(cases > 100000);
}

TEST_CASE("block counts of whole tiles from for_each_row_bits equal the cells' block sums") {
  for (KernelKind kind : {KernelKind::reference, KernelKind::fast}) {
    const std::int64_t w = 301;
    const std::int64_t h = 45;
    const CellArray cells = soup_grid(w, h, 77, 0.5);
    auto tile = make_tile(kind, w, h, Rule{});
    load(*tile, cells);
    for (std::int64_t scale : {1, 5, 64, 70}) {
      const std::int64_t bw = (w + scale - 1) / scale;
      std::vector<std::uint32_t> got(static_cast<std::size_t>(bw * ((h + scale - 1) / scale)));
      std::vector<std::uint32_t> want = got;
      for_each_row_bits(*tile, 0, h, [&](std::int64_t y, const std::uint64_t* words) {
        add_block_counts(words, 0, w, 0, scale, got.data() + y / scale * bw);
      });
      for (std::int64_t y = 0; y < h; ++y) {
        for (std::int64_t x = 0; x < w; ++x) {
          want[static_cast<std::size_t>(y / scale * bw + x / scale)] += cells(y, x);
        }
      }
      CAPTURE(to_string(kind));
      CAPTURE(scale);
      CHECK(got == want);
      CHECK(std::count(got.begin(), got.end(), 0u) < static_cast<std::ptrdiff_t>(got.size()));
    }
  }
}
