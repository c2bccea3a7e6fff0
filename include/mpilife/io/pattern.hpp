#pragma once

#include <cstddef>
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

/// Bounds that keep the memory of reading a pattern proportional to its input; no real pattern
/// reaches them, and crossing one is a data error (exit 65) at the line and column where it
/// happens.
struct PatternLimits {
  std::int64_t max_bytes = std::int64_t{256} << 20;  ///< largest input read_pattern reads
  std::int64_t max_cells = 100'000'000;              ///< most live cells in any pattern
  std::int64_t base_cells = std::int64_t{1} << 20;   ///< live cells any input may hold...
  std::int64_t cells_per_byte = 16;                  ///< ...plus this many per input byte
  std::int64_t max_comments = 100'000;               ///< most comment lines a pattern keeps

  /// The most live cells a text of `bytes` bytes may hold: base + per byte, at most max_cells.
  std::int64_t cell_budget(std::size_t bytes) const;
};

/// Picks the format from the extension (.rle, .cells, .lif, .life) or, failing that, the text.
PatternFormat detect_format(std::string_view path, std::string_view text);

/// Parses `text` in `format` within `limits`; errors are Error(65) with "file:line:column: what".
Pattern parse_pattern(std::string_view text, PatternFormat format, const std::string& file = "",
                      const PatternLimits& limits = {});

/// Reads and parses a pattern file or pipe; a missing or unreadable one, or a device, is
/// Error(66); bad data or an input over `limits` is Error(65).
Pattern read_pattern(const std::string& path, const PatternLimits& limits = {});

}  // namespace mpilife
