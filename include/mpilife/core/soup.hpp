#pragma once

#include <cstdint>

#include "mpilife/core/cells.hpp"

namespace mpilife {

/// Counter-based soup: cell (x, y) of seed `seed` is alive with probability `density`, the same
/// value whichever rank or tile asks.
bool soup_cell(std::uint64_t seed, std::int64_t x, std::int64_t y, double density);

/// Sets out[i] to soup cell (x0 + i, y) of `seed` and `density` (1 = alive) for i in [0, w).
void soup_row(std::uint64_t seed, std::int64_t x0, std::int64_t y, std::int64_t w, double density,
              std::uint8_t* out);

/// The whole w x h soup of `seed` and `density`: what every rank count and tiling starts from.
CellArray soup_grid(std::int64_t w, std::int64_t h, std::uint64_t seed, double density = 0.5);

}  // namespace mpilife
