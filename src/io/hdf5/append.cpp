#include "append.hpp"

// A restarted run continues its recording: the frames an uninterrupted run has before the
// checkpoint's generation stay, later ones (recorded after the checkpoint) go.

#include <algorithm>

#include "h5_handles.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/io/hdf5/metadata.hpp"

namespace mpilife::h5 {

namespace {

// "--output 'rec.h5'" for messages, with what to do about it.
std::string refuse(const std::string& path, const std::string& why) {
  return "--output '" + path + "': " + why +
         "; --restart appends only to the recording of the run it continues (give that file, "
         "another --output, or --force to replace it)";
}

std::string grid_text(const RunMetadata& m) {
  return std::to_string(m.width) + "x" + std::to_string(m.height) + " " + to_string(m.topology) +
         ", rule " + m.rule;
}

RunMetadata check_matches(hid_t root, const std::string& path, const RunMetadata& meta,
                          std::int64_t every, std::int64_t frame_scale) {
  std::string kind;
  const RunMetadata stored = read_run_attributes(root, path, kind);
  // An unbounded universe's recording shows the window its run started with; the grid the
  // checkpoint holds has grown since.
  const bool grows = meta.topology == Topology::unbounded;
  if (kind != "recording") {
    throw Error(ExitCode::cant_create, refuse(path, "it is an mpilife " + kind));
  }
  if ((!grows && (stored.width != meta.width || stored.height != meta.height)) ||
      stored.topology != meta.topology || stored.rule != meta.rule) {
    throw Error(ExitCode::usage, refuse(path, "it records a " + grid_text(stored) +
                                                  " grid, the checkpoint a " + grid_text(meta)));
  }
  const std::int64_t stored_every = read_int_attribute(root, "every", path);
  const std::int64_t stored_scale = read_int_attribute(root, "frame_scale", path);
  if (stored_every != every) {
    throw Error(ExitCode::usage, "--every " + std::to_string(every) +
                                     " contradicts the recording '" + path + "' (every " +
                                     std::to_string(stored_every) + "); give --every " +
                                     std::to_string(stored_every) + " to continue it");
  }
  if (stored_scale != frame_scale) {
    throw Error(ExitCode::usage, "--frame-scale " + std::to_string(frame_scale) +
                                     " contradicts the recording '" + path + "' (frame_scale " +
                                     std::to_string(stored_scale) + "); give --frame-scale " +
                                     std::to_string(stored_scale) + " to continue it");
  }
  return stored;
}

// How many of `gens` (complete frames) an uninterrupted run has before `start`: the first frame
// and the multiples of `every`; a later frame (or the last frame of an interrupted run) ends them.
std::size_t frames_to_keep(const std::vector<std::int64_t>& gens, std::int64_t every,
                           std::int64_t start) {
  std::size_t keep = 0;
  while (keep < gens.size() && gens[keep] < start && (keep == 0 || gens[keep] % every == 0)) {
    ++keep;
  }
  return keep;
}

void shrink(hid_t file, const char* name, hsize_t frames, const std::string& what) {
  const Dataset ds = check<Dataset>(H5Dopen2(file, name, H5P_DEFAULT), ExitCode::io, what);
  std::vector<hsize_t> dims = dataset_dims(ds.get());
  dims[0] = frames;
  check_status(H5Dset_extent(ds.get(), dims.data()), ExitCode::io, what);
}

}  // namespace

std::vector<std::int64_t> read_series(hid_t file, const char* name, const std::string& path) {
  if (H5Lexists(file, name, H5P_DEFAULT) <= 0) {
    throw Error(ExitCode::data, path + ": the recording has no /" + name + " dataset");
  }
  const Dataset ds = check<Dataset>(H5Dopen2(file, name, H5P_DEFAULT), ExitCode::data,
                                    path + ": cannot open /" + name);
  const std::vector<hsize_t> dims = dataset_dims(ds.get());
  if (dims.size() != 1) throw Error(ExitCode::data, path + ": /" + name + " is not a series");
  check_plausible_storage(ds.get(), 1, static_cast<std::int64_t>(dims[0]) * 8, path);
  std::vector<std::int64_t> values(static_cast<std::size_t>(dims[0]));
  if (!values.empty()) {
    check_status(H5Dread(ds.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 ExitCode::data, path + ": cannot read /" + name);
  }
  return values;
}

std::int64_t complete_frames(hid_t file, std::int64_t frames_extent, std::int64_t generations,
                             std::int64_t populations) {
  std::int64_t n = std::min({frames_extent, generations, populations});
  if (has_attribute(file, kFramesComplete)) {
    n = std::clamp<std::int64_t>(read_int_attribute(file, kFramesComplete, "recording"), 0, n);
  }
  return n;
}

AppendPoint prepare_append(const std::string& path, const RunMetadata& meta, std::int64_t every,
                           std::int64_t frame_scale, std::int64_t start) {
  silence_errors();
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw Error(ExitCode::cant_create, refuse(path, "it exists and is not an HDF5 recording"));
  }
  const File file = open_file_for_append(path, nullptr);
  const hid_t root = file.get();
  if (!has_attribute(root, "mpilife_kind")) {
    throw Error(ExitCode::cant_create, refuse(path, "it is not an mpilife recording"));
  }
  const RunMetadata stored = check_matches(root, path, meta, every, frame_scale);
  const Dataset frames = check<Dataset>(H5Dopen2(root, "frames", H5P_DEFAULT), ExitCode::data,
                                        path + ": cannot open /frames");
  std::vector<std::int64_t> gens = read_series(root, "generations", path);
  const std::vector<std::int64_t> pops = read_series(root, "population", path);
  const auto extent = static_cast<std::int64_t>(dataset_dims(frames.get())[0]);
  gens.resize(
      static_cast<std::size_t>(complete_frames(root, extent, static_cast<std::int64_t>(gens.size()),
                                               static_cast<std::int64_t>(pops.size()))));
  const std::size_t keep = frames_to_keep(gens, every, start);
  if (keep == 0 && !gens.empty() && gens[0] > start) {
    throw Error(ExitCode::usage,
                refuse(path, "it starts at generation " + std::to_string(gens[0]) +
                                 ", after the checkpoint's generation " + std::to_string(start)));
  }
  if (keep > 0) {
    const std::int64_t multiple = (start - 1) / every * every;
    const std::int64_t needed = std::max(gens[0], multiple);
    if (gens[keep - 1] != needed) {
      throw Error(
          ExitCode::usage,
          refuse(path, "its complete frames end at generation " + std::to_string(gens[keep - 1]) +
                           ", but continuing from the "
                           "checkpoint's generation " +
                           std::to_string(start) + " needs them up to generation " +
                           std::to_string(needed)));
    }
  }
  gens.resize(keep);
  const std::string what = "cannot truncate the recording '" + path + "' to continue it";
  // The count first: a crash between these steps leaves a file whose readers trust `keep` frames.
  write_attribute(root, kFramesComplete, static_cast<std::int64_t>(keep));
  write_attribute(root, "status", std::string("running"));
  check_status(H5Fflush(root, H5F_SCOPE_LOCAL), ExitCode::io, what);
  shrink(root, "frames", keep, what);
  shrink(root, "generations", keep, what);
  shrink(root, "population", keep, what);
  return {gens, stored};
}

}  // namespace mpilife::h5
