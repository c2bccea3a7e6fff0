#pragma once

#include <cstdint>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"

namespace mpilife {

/// Live-cell counts of the `scale` x `scale` blocks tiling `region` of `cells` (a whole grid),
/// row-major ceil(h/scale) x ceil(w/scale): what gather_block_counts returns for a distributed
/// grid, computed locally.
std::vector<std::uint32_t> block_counts(const CellArray& cells, const Extent& region,
                                        std::int64_t scale);

/// Sums of the values in the `scale` x `scale` blocks tiling `region` of `values` (density
/// pixels 0..255 of a scaled recording), laid out as block_counts.
std::vector<std::uint32_t> block_sums(const CellArray& values, const Extent& region,
                                      std::int64_t scale);

}  // namespace mpilife
