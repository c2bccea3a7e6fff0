#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace mpilife {

/// Writes a whole row-major grid (1 = alive) as RLE: "x = W, y = H, rule = <rule_text>" header,
/// optional #C comment lines first, lines of at most 70 characters, trailing "!".
void write_rle(std::ostream& out, const std::uint8_t* cells, std::int64_t width,
               std::int64_t height, const std::string& rule_text,
               const std::vector<std::string>& comments = {});

}  // namespace mpilife
