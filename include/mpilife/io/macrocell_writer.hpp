#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"

namespace mpilife {

/// The leftmost Golly x write_macrocell can place a cell at: the reach of the largest macrocell
/// root mpilife reads (level 62), which spans x from -2^61 to 2^61 - 1 and y from -2^61 + 1 to
/// 2^61.
inline constexpr std::int64_t kMacrocellMinX = -(std::int64_t{1} << 61);
/// The rightmost Golly x write_macrocell can place a cell at.
inline constexpr std::int64_t kMacrocellMaxX = (std::int64_t{1} << 61) - 1;
/// The topmost Golly y write_macrocell can place a cell at.
inline constexpr std::int64_t kMacrocellMinY = -(std::int64_t{1} << 61) + 1;
/// The bottommost Golly y write_macrocell can place a cell at.
inline constexpr std::int64_t kMacrocellMaxY = std::int64_t{1} << 61;

/// Writes live cells as Golly's macrocell format (for huge sparse patterns): "[M2] (mpilife
/// <version>)", "#R <rule_text>" (unless empty), "#G <generation>" when it is not 0, the comments
/// as "#C" lines, then the quadtree as Golly writes it: 8x8 leaves ('.' '*' rows ended by '$',
/// trailing dead cells and rows left out) and "level nw ne sw se" nodes, children first, each
/// distinct subtree once (nodes numbered from 1 in file order, 0 = empty), under the smallest
/// root of level 4 or more that holds every cell. `cells` are in Golly's universe coordinates
/// (x to the right, y down), in any order, duplicates allowed, within kMacrocellMinX ..
/// kMacrocellMaxX and kMacrocellMinY .. kMacrocellMaxY; Golly and parse_pattern put each back at
/// the same place (parse_pattern: origin + cell). Time and memory grow with the number of cells
/// times the tree depth, never with the area they span: besides `cells`, 24 to 32 bytes per
/// distinct node (at most one per cell and level). Throws std::invalid_argument for a cell out of
/// reach or a negative generation, std::length_error past 2^32 - 2 distinct nodes (the most the
/// reader numbers); what was written by then is not a whole file.
void write_macrocell(std::ostream& out, std::vector<Cell> cells, const std::string& rule_text,
                     std::int64_t generation = 0, const std::vector<std::string>& comments = {});

}  // namespace mpilife
