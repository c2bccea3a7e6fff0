#pragma once

// Private to the io module: reading a recording's series and preparing a recording to be continued
// by a restarted run.

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

#include "mpilife/io/hdf5/metadata.hpp"

namespace mpilife::h5 {

/// The int64 series `name` (a 1-d dataset) of `file`; Error 65 naming `path` when it is missing,
/// not 1-d or unreadable.
std::vector<std::int64_t> read_series(hid_t file, const char* name, const std::string& path);

/// How many frames of `file` are complete: frames_complete when the file has it (capped by the
/// extents of /frames, /generations and /population), else the smallest of those extents.
std::int64_t complete_frames(hid_t file, std::int64_t frames_extent, std::int64_t generations,
                             std::int64_t populations);

/// What a recording of the run described by `meta` (recording every `every`-th generation at
/// `frame_scale`) restarted at generation `start` continues with.
struct AppendPoint {
  std::vector<std::int64_t> generations;  ///< generations of the frames kept, in order
  RunMetadata stored;                     ///< the recording's attributes (its window)
};

/// Prepares the existing recording `path` (serial driver, one process) to continue at generation
/// `start`: checks it is a recording of the same grid (for an unbounded universe, whose grid
/// grows, any window), rule, topology, every and frame scale
/// (Error 64 when not, 73 when it is not an mpilife recording at all), keeps the complete frames
/// an uninterrupted run would have before `start` and drops the rest (frames_complete first, then
/// the extents), and marks it "running". Error 64 when frames before `start` are missing.
AppendPoint prepare_append(const std::string& path, const RunMetadata& meta, std::int64_t every,
                           std::int64_t frame_scale, std::int64_t start);

}  // namespace mpilife::h5
