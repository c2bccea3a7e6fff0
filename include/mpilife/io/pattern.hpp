#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"

namespace mpilife {

/// The pattern file formats mpilife reads.
enum class PatternFormat { rle, plaintext, life106, life105 };

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

}  // namespace mpilife
