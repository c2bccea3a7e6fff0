#pragma once

#include <cstdint>

namespace mpilife {

/// The data cache sizes of the CPU this process runs on, in bytes (0 where unknown).
struct CacheSizes {
  std::int64_t l2 = 0;   ///< one core's second-level cache
  std::int64_t l3 = 0;   ///< the last-level cache
  int l3_shared_by = 1;  ///< logical CPUs sharing that last-level cache
};

/// Reads the cache sizes from the operating system (/sys/devices/system/cpu/cpu0/cache on Linux,
/// sysconf where that is missing); 0 where neither says.
CacheSizes read_cache_sizes();

/// How a tile is stepped: ghosts `halo_depth` cells deep, filled (one halo exchange) every
/// halo_depth generations, and sweeps over memory of `time_block` generations each
/// (1 <= time_block <= halo_depth). {1, 1} is the classic one-generation step.
struct Blocking {
  int halo_depth = 1;  ///< ghost depth: generations between two halo exchanges
  int time_block = 1;  ///< generations per sweep over the tile's memory
};

/// The deepest halo and the longest time block the run allows (ghosts go in one word per row).
constexpr int kMaxHaloDepth = 64;

/// The time block for a fast tile of w x h cells on a CPU with `caches`: 1 while the tile's two
/// bit-packed buffers (w h / 4 bytes) fit in this core's share of the last-level cache (no DRAM
/// traffic to save); otherwise the longest of 64, 32, 16, 8, 4, 2 generations whose wavefront
/// rings (3 rows of w + 2k cells per generation in flight) fit in half the second-level cache and
/// that is at most a sixteenth of h (the margin a sweep computes beyond the tile, some k rows a
/// generation, stays under 1/16 of the work).
int automatic_time_block(std::int64_t w, std::int64_t h, const CacheSizes& caches);

/// The halo depth for a tile of w x h cells swept `time_block` generations at a time: at least the
/// time block, and deeper for small tiles, where a generation's work is short next to a message's
/// latency: 16 below 128 x 128 cells, 8 below 256 x 256, 4 below 512 x 512, 2 below 1024 x 1024.
/// (The depth is then cut to the thinnest tile of the run: a face cannot be deeper than its tile.)
int automatic_halo_depth(std::int64_t w, std::int64_t h, int time_block);

}  // namespace mpilife
