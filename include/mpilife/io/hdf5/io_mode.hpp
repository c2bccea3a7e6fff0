#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

/// Deflate level of recordings and checkpoints unless `--compression` says otherwise (0..9; 0 =
/// no filter).
inline constexpr int kDefaultCompression = 1;

/// What `--io` asks for: one of the modes, or automatic (chosen from the ranks and plane size).
enum class IoChoice { automatic, gather, parallel };

/// "auto", "gather" or "parallel".
std::string to_string(IoChoice choice);

/// The choice `text` names ("auto", "gather" or "parallel"); none for any other text.
std::optional<IoChoice> parse_io_choice(std::string_view text);

/// Resolves `choice` for `ranks` ranks writing planes of `pixels` pixels.
IoMode choose_io_mode(IoChoice choice, int ranks, std::int64_t pixels);

}  // namespace mpilife
