#include "mpilife/io/hdf5/inspect.hpp"

// Reading recordings and checkpoints on one process: the Recording reader (replay, export) and
// `mpilife info` / `mpilife export`.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <new>
#include <sstream>

#include "append.hpp"
#include "h5_handles.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/files.hpp"
#include "mpilife/io/hdf5/metadata.hpp"
#include "mpilife/io/hdf5/recording.hpp"
#include "mpilife/io/rle_writer.hpp"

namespace mpilife {

namespace {

std::string human_bytes(std::uintmax_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024.0 && u < 4) {
    v /= 1024.0;
    ++u;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

bool has_link(hid_t file, const char* name) {
  return H5Lexists(file, name, H5P_DEFAULT) > 0;
}

// "chunks 1x256x1024, shuffle+deflate(1)" for the dataset's creation properties.
std::string storage_text(hid_t dataset) {
  const h5::PropList dcpl = h5::check<h5::PropList>(H5Dget_create_plist(dataset), ExitCode::data,
                                                    "cannot read a dataset's layout");
  std::string text;
  if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED) {
    hsize_t chunk[8] = {};
    const int rank = H5Pget_chunk(dcpl.get(), 8, chunk);
    text = "chunks ";
    for (int i = 0; i < rank; ++i) text += (i ? "x" : "") + std::to_string(chunk[i]);
  } else {
    text = "contiguous";
  }
  const int filters = H5Pget_nfilters(dcpl.get());
  std::string names;
  for (int i = 0; i < filters; ++i) {
    unsigned flags = 0;
    std::size_t n = 4;
    unsigned values[4] = {};
    char name[64] = {};
    const H5Z_filter_t f = H5Pget_filter2(dcpl.get(), static_cast<unsigned>(i), &flags, &n, values,
                                          sizeof name, name, nullptr);
    if (!names.empty()) names += "+";
    if (f == H5Z_FILTER_SHUFFLE) {
      names += "shuffle";
    } else if (f == H5Z_FILTER_DEFLATE) {
      names += "deflate(" + std::to_string(n > 0 ? values[0] : 0) + ")";
    } else {
      names += name;
    }
  }
  text += names.empty() ? ", uncompressed" : ", " + names;
  const hsize_t stored = H5Dget_storage_size(dataset);
  text += ", " + human_bytes(stored) + " stored";
  return text;
}

// "random soup of density 0.3, seed 7" or "pattern 'glider'".
std::string source_text(const RunMetadata& meta) {
  if (!meta.pattern.empty()) return "pattern '" + meta.pattern + "'";
  std::string text = "random soup";
  if (meta.density) {
    std::ostringstream d;
    d << *meta.density;
    text += " of density " + d.str();
  }
  return text + ", seed " + std::to_string(meta.seed);
}

// The lines that say how to reproduce the run (files of older versions lack some).
void print_provenance(const RunMetadata& meta, std::ostream& out) {
  if (!meta.version.empty()) out << "  written by   mpilife " << meta.version << "\n";
  if (!meta.kernel.empty()) {
    out << "  kernel       " << meta.kernel
        << (meta.kernel_isa.empty() ? std::string() : " (" + meta.kernel_isa + ")") << "\n";
  }
  if (!meta.command_line.empty()) out << "  command      " << meta.command_line << "\n";
}

}  // namespace

struct Recording::Impl {
  std::string path;
  h5::File file;
  h5::Dataset data;  // /frames or /grid
  bool checkpoint = false;
  std::string rule;
  std::string status;
  RunMetadata meta;
  std::int64_t scale = 1;
  std::int64_t frame_w = 0;
  std::int64_t frame_h = 0;
  std::vector<std::int64_t> generations;
  std::vector<std::int64_t> populations;
  std::int64_t incomplete = 0;  // frames past frames_complete (torn or never finished)
};

Recording::Recording(const std::string& path) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  m.file = h5::open_file(path, nullptr);
  const hid_t root = m.file.get();
  std::string kind;
  m.meta = h5::read_run_attributes(root, path, kind);
  if (kind != "recording" && kind != "checkpoint") {
    throw Error(ExitCode::data, "'" + path + "': unknown mpilife file kind '" + kind + "'");
  }
  m.checkpoint = kind == "checkpoint";
  m.rule = m.meta.rule;
  const char* dataset = m.checkpoint ? "grid" : "frames";
  if (!has_link(root, dataset)) {
    throw Error(ExitCode::data, path + ": the file has no /" + dataset + " dataset");
  }
  m.data = h5::check<h5::Dataset>(H5Dopen2(root, dataset, H5P_DEFAULT), ExitCode::data,
                                  path + ": cannot open /" + dataset);
  const std::vector<hsize_t> dims = h5::dataset_dims(m.data.get());
  if (m.checkpoint) {
    m.status = "completed";
    m.frame_w = m.meta.width;
    m.frame_h = m.meta.height;
    m.generations = {h5::read_int_attribute(root, "generation", path)};
    m.populations = {h5::read_int_attribute(root, "population", path)};
    if (dims.size() != 2 || dims[0] != static_cast<hsize_t>(m.frame_h) ||
        dims[1] != static_cast<hsize_t>(m.frame_w)) {
      throw Error(ExitCode::data, path + ": /grid has the wrong shape");
    }
    h5::check_plausible_storage(m.data.get(), 1, m.frame_w * m.frame_h, path);
    return;
  }
  m.status = h5::read_string_attribute(root, "status", path);
  m.scale = h5::read_int_attribute(root, "frame_scale", path);
  if (m.scale < 1) throw Error(ExitCode::data, path + ": bad frame_scale");
  m.frame_w = (m.meta.width + m.scale - 1) / m.scale;
  m.frame_h = (m.meta.height + m.scale - 1) / m.scale;
  if (dims.size() != 3 || dims[1] != static_cast<hsize_t>(m.frame_h) ||
      dims[2] != static_cast<hsize_t>(m.frame_w)) {
    throw Error(ExitCode::data, path + ": /frames has the wrong shape");
  }
  m.generations = h5::read_series(root, "generations", path);
  m.populations = h5::read_series(root, "population", path);
  // Only complete frames count: a writer that crashed or ran out of disk may leave the last frame
  // torn and the series one frame apart.
  const auto extent = static_cast<std::int64_t>(dims[0]);
  const std::int64_t n =
      h5::complete_frames(root, extent, static_cast<std::int64_t>(m.generations.size()),
                          static_cast<std::int64_t>(m.populations.size()));
  m.incomplete = extent - n;
  m.generations.resize(static_cast<std::size_t>(n));
  m.populations.resize(static_cast<std::size_t>(n));
  h5::check_plausible_storage(m.data.get(), n, m.frame_w * m.frame_h, path);
}

Recording::~Recording() = default;
Recording::Recording(Recording&&) noexcept = default;
Recording& Recording::operator=(Recording&&) noexcept = default;

std::int64_t Recording::frames() const {
  return static_cast<std::int64_t>(impl_->generations.size());
}
std::int64_t Recording::incomplete_frames() const {
  return impl_->incomplete;
}
std::int64_t Recording::width() const {
  return impl_->meta.width;
}
std::int64_t Recording::height() const {
  return impl_->meta.height;
}
std::int64_t Recording::frame_width() const {
  return impl_->frame_w;
}
std::int64_t Recording::frame_height() const {
  return impl_->frame_h;
}
std::int64_t Recording::frame_scale() const {
  return impl_->scale;
}
const std::string& Recording::rule() const {
  return impl_->rule;
}
Topology Recording::topology() const {
  return impl_->meta.topology;
}
bool Recording::is_checkpoint() const {
  return impl_->checkpoint;
}
const std::string& Recording::status() const {
  return impl_->status;
}
const RunMetadata& Recording::metadata() const {
  return impl_->meta;
}

namespace {

void check_frame_index(std::int64_t i, std::int64_t frames, const std::string& path) {
  if (i < 0 || i >= frames) {
    throw Error(ExitCode::usage, path + ": no frame " + std::to_string(i) + " (the file has " +
                                     std::to_string(frames) +
                                     (frames == 1 ? " frame)" : " frames)"));
  }
}

}  // namespace

std::int64_t Recording::generation(std::int64_t i) const {
  check_frame_index(i, frames(), impl_->path);
  return impl_->generations[static_cast<std::size_t>(i)];
}

std::int64_t Recording::population(std::int64_t i) const {
  check_frame_index(i, frames(), impl_->path);
  return impl_->populations[static_cast<std::size_t>(i)];
}

CellArray Recording::frame(std::int64_t i) const {
  check_frame_index(i, frames(), impl_->path);
  const Impl& m = *impl_;
  CellArray pixels;
  try {
    pixels = CellArray(m.frame_h, m.frame_w);
  } catch (const std::bad_alloc&) {
    throw Error(ExitCode::software, m.path + ": frame " + std::to_string(i) + " is " +
                                        std::to_string(m.frame_w) + "x" +
                                        std::to_string(m.frame_h) +
                                        " pixels, more than this process can hold "
                                        "in memory; read it on a machine with more memory");
  }
  h5::read_plane_part(m.data.get(), m.checkpoint ? std::nullopt : std::optional<std::int64_t>(i),
                      {0, 0, m.frame_w, m.frame_h}, pixels.data(), H5P_DEFAULT, ExitCode::data,
                      m.path + ": cannot read frame " + std::to_string(i));
  return pixels;
}

void print_file_info(const std::string& path, std::ostream& out) {
  const Recording rec(path);
  const RunMetadata& meta = rec.metadata();
  const std::int64_t n = rec.frames();
  std::string storage;
  std::int64_t every = 0;
  {
    const h5::File file = h5::open_file(path, nullptr);
    const char* name = rec.is_checkpoint() ? "grid" : "frames";
    const h5::Dataset ds = h5::check<h5::Dataset>(H5Dopen2(file.get(), name, H5P_DEFAULT),
                                                  ExitCode::data, path + ": cannot open dataset");
    storage = std::string("/") + name + ": " + storage_text(ds.get());
    if (!rec.is_checkpoint()) every = h5::read_int_attribute(file.get(), "every", path);
  }
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);

  out << path << ": mpilife " << (rec.is_checkpoint() ? "checkpoint" : "recording");
  if (rec.is_checkpoint()) {
    out << " at generation " << rec.generation(0) << "\n";
  } else {
    out << " ("
        << (rec.status() == "running" ? "incomplete: still being written, or its writer crashed"
                                      : rec.status())
        << ")\n";
  }
  out << "  grid         " << meta.width << "x" << meta.height << " " << to_string(meta.topology)
      << ", rule " << rec.rule() << "\n";
  out << "  at           Golly x,y " << meta.origin_x << "," << meta.origin_y << " (top-left cell"
      << (meta.topology == Topology::unbounded && !rec.is_checkpoint()
              ? "; the window recorded of the growing universe)"
              : ")")
      << "\n";
  out << "  source       " << source_text(meta) << "\n";
  if (!rec.is_checkpoint()) {
    out << "  frames       " << n << " of " << rec.frame_width() << "x" << rec.frame_height()
        << (rec.frame_scale() == 1 ? " cells (frame_scale 1: 0 = dead, 1 = alive)"
                                   : " pixels (frame_scale " + std::to_string(rec.frame_scale()) +
                                         ": block density 0..255)")
        << "\n";
    if (rec.incomplete_frames() > 0) {
      out << "  incomplete   " << rec.incomplete_frames()
          << " frame(s) after these were not completely written (a crash or a full disk) and "
             "are ignored\n";
    }
    if (n > 0) {
      out << "  generations  " << rec.generation(0) << ".." << rec.generation(n - 1) << ", every "
          << every << "\n";
    }
  }
  if (n > 0) {
    std::int64_t lo = rec.population(0);
    std::int64_t hi = lo;
    for (std::int64_t i = 1; i < n; ++i) {
      lo = std::min(lo, rec.population(i));
      hi = std::max(hi, rec.population(i));
    }
    out << "  population   ";
    if (lo == hi) {
      out << lo;
    } else {
      out << lo << ".." << hi << " (first " << rec.population(0) << ", last "
          << rec.population(n - 1) << ")";
    }
    out << "\n";
  }
  out << "  storage      " << storage << "\n";
  out << "  file size    " << (ec ? std::string("unknown") : human_bytes(size)) << "\n";
  print_provenance(meta, out);
}

void export_frame(const std::string& path, std::int64_t frame, const std::string& out_path) {
  const Recording rec(path);
  if (rec.frame_scale() != 1) {
    throw Error(ExitCode::usage, path + ": frames are " + std::to_string(rec.frame_scale()) + "x" +
                                     std::to_string(rec.frame_scale()) +
                                     " block densities, not cells; only frame_scale 1 "
                                     "recordings export as patterns");
  }
  const std::int64_t i = frame < 0 ? rec.frames() + frame : frame;
  if (i < 0 || i >= rec.frames()) {
    throw Error(ExitCode::usage, "--frame " + std::to_string(frame) + ": " + path + " has " +
                                     std::to_string(rec.frames()) + " frames (0.." +
                                     std::to_string(rec.frames() - 1) +
                                     "; negative values count from the end)");
  }
  const CellArray cells = rec.frame(i);
  const std::string source =
      rec.metadata().pattern.empty() ? std::string("a random soup") : rec.metadata().pattern;
  const std::vector<std::string> comments = {"generation " + std::to_string(rec.generation(i)) +
                                             " of " + source + ", exported by mpilife from " +
                                             std::filesystem::path(path).filename().string()};
  const auto write = [&](std::ostream& out) {
    // At its place in Golly's universe (the recording's origin) and generation.
    write_rle(out, cells.data(), cells.cols(), cells.rows(), rec.rule(), comments,
              RlePlacement{rec.metadata().origin_x, rec.metadata().origin_y, rec.generation(i)});
  };
  if (out_path.empty() || out_path == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  check_output_path(out_path, "--out", true);
  write_file_atomically(out_path, write);
}

}  // namespace mpilife
