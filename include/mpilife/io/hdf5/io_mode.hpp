#pragma once

#include <cstdint>
#include <string>

namespace mpilife {

/// How HDF5 files are written: gathered to rank 0 and written with the serial driver, or written
/// by every rank (its own tile) collectively through MPI-IO.
enum class IoMode { gather, parallel };

/// "gather" or "parallel".
std::string to_string(IoMode mode);

/// `--io auto` writes in parallel when the run has several ranks and a stored frame (or the
/// checkpoint grid) has more than this many pixels (1024 x 1024), and gathers otherwise: on two
/// ranks parallel writes are as fast at this size and faster above it, and they keep rank 0's
/// memory to one tile.
inline constexpr std::int64_t kAutoParallelPixels = std::int64_t{1} << 20;

/// Resolves `--io` ("gather", "parallel" or "auto") for `ranks` ranks writing planes of `pixels`
/// pixels; throws Error (exit 64) for any other text.
IoMode choose_io_mode(const std::string& text, int ranks, std::int64_t pixels);

}  // namespace mpilife
