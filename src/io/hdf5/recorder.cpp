#include "mpilife/io/hdf5/recorder.hpp"

// --output: frames, generations and populations of a run in one HDF5 file, written either by
// rank 0 after a gather or by every rank through MPI-IO, plus the XDMF sidecar.

#include <mpi.h>

#include <algorithm>
#include <filesystem>

#include "h5_handles.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/clock.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/io/files.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/io/hdf5/metadata.hpp"
#include "mpilife/io/hdf5/xdmf.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

namespace {

constexpr hsize_t kSeriesChunk = 1024;

// The XDMF sidecar is rewritten after each of the first frames, then at most this often.
constexpr double kSidecarSeconds = 1.0;
constexpr std::int64_t kSidecarEveryFrameUpTo = 100;

std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return (a + b - 1) / b;
}

Extent intersect(const Extent& a, const Extent& b) {
  const std::int64_t x0 = std::max(a.x0, b.x0);
  const std::int64_t y0 = std::max(a.y0, b.y0);
  const std::int64_t x1 = std::min(a.x0 + a.w, b.x0 + b.w);
  const std::int64_t y1 = std::min(a.y0 + a.h, b.y0 + b.h);
  if (x1 <= x0 || y1 <= y0) return {x0, y0, 0, 0};
  return {x0, y0, x1 - x0, y1 - y0};
}

// Blocks (in block coordinates) whose top-left cell lies in `tile`: the blocks that tile's rank
// stores. Over all tiles these partition the block grid.
Extent owned_blocks(const Extent& tile, std::int64_t scale) {
  const std::int64_t x0 = ceil_div(tile.x0, scale);
  const std::int64_t y0 = ceil_div(tile.y0, scale);
  return {x0, y0, ceil_div(tile.x0 + tile.w, scale) - x0, ceil_div(tile.y0 + tile.h, scale) - y0};
}

// Blocks that contain at least one cell of `tile`.
Extent touched_blocks(const Extent& tile, std::int64_t scale) {
  const std::int64_t x0 = tile.x0 / scale;
  const std::int64_t y0 = tile.y0 / scale;
  return {x0, y0, (tile.x0 + tile.w - 1) / scale + 1 - x0, (tile.y0 + tile.h - 1) / scale + 1 - y0};
}

// Appends `part` (inside `whole`) of a row-major array laid out over `whole` to `out`.
template <typename T>
void append_part(const std::vector<T>& array, const Extent& whole, const Extent& part,
                 std::vector<T>& out) {
  for (std::int64_t y = part.y0; y < part.y0 + part.h; ++y) {
    const T* row = array.data() + (y - whole.y0) * whole.w + (part.x0 - whole.x0);
    out.insert(out.end(), row, row + part.w);
  }
}

// The density pixels of the blocks in `blocks` from their live-cell `counts` (row-major).
std::vector<std::uint8_t> to_pixels(const std::vector<std::uint32_t>& counts, const Extent& blocks,
                                    std::int64_t scale, std::int64_t width, std::int64_t height) {
  std::vector<std::uint8_t> pixels(counts.size());
  for (std::int64_t by = 0; by < blocks.h; ++by) {
    const std::int64_t gy = (blocks.y0 + by) * scale;
    const std::int64_t rows = std::min(scale, height - gy);
    for (std::int64_t bx = 0; bx < blocks.w; ++bx) {
      const std::int64_t gx = (blocks.x0 + bx) * scale;
      const std::int64_t cols = std::min(scale, width - gx);
      const auto i = static_cast<std::size_t>(by * blocks.w + bx);
      pixels[i] = density_pixel(counts[i], rows * cols);
    }
  }
  return pixels;
}

// This rank's stored pixels of the current frame: its own cells at scale 1; at scale N the
// blocks it owns (owned_blocks), whose counts are summed from every rank holding some of their
// cells with one all-to-all of the partial counts of straddling blocks.
std::vector<std::uint8_t> local_pixels(const Simulation& sim, std::int64_t scale, Extent& region) {
  const Layout& lay = sim.layout();
  const Tile& tile = sim.tile();
  const Extent t = lay.local;
  if (scale == 1) {
    region = t;
    return copy_out(tile);
  }
  const Extent touched = touched_blocks(t, scale);
  std::vector<std::uint32_t> partial(static_cast<std::size_t>(touched.cells()), 0);
  for_each_row(tile, 0, t.h, [&](std::int64_t y, const std::uint8_t* row) {
    std::uint32_t* out = partial.data() + ((t.y0 + y) / scale - touched.y0) * touched.w;
    for (std::int64_t x = 0; x < t.w; ++x) out[(t.x0 + x) / scale - touched.x0] += row[x];
  });

  const mpi::Comm& comm = sim.cart().comm();
  const int ranks = comm.size();
  const Extent mine = owned_blocks(t, scale);
  std::vector<int> send_counts(static_cast<std::size_t>(ranks));
  std::vector<int> recv_counts(static_cast<std::size_t>(ranks));
  std::vector<int> send_displs(static_cast<std::size_t>(ranks));
  std::vector<int> recv_displs(static_cast<std::size_t>(ranks));
  std::vector<Extent> send_parts(static_cast<std::size_t>(ranks));
  std::vector<Extent> recv_parts(static_cast<std::size_t>(ranks));
  std::vector<std::uint32_t> send;
  int recv_total = 0;
  for (int r = 0; r < ranks; ++r) {
    const Extent other = sim.extent_of(r);
    const auto i = static_cast<std::size_t>(r);
    send_parts[i] = intersect(touched, owned_blocks(other, scale));
    recv_parts[i] = intersect(touched_blocks(other, scale), mine);
    send_displs[i] = static_cast<int>(send.size());
    append_part(partial, touched, send_parts[i], send);
    send_counts[i] = static_cast<int>(send_parts[i].cells());
    recv_displs[i] = recv_total;
    recv_counts[i] = static_cast<int>(recv_parts[i].cells());
    recv_total += recv_counts[i];
  }
  std::vector<std::uint32_t> received(static_cast<std::size_t>(recv_total));
  mpi::alltoallv(send.data(), send_counts, send_displs, received.data(), recv_counts, recv_displs,
                 comm);

  std::vector<std::uint32_t> counts(static_cast<std::size_t>(mine.cells()), 0);
  for (int r = 0; r < ranks; ++r) {
    const auto i = static_cast<std::size_t>(r);
    const Extent& part = recv_parts[i];
    const std::uint32_t* in = received.data() + recv_displs[i];
    for (std::int64_t y = part.y0; y < part.y0 + part.h; ++y) {
      std::uint32_t* out = counts.data() + (y - mine.y0) * mine.w + (part.x0 - mine.x0);
      for (std::int64_t x = 0; x < part.w; ++x) out[x] += *in++;
    }
  }
  region = mine;
  return to_pixels(counts, mine, scale, lay.width, lay.height);
}

// The whole stored frame on rank 0 (empty elsewhere), through gather_grid at scale 1 and
// gather_block_counts (one value per block on the wire) otherwise.
std::vector<std::uint8_t> gathered_pixels(const Simulation& sim, std::int64_t scale) {
  const Layout& lay = sim.layout();
  if (scale == 1) {
    const CellArray grid = gather_grid(sim);
    return std::vector<std::uint8_t>(grid.data(), grid.data() + grid.size());
  }
  const std::vector<std::uint32_t> counts =
      gather_block_counts(sim, {0, 0, lay.width, lay.height}, scale);
  if (counts.empty()) return {};
  const Extent blocks{0, 0, ceil_div(lay.width, scale), ceil_div(lay.height, scale)};
  return to_pixels(counts, blocks, scale, lay.width, lay.height);
}

// The series are chunked but not compressed: each append rewrites part of a chunk, which for a
// compressed chunk in a parallel file is a collective read-inflate-deflate-write per frame (the
// path ompio corrupted, see prefer_romio), to save a few of the 16 bytes a frame.
h5::Dataset create_series(hid_t file, const char* name) {
  const h5::Dataspace space = h5::make_space({0}, {H5S_UNLIMITED});
  const h5::PropList dcpl =
      h5::check<h5::PropList>(H5Pcreate(H5P_DATASET_CREATE), ExitCode::cant_create, name);
  const hsize_t chunk = kSeriesChunk;
  h5::check_status(H5Pset_chunk(dcpl.get(), 1, &chunk), ExitCode::cant_create, name);
  return h5::check<h5::Dataset>(
      H5Dcreate2(file, name, H5T_STD_I64LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      ExitCode::cant_create, std::string("cannot create ") + name);
}

}  // namespace

std::string to_string(IoMode mode) {
  return mode == IoMode::gather ? "gather" : "parallel";
}

std::string to_string(IoChoice choice) {
  if (choice == IoChoice::automatic) return "auto";
  return to_string(choice == IoChoice::gather ? IoMode::gather : IoMode::parallel);
}

std::optional<IoChoice> parse_io_choice(std::string_view text) {
  for (const IoChoice c : {IoChoice::automatic, IoChoice::gather, IoChoice::parallel}) {
    if (text == to_string(c)) return c;
  }
  return std::nullopt;
}

IoMode choose_io_mode(IoChoice choice, int ranks, std::int64_t pixels) {
  if (choice == IoChoice::gather) return IoMode::gather;
  if (choice == IoChoice::parallel) return IoMode::parallel;
  return ranks > 1 && pixels > kAutoParallelPixels ? IoMode::parallel : IoMode::gather;
}

std::uint8_t density_pixel(std::int64_t live, std::int64_t cells) {
  if (live <= 0 || cells <= 0) return 0;
  const std::int64_t rounded = (510 * live + cells) / (2 * cells);
  return static_cast<std::uint8_t>(std::clamp<std::int64_t>(rounded, 1, 255));
}

std::string sidecar_path(const std::string& h5_path) {
  std::filesystem::path p(h5_path);
  const std::string ext = p.extension().string();
  if (ext == ".h5" || ext == ".hdf5" || ext == ".hdf" || ext == ".he5") {
    return p.replace_extension(".xmf").string();
  }
  return h5_path + ".xmf";
}

struct Recorder::Impl {
  RecorderSettings settings;
  RunMetadata meta;
  std::string outcome = "completed";
  std::int64_t frame_w = 0;
  std::int64_t frame_h = 0;
  h5::File file;
  h5::Dataset frames;
  h5::Dataset generations;
  h5::Dataset population;
  h5::PropList dxpl;
  std::int64_t count = 0;
  std::int64_t last_generation = -1;
  std::vector<std::int64_t> recorded;  // generations of the frames (rank 0)
  double sidecar_written_at = -1e300;
  std::int64_t sidecar_frames = -1;

  bool parallel() const { return settings.io == IoMode::parallel; }

  // Runs `body` on the ranks holding the file (all of them, or rank 0), errors agreed.
  void on_writers(const mpi::Comm& comm, const std::function<void()>& body) {
    if (parallel()) {
      mpi::everywhere_agreed(comm, body);
    } else {
      mpi::on_root_agreed(comm, body);
    }
  }

  void create(const mpi::Comm& comm) {
    const std::string& path = settings.path;
    file = h5::create_file(path, parallel() ? &comm : nullptr, false);
    dxpl = h5::transfer_list(parallel());
    const auto [chunk_rows, chunk_cols] = h5::plane_chunk(frame_h, frame_w);
    const auto fh = static_cast<hsize_t>(frame_h);
    const auto fw = static_cast<hsize_t>(frame_w);
    const h5::Dataspace space = h5::make_space({0, fh, fw}, {H5S_UNLIMITED, fh, fw});
    const h5::PropList dcpl = h5::compressed_layout({1, chunk_rows, chunk_cols}, h5::kDeflateLevel);
    frames =
        h5::check<h5::Dataset>(H5Dcreate2(file.get(), "frames", H5T_STD_U8LE, space.get(),
                                          H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                               ExitCode::cant_create, "cannot create /frames in '" + path + "'");
    generations = create_series(file.get(), "generations");
    population = create_series(file.get(), "population");
    const hid_t root = file.get();
    h5::write_run_attributes(root, "recording", meta);
    h5::write_attribute(root, "every", settings.every);
    h5::write_attribute(root, "frame_scale", settings.frame_scale);
    h5::write_attribute(
        root, "frame_encoding",
        std::string(settings.frame_scale == 1 ? "cells: 0 = dead, 1 = alive"
                                              : "density: round(255 * live / cells) per block, at "
                                                "least 1 when any cell lives"));
    h5::write_attribute(root, "status", std::string("running"));
    h5::check_status(H5Fflush(root, H5F_SCOPE_LOCAL), ExitCode::cant_create,
                     "cannot write '" + path + "'");
  }

  // Appends one frame: extends the three datasets, writes this process's pixels in `region`
  // and (rank 0) the generation and population, then flushes so the file is readable up to it.
  void append(bool root, std::int64_t generation, std::int64_t pop, const Extent& region,
              const std::vector<std::uint8_t>& pixels) {
    const std::string what =
        "cannot write frame " + std::to_string(count) + " to '" + settings.path + "'";
    const hsize_t t = static_cast<hsize_t>(count) + 1;
    const hsize_t frame_dims[3] = {t, static_cast<hsize_t>(frame_h), static_cast<hsize_t>(frame_w)};
    h5::check_status(H5Dset_extent(frames.get(), frame_dims), ExitCode::io, what);
    h5::check_status(H5Dset_extent(generations.get(), &t), ExitCode::io, what);
    h5::check_status(H5Dset_extent(population.get(), &t), ExitCode::io, what);
    h5::write_plane_part(frames.get(), count, region, pixels.data(), dxpl.get(), what);
    write_series(generations.get(), root, generation, what);
    write_series(population.get(), root, pop, what);
    h5::check_status(H5Fflush(file.get(), H5F_SCOPE_LOCAL), ExitCode::io, what);
    ++count;
  }

  void write_series(hid_t dataset, bool root, std::int64_t value, const std::string& what) {
    const h5::Dataspace file_space =
        h5::check<h5::Dataspace>(H5Dget_space(dataset), ExitCode::io, what);
    const h5::Dataspace mem = h5::make_space({1});
    if (root) {
      const hsize_t at = static_cast<hsize_t>(count);
      const hsize_t one = 1;
      h5::check_status(
          H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &at, nullptr, &one, nullptr),
          ExitCode::io, what);
    } else {
      h5::check_status(H5Sselect_none(file_space.get()), ExitCode::io, what);
      h5::check_status(H5Sselect_none(mem.get()), ExitCode::io, what);
    }
    h5::check_status(
        H5Dwrite(dataset, H5T_NATIVE_INT64, mem.get(), file_space.get(), dxpl.get(), &value),
        ExitCode::io, what);
  }

  void record(const Simulation& sim) {
    const std::int64_t generation = sim.generation();
    if (generation == last_generation) return;
    const mpi::Comm& comm = sim.cart().comm();
    const bool root = comm.rank() == 0;
    const std::int64_t pop = sim.population();
    if (parallel()) {
      Extent region;
      const std::vector<std::uint8_t> pixels = local_pixels(sim, settings.frame_scale, region);
      mpi::everywhere_agreed(comm, [&] { append(root, generation, pop, region, pixels); });
    } else {
      const std::vector<std::uint8_t> pixels = gathered_pixels(sim, settings.frame_scale);
      mpi::on_root_agreed(comm, [&] {
        append(true, generation, pop, {0, 0, frame_w, frame_h}, pixels);
      });
    }
    last_generation = generation;
    if (root) recorded.push_back(generation);
    mpi::on_root_agreed(comm, [&] { write_sidecar(false); });
  }

  void write_sidecar(bool final_version) {
    const double now = now_seconds();
    if (!final_version && count > kSidecarEveryFrameUpTo &&
        now - sidecar_written_at < kSidecarSeconds) {
      return;
    }
    if (sidecar_frames == count) return;
    const std::string name = std::filesystem::path(settings.path).filename().string();
    const std::string text =
        h5::xdmf_document(name, frame_w, frame_h, settings.frame_scale, recorded);
    write_file_atomically(sidecar_path(settings.path), [&](std::ostream& out) { out << text; });
    sidecar_written_at = now;
    sidecar_frames = count;
  }
};

Recorder::Recorder(RecorderSettings settings, RunMetadata meta) : impl_(std::make_unique<Impl>()) {
  if (settings.every < 1 || settings.frame_scale < 1) {
    throw Error(ExitCode::usage, "--every and --frame-scale must be at least 1");
  }
  impl_->settings = std::move(settings);
  impl_->meta = std::move(meta);
  impl_->frame_w = ceil_div(impl_->meta.width, impl_->settings.frame_scale);
  impl_->frame_h = ceil_div(impl_->meta.height, impl_->settings.frame_scale);
}

Recorder::~Recorder() = default;

void Recorder::start(const Simulation& sim) {
  const mpi::Comm& comm = sim.cart().comm();
  impl_->on_writers(comm, [&] { impl_->create(comm); });
  impl_->record(sim);
}

void Recorder::after_step(const Simulation& sim) {
  if (sim.generation() % impl_->settings.every == 0) impl_->record(sim);
}

void Recorder::finish(const Simulation& sim) {
  impl_->record(sim);
  const mpi::Comm& comm = sim.cart().comm();
  impl_->on_writers(comm, [&] {
    Impl& m = *impl_;
    h5::write_attribute(m.file.get(), "status", m.outcome);
    bool closed = m.frames.close();
    closed = m.generations.close() && closed;
    closed = m.population.close() && closed;
    closed = m.dxpl.close() && closed;
    closed = m.file.close() && closed;
    if (!closed) h5::fail(ExitCode::io, "cannot close '" + m.settings.path + "'");
  });
  mpi::on_root_agreed(comm, [&] { impl_->write_sidecar(true); });
}

void Recorder::set_outcome(const std::string& outcome) {
  impl_->outcome = outcome;
}

}  // namespace mpilife
