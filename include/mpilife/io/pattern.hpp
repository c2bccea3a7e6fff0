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

/// The pattern file formats mpilife reads (each also gzip-compressed).
enum class PatternFormat { rle, plaintext, life106, life105, macrocell, mcell };

/// Where Golly puts a pattern: the universe coordinates (x to the right, y down) of the top-left
/// cell of its box.
struct PatternOrigin {
  std::int64_t x = 0;  ///< Golly's x of box column 0
  std::int64_t y = 0;  ///< Golly's y of box row 0
  friend bool operator==(const PatternOrigin& a, const PatternOrigin& b) {
    return a.x == b.x && a.y == b.y;
  }
};

/// A pattern as read from a file: live cells in a width x height box plus its metadata.
struct Pattern {
  std::int64_t width = 0;             ///< box width: max(header x, live extent)
  std::int64_t height = 0;            ///< box height: max(header y, live extent)
  std::vector<Cell> cells;            ///< live cells, each inside the box, no duplicates
  std::optional<RuleSpec> rule;       ///< the rule (and :T/:P suffix) the file names, if any
  std::string name;                   ///< #N line, or the file name without extension
  std::vector<std::string> comments;  ///< #C/#c/#O/#D lines and '!' comments, without the marker
  PatternFormat format = PatternFormat::rle;  ///< the format it was read as
  /// Golly's position of the box when the file gives one: #CXRLE Pos, Life 1.05 #P blocks and
  /// Life 1.06 coordinates (the smallest live x and y), the macrocell quadtree (whose root's
  /// south-east quadrant starts at Golly's 0,1), MCell's board; none for plain RLE and .cells,
  /// which Golly loads with the box's top-left at 0,0.
  std::optional<PatternOrigin> origin;
  std::int64_t generation = 0;  ///< the generation the file shows: #CXRLE Gen, macrocell #G
  std::string note;  ///< what reading changed (LifeHistory read as Life), for the app to print
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

/// Picks the format from the text's own header ([M2] macrocell, #MCell), the extension (.rle,
/// .cells, .lif, .life, .mc, .mcl; a trailing .gz is ignored) or, failing that, the rest of the
/// text.
PatternFormat detect_format(std::string_view path, std::string_view text);

/// True when `bytes` starts with gzip's magic number 1F 8B.
bool is_gzip(std::string_view bytes);

/// Inflates gzip-compressed `bytes` (one or more members) without making more than
/// limits.max_bytes bytes: a larger result (a gzip bomb), corrupt or truncated data is Error(65)
/// naming `file`.
std::string gunzip_pattern(std::string_view bytes, const std::string& file = "",
                           const PatternLimits& limits = {});

/// Parses `text` in `format` within `limits`; errors are Error(65) with "file:line:column: what".
Pattern parse_pattern(std::string_view text, PatternFormat format, const std::string& file = "",
                      const PatternLimits& limits = {});

/// Reads and parses a pattern file or pipe, gzip-compressed or not (by content, whatever its
/// name), with `limits` applied to the inflated text; a missing or unreadable one, or a device,
/// is Error(66); bad data, an input over `limits`, a ZIP archive or a script is Error(65).
Pattern read_pattern(const std::string& path, const PatternLimits& limits = {});

}  // namespace mpilife
