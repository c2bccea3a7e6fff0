#pragma once

// Private to the io module: the pixels of a recorded frame, from the tiles of a simulation.

#include <cstdint>
#include <functional>
#include <vector>

#include "mpilife/core/geometry.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife::frame_pixels {

/// ceil(a / b) for positive values.
std::int64_t ceil_div(std::int64_t a, std::int64_t b);

/// This rank's stored pixels of the current frame at `scale` (> 1) cells per pixel side; sets `region`
/// to where they lie in the frame. Collective (an all-to-all of block counts at scale > 1).
std::vector<std::uint8_t> local_pixels(const Simulation& sim, std::int64_t scale, Extent& region);

/// Pixel rows per band of a frame `frame_w` pixels wide whose chunks have `chunk_rows` rows: a
/// band's pixels (and at scale > 1 its block counts, 4 bytes each) stay within kBandBytes.
std::int64_t band_pixel_rows(std::int64_t frame_w, std::int64_t chunk_rows, std::int64_t scale);

/// Streams the stored frame, the grid's cells in `window` (the whole grid, or the part an unbounded
/// universe started with), to rank 0 in bands of `rows` pixel rows, top to bottom, calling
/// `visit(region, pixels)` there for each (region in frame pixels, pixels row-major): the whole
/// grid at scale 1 through for_each_band, otherwise the block counts of one band at a time. Rank 0
/// holds a band or two, never the frame. If `visit` throws, the remaining bands are still
/// gathered (not visited) and the first exception is rethrown on rank 0 alone. Collective.
void for_each_gathered_band(const Simulation& sim, const Extent& window, std::int64_t scale,
                            std::int64_t rows,
                            const std::function<void(const Extent&, const std::uint8_t*)>& visit);

}  // namespace mpilife::frame_pixels
