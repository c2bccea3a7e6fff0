#pragma once

// Private to the fast kernel: the tile with ghosts `depth` cells deep (deep_tile.cpp).

#include <cstdint>
#include <memory>

#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"
#include "simd.hpp"

namespace mpilife::fast {
inline namespace MPILIFE_FAST_VARIANT {

/// A dead w x h tile under `rule` whose ghosts are `depth` (>= 1) cells deep.
std::unique_ptr<Tile> make_deep_tile(std::int64_t w, std::int64_t h, const Rule& rule, int depth);

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace mpilife::fast
