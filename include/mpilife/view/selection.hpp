#pragma once

#include <cstdint>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"

namespace mpilife {

/// What the viewer does to the cells of a selection in place (Golly's Edit menu).
enum class SelectionOp : std::int64_t {
  none,         ///< nothing
  random_fill,  ///< each cell alive or dead by a hash of (seed, x, y) (random_fill_alive)
  flip_x,       ///< mirrored left to right
  flip_y,       ///< mirrored top to bottom
  rotate_cw,    ///< turned a quarter clockwise about the selection's centre
  rotate_ccw    ///< turned a quarter anticlockwise about the selection's centre
};

/// Density of a random fill: half the cells, as Golly's default.
inline constexpr double kRandomFillDensity = 0.5;

/// Whether a random fill of seed `seed` makes grid cell (x, y) alive: the counter-based soup hash
/// (soup_cell) at kRandomFillDensity, so every rank fills its own part without communication.
bool random_fill_alive(std::uint64_t seed, std::int64_t x, std::int64_t y);

/// The rectangle `selection` (not empty) becomes under `op`: a rotation swaps width and height
/// about the selection's centre cell (rounded up and left, as Golly), the others keep it.
Extent transformed_rect(const Extent& selection, SelectionOp op);

/// The live cells of `selection` after `op` (flips and rotations only), in absolute coordinates,
/// inside transformed_rect(selection, op); `cells` are its live cells relative to its corner
/// (what gather_region_cells returns).
std::vector<Cell> transformed_cells(const Extent& selection, const std::vector<Cell>& cells,
                                    SelectionOp op);

/// The live cells of `selection` after a random fill of `seed`, in absolute coordinates, row by
/// row.
std::vector<Cell> random_fill_cells(const Extent& selection, std::uint64_t seed);

/// The cells alive in exactly one of `before` and `after` (absolute, each listed once), as flips
/// sorted by row then column: applied to a grid whose live cells there are `before`, they give
/// `after`, and applied again they give `before` back (the undo and the redo of an edit).
std::vector<CellEdit> difference_flips(std::vector<Cell> before, std::vector<Cell> after);

}  // namespace mpilife
