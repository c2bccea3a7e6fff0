#pragma once

// The whole grid on rank 0, for tests that compare it with a reference: built on the banded
// gather the outputs use (the product never holds the grid in one piece).

#include <algorithm>
#include <cstdint>
#include <functional>

#include "mpilife/core/cells.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

/// The whole current grid on rank 0, gathered `band_rows` rows at a time (default: the
/// product's band height); other ranks get an empty array. Collective.
inline CellArray gather_grid(const Simulation& sim, std::int64_t band_rows = 0) {
  const Layout& lay = sim.layout();
  if (band_rows <= 0) band_rows = mpilife::band_rows(lay.width);
  const bool root = sim.cart().comm().rank() == 0;
  CellArray grid = root ? CellArray(lay.height, lay.width) : CellArray();
  for_each_band(sim, band_rows, [&](std::int64_t y0, std::int64_t rows, const std::uint8_t* c) {
    std::copy_n(c, rows * lay.width, grid.data() + y0 * lay.width);
  });
  return grid;
}

}  // namespace mpilife
