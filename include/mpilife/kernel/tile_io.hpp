#pragma once

#include "mpilife/core/cells.hpp"
#include "mpilife/kernel/tile.hpp"

namespace mpilife {

/// Copies the whole current state of `tile` into a width x height array.
CellArray to_array(const Tile& tile);

/// Sets the whole current state of `tile` from `cells` (height x width).
void load(Tile& tile, const CellArray& cells);

}  // namespace mpilife
