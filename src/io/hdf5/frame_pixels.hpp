#pragma once

// Private to the io module: the pixels of a recorded frame, from the tiles of a simulation.

#include <cstdint>
#include <vector>

#include "mpilife/core/geometry.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife::frame_pixels {

/// ceil(a / b) for positive values.
std::int64_t ceil_div(std::int64_t a, std::int64_t b);

/// This rank's stored pixels of the current frame at `scale` cells per pixel side; sets `region`
/// to where they lie in the frame. Collective (an all-to-all of block counts at scale > 1).
std::vector<std::uint8_t> local_pixels(const Simulation& sim, std::int64_t scale, Extent& region);

/// The whole stored frame on rank 0 (empty elsewhere). Collective.
std::vector<std::uint8_t> gathered_pixels(const Simulation& sim, std::int64_t scale);

}  // namespace mpilife::frame_pixels
