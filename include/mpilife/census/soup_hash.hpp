#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mpilife/core/cells.hpp"

namespace mpilife {

/// A SHA-256 digest: 32 bytes, in the order FIPS 180-4 prints them.
using Sha256Digest = std::array<std::uint8_t, 32>;

/// The SHA-256 digest of the bytes of `text` (OpenSSL's libcrypto); Error(70) if it fails.
Sha256Digest sha256(std::string_view text);

/// Side of a Catagolue C1 soup: 16 x 16 cells.
inline constexpr std::int64_t kSoupSide = 16;

/// The name Catagolue hashes for soup `index` of `seed`: the seed followed by the index in
/// decimal ("k_mpilife" and 0 give "k_mpilife0").
std::string soup_name(std::string_view seed, std::uint64_t index);

/// The rows of a 16 x 16 C1 soup, top first; bit x (value 1 << x) of row y is cell (x, y).
using SoupRows = std::array<std::uint16_t, 16>;

/// The rows of the C1 soup a SHA-256 digest encodes, as apgsearch derives it.
///
/// Row y (0 = top) is digest bytes 2y+1 and 2y: byte 2y+1 gives cells x = 0..7 and byte 2y
/// gives x = 8..15, least significant bit leftmost, so cell (x, y) is alive when bit x % 8 of
/// byte 2y + 1 - x / 8 is set:
///
///     x     0  1  2  3  4  5  6  7    8  9 10 11 12 13 14 15
///     bit   0  1  2  3  4  5  6  7    0  1  2  3  4  5  6  7
///           '------ byte 2y+1 -----'  '------- byte 2y ------'
///
/// In other words row y is the big-endian 16-bit word at bytes 2y, 2y+1, read from bit 0 on the
/// left.
SoupRows soup_rows(const Sha256Digest& digest);

/// The live cells of the soup `digest` encodes (soup_rows), row by row from the top, left to
/// right within a row; x grows to the right and y down, both in 0..15.
std::vector<Cell> soup_from_digest(const Sha256Digest& digest);

/// The live cells of Catagolue's C1 soup `index` of `seed` (apgsearch's hashsoup):
/// soup_from_digest(sha256(soup_name(seed, index))).
std::vector<Cell> hashsoup(std::string_view seed, std::uint64_t index);

}  // namespace mpilife
