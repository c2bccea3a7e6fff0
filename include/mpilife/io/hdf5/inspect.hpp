#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace mpilife {

/// `mpilife info`: prints what `path` holds (kind, grid, rule, frames, generations, populations,
/// chunking, compression, file size) to `out`. Errors as Recording.
void print_file_info(const std::string& path, std::ostream& out);

/// `mpilife export`: writes frame `frame` of recording `path` (negative counts from the end; the
/// grid of a checkpoint) as RLE with the :T/:P rule suffix to `out_path` ("" or "-" = stdout).
/// Error 64 when the frame does not exist or the recording is scaled (frame_scale > 1).
void export_frame(const std::string& path, std::int64_t frame, const std::string& out_path);

}  // namespace mpilife
