#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpilife/rule.hpp"

namespace mpilife {

/// The pattern file formats mpilife reads.
enum class PatternFormat { rle, plaintext, life106, life105 };

/// One live cell, relative to the pattern's top-left corner.
struct Cell {
  std::int64_t x = 0;  ///< column, 0 = leftmost
  std::int64_t y = 0;  ///< row, 0 = top
  friend bool operator==(const Cell& a, const Cell& b) { return a.x == b.x && a.y == b.y; }
};

/// A pattern as read from a file: live cells in a width x height box plus its metadata.
struct Pattern {
  std::int64_t width = 0;             ///< box width: max(header x, live extent)
  std::int64_t height = 0;            ///< box height: max(header y, live extent)
  std::vector<Cell> cells;            ///< live cells, each inside the box, no duplicates
  std::optional<RuleSpec> rule;       ///< the rule (and :T/:P suffix) the file names, if any
  std::string name;                   ///< #N line, or the file name without extension
  std::vector<std::string> comments;  ///< #C/#c/#O lines and '!' comments, without the marker
  PatternFormat format = PatternFormat::rle;  ///< the format it was read as
};

/// Picks the format from the extension (.rle, .cells, .lif, .life) or, failing that, the text.
PatternFormat detect_format(std::string_view path, std::string_view text);

/// Parses `text` in `format`; errors are Error(65) with "file:line:column: what".
Pattern parse_pattern(std::string_view text, PatternFormat format, const std::string& file = "");

/// Reads and parses a pattern file; a missing/unreadable file is Error(66), bad data Error(65).
Pattern read_pattern(const std::string& path);

/// Writes a whole row-major grid (1 = alive) as RLE: "x = W, y = H, rule = <rule_text>" header,
/// optional #C comment lines first, lines of at most 70 characters, trailing "!".
void write_rle(std::ostream& out, const std::uint8_t* cells, std::int64_t width,
               std::int64_t height, const std::string& rule_text,
               const std::vector<std::string>& comments = {});

}  // namespace mpilife
