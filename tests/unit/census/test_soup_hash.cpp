#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "mpilife/census/soup_hash.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/io/pattern.hpp"

using namespace mpilife;

namespace {

// Soup k_mpilife0 as apgsearch 5.2 (lifelib 2.5.7) derives it, from
// /work/shared/reference/apgsearch-census-k_mpilife-5000.txt (the reference census of seed
// k_mpilife, soups k_mpilife0 .. k_mpilife4999, that mpilife census is compared with).
const char* const kApgsearchSoupKMpilife0 =
    "x = 16, y = 16, rule = B3/S23\n"
    "o5b3o5b2o$5b2ob3ob2obo$2b3ob7ob2o$ob3ob3o2bo2b2o$o2b2ob2obo3b3o$2obo2b6ob2o$"
    "b2o2b2ob4obobo$bo3b6o3bo$b3obobobo2b2obo$2b3ob4o2b2o$2bo2b2o2bobo3bo$3o2b10o$"
    "2bobo2bo2bobob2o$b2o3b4o2b2o$5bob3ob2o2bo$2bo3b2o5b2o!\n";

std::string hex(const Sha256Digest& digest) {
  static const char* const kDigits = "0123456789abcdef";
  std::string text;
  for (const std::uint8_t byte : digest) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 15];
  }
  return text;
}

// The 16 x 16 picture of `cells`, row-major, 1 = alive; every cell must lie inside it.
std::vector<int> picture(const std::vector<Cell>& cells) {
  std::vector<int> bits(static_cast<std::size_t>(kSoupSide * kSoupSide), 0);
  for (const Cell& c : cells) {
    REQUIRE(c.x >= 0);
    REQUIRE(c.x < kSoupSide);
    REQUIRE(c.y >= 0);
    REQUIRE(c.y < kSoupSide);
    bits[static_cast<std::size_t>(c.y * kSoupSide + c.x)] = 1;
  }
  return bits;
}

// `bits` with cell (x, y) moved to (moved(x), y).
std::vector<int> remap_columns(const std::vector<int>& bits,
                               const std::function<std::int64_t(std::int64_t)>& moved) {
  std::vector<int> out(bits.size(), 0);
  for (std::int64_t y = 0; y < kSoupSide; ++y) {
    for (std::int64_t x = 0; x < kSoupSide; ++x) {
      out[static_cast<std::size_t>(y * kSoupSide + moved(x))] =
          bits[static_cast<std::size_t>(y * kSoupSide + x)];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("SHA-256 of the FIPS 180-2 test vectors") {
  CHECK(hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hex(sha256(std::string(1'000'000, 'a'))) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 hashes every byte of the view, NULs included, and nothing beyond it") {
  const std::string text("ab\0c", 4);
  CHECK(sha256(text) != sha256("ab"));
  CHECK(sha256(std::string_view("abcdef").substr(0, 3)) == sha256("abc"));
}

TEST_CASE("soup names are the seed followed by the index in decimal") {
  CHECK(soup_name("k_mpilife", 0) == "k_mpilife0");
  CHECK(soup_name("k_mpilife", 4999) == "k_mpilife4999");
  CHECK(soup_name("", 7) == "7");
  CHECK(soup_name("seed", 18446744073709551615ull) == "seed18446744073709551615");
}

TEST_CASE("digest bytes map to cells: byte 2y+1 is x = 0..7 and byte 2y is x = 8..15, LSB left") {
  Sha256Digest digest{};
  CHECK(soup_from_digest(digest).empty());
  digest[1] = 0x01;   // row 0, x = 0
  digest[0] = 0x80;   // row 0, x = 15
  digest[31] = 0x02;  // row 15, x = 1
  digest[30] = 0x01;  // row 15, x = 8
  digest[5] = 0x90;   // row 2, x = 4 and 7
  const std::vector<Cell> expected{{0, 0}, {15, 0}, {4, 2}, {7, 2}, {1, 15}, {8, 15}};
  CHECK(soup_from_digest(digest) == expected);
  const SoupRows rows = soup_rows(digest);
  CHECK(rows[0] == 0x8001);
  CHECK(rows[1] == 0);
  CHECK(rows[2] == 0x0090);
  CHECK(rows[15] == 0x0102);
  digest.fill(0xff);
  CHECK(soup_from_digest(digest).size() == 256);
}

TEST_CASE("soup k_mpilife0 is the one apgsearch derives") {
  const Pattern reference = parse_pattern(kApgsearchSoupKMpilife0, PatternFormat::rle);
  REQUIRE(reference.width == kSoupSide);
  REQUIRE(reference.height == kSoupSide);
  const std::vector<int> expected = picture(reference.cells);
  const std::vector<Cell> soup = hashsoup("k_mpilife", 0);
  CHECK(picture(soup) == expected);
  CHECK(soup.size() == reference.cells.size());
  CHECK(soup == soup_from_digest(sha256("k_mpilife0")));

  // The reference picture tells the right bit mapping from the likely wrong ones: it is not
  // symmetric under any of the column permutations a wrong mapping would make.
  const auto swapped_bytes = [](std::int64_t x) { return (x + 8) % 16; };
  const auto msb_left = [](std::int64_t x) { return x / 8 * 8 + 7 - x % 8; };
  const auto mirrored = [](std::int64_t x) { return 15 - x; };
  CHECK(remap_columns(expected, swapped_bytes) != expected);
  CHECK(remap_columns(expected, msb_left) != expected);
  CHECK(remap_columns(expected, mirrored) != expected);
}

TEST_CASE("soups are deterministic, differ by index and by seed, and are half alive on average") {
  CHECK(hashsoup("k_mpilife", 17) == hashsoup("k_mpilife", 17));
  CHECK(hashsoup("k_mpilife", 1) != hashsoup("k_mpilife", 0));
  // Only the name counts, as in apgsearch: soup 10 of k_mpilife is soup 0 of k_mpilife1.
  CHECK(hashsoup("k_mpilife", 10) == hashsoup("k_mpilife1", 0));
  CHECK(hashsoup("other", 0) != hashsoup("k_mpilife", 0));

  std::set<std::vector<int>> seen;
  std::int64_t population = 0;
  constexpr std::uint64_t kSoups = 2000;
  for (std::uint64_t i = 0; i < kSoups; ++i) {
    const std::vector<Cell> soup = hashsoup("k_mpilife", i);
    CHECK(std::is_sorted(soup.begin(), soup.end(), [](const Cell& a, const Cell& b) {
      return a.y != b.y ? a.y < b.y : a.x < b.x;
    }));
    seen.insert(picture(soup));
    population += static_cast<std::int64_t>(soup.size());
  }
  CHECK(seen.size() == kSoups);
  // 256 fair bits a soup: the mean over 2000 soups is 128 with a standard deviation of 0.18.
  const double mean = static_cast<double>(population) / kSoups;
  CHECK(mean > 127.0);
  CHECK(mean < 129.0);
}
