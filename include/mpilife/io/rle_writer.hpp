#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mpilife {

/// Where a written grid sits in Golly's coordinates and at which generation: the "#CXRLE Pos=x,y
/// Gen=n" line Golly reads (and writes), so Golly places the pattern there and shows generation n.
struct RlePlacement {
  std::int64_t x = 0;           ///< Golly x of the grid's left column
  std::int64_t y = 0;           ///< Golly y of the grid's top row
  std::int64_t generation = 0;  ///< generation of the grid
};

/// Golly's placement of a bounded width x height grid (:T or :P) at `generation`: Golly centres
/// a bounded grid on 0,0, its left column at -(width / 2) and its top row at -(height / 2).
RlePlacement bounded_grid_placement(std::int64_t width, std::int64_t height,
                                    std::int64_t generation);

/// Streams a grid as RLE, one row at a time, so the grid never has to be in memory at once: the
/// constructor writes the optional #C comment lines and the "x = W, y = H, rule = <rule_text>"
/// header, add_row encodes the next row, finish writes the trailing "!". Lines hold at most 70
/// characters; empty rows cost nothing until a live cell follows them.
class RleWriter {
 public:
  /// Writes the #CXRLE line (with a placement), the comments and the header of a width x height
  /// grid to `out`.
  RleWriter(std::ostream& out, std::int64_t width, std::int64_t height,
            const std::string& rule_text, const std::vector<std::string>& comments = {},
            const std::optional<RlePlacement>& placement = std::nullopt);
  /// Encodes the next row: width() bytes, non-zero = alive.
  void add_row(const std::uint8_t* row);
  /// Ends the pattern ("!"); throws std::logic_error unless every row was added.
  void finish();
  /// Cells per row.
  std::int64_t width() const { return width_; }

 private:
  void emit(std::int64_t run, char tag);

  std::ostream& out_;
  std::int64_t width_;
  std::int64_t height_;
  std::int64_t rows_ = 0;          // rows added so far
  std::int64_t pending_rows_ = 0;  // row ends not yet written
  std::string line_;               // the line being filled
};

/// Writes a whole row-major grid (1 = alive) as RLE through RleWriter: "x = W, y = H, rule =
/// <rule_text>" header, optional #C comment lines first, lines of at most 70 characters, trailing
/// "!"; with a placement, the #CXRLE line first.
void write_rle(std::ostream& out, const std::uint8_t* cells, std::int64_t width,
               std::int64_t height, const std::string& rule_text,
               const std::vector<std::string>& comments = {},
               const std::optional<RlePlacement>& placement = std::nullopt);

}  // namespace mpilife
