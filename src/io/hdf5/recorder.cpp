#include "mpilife/io/hdf5/recorder.hpp"

// --output: frames, generations and populations of a run in one HDF5 file, written either by
// rank 0 after a gather or by every rank through MPI-IO, plus the XDMF sidecar.

#include <mpi.h>

#include <algorithm>
#include <array>
#include <exception>
#include <filesystem>

#include "append.hpp"
#include "frame_pixels.hpp"
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

using frame_pixels::ceil_div;

constexpr hsize_t kSeriesChunk = 1024;

// The XDMF sidecar is rewritten after each of the first frames, then at most this often.
constexpr double kSidecarSeconds = 1.0;
constexpr std::int64_t kSidecarEveryFrameUpTo = 100;

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
  h5::Dataset frame_data;
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
    const h5::PropList dcpl =
        h5::compressed_layout({1, chunk_rows, chunk_cols}, settings.compression);
    frame_data =
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
    h5::write_attribute(root, h5::kFramesComplete, std::int64_t{0});
    h5::check_status(H5Fflush(root, H5F_SCOPE_LOCAL), ExitCode::cant_create,
                     "cannot write '" + path + "'");
  }

  // Opens the recording prepare_append left with `frames` frames, to append to it.
  void reopen(const mpi::Comm& comm, std::int64_t frames) {
    const std::string& path = settings.path;
    file = h5::open_file_for_append(path, parallel() ? &comm : nullptr);
    dxpl = h5::transfer_list(parallel());
    const auto open = [&](const char* name) {
      return h5::check<h5::Dataset>(H5Dopen2(file.get(), name, H5P_DEFAULT), ExitCode::cant_create,
                                    "cannot open /" + std::string(name) + " in '" + path + "'");
    };
    frame_data = open("frames");
    generations = open("generations");
    population = open("population");
    count = frames;
  }

  // Creates the file, or continues it when appending to an existing one; rank 0 learns the
  // generations of the frames it holds.
  void open_or_create(const Simulation& sim) {
    const mpi::Comm& comm = sim.cart().comm();
    std::int64_t kept = -1;  // -1: create
    std::array<std::int64_t, 4> window{};
    mpi::on_root_agreed(comm, [&] {
      std::error_code ec;
      if (!settings.append || !std::filesystem::exists(settings.path, ec)) return;
      h5::AppendPoint point = h5::prepare_append(settings.path, meta, settings.every,
                                                 settings.frame_scale, sim.generation());
      recorded = std::move(point.generations);
      kept = static_cast<std::int64_t>(recorded.size());
      window = {point.stored.origin_x, point.stored.origin_y, point.stored.width,
                point.stored.height};
    });
    kept = mpi::broadcast(kept, 0, comm);
    // An unbounded universe's recording goes on showing its own window.
    mpi::broadcast(window.data(), window.size(), 0, comm);
    if (kept >= 0) {
      meta.origin_x = window[0];
      meta.origin_y = window[1];
      meta.width = window[2];
      meta.height = window[3];
      frame_w = ceil_div(meta.width, settings.frame_scale);
      frame_h = ceil_div(meta.height, settings.frame_scale);
    }
    count = std::max<std::int64_t>(kept, 0);  // on every rank: start() decides collectively
    if (kept < 0) {
      on_writers(comm, [&] { create(comm); });
    } else {
      on_writers(comm, [&] { reopen(comm, kept); });
    }
  }

  std::string frame_what() const {
    return "cannot write frame " + std::to_string(count) + " to '" + settings.path + "'";
  }

  // Starts appending a frame: extends the three datasets by one.
  void begin_frame() {
    const std::string what = frame_what();
    const hsize_t t = static_cast<hsize_t>(count) + 1;
    const hsize_t frame_dims[3] = {t, static_cast<hsize_t>(frame_h), static_cast<hsize_t>(frame_w)};
    h5::check_status(H5Dset_extent(frame_data.get(), frame_dims), ExitCode::io, what);
    h5::check_status(H5Dset_extent(generations.get(), &t), ExitCode::io, what);
    h5::check_status(H5Dset_extent(population.get(), &t), ExitCode::io, what);
  }

  // Writes this process's `pixels` in `region` (frame pixels) of the frame being appended.
  void write_part(const Extent& region, const std::uint8_t* pixels) {
    h5::write_plane_part(frame_data.get(), count, region, pixels, dxpl.get(), frame_what());
  }

  // Ends the frame: (rank 0) the generation and population, then flushes so the file is
  // readable up to it.
  void end_frame(bool root, std::int64_t generation, std::int64_t pop) {
    const std::string what = frame_what();
    write_series(generations.get(), root, generation, what);
    write_series(population.get(), root, pop, what);
    h5::check_status(H5Fflush(file.get(), H5F_SCOPE_LOCAL), ExitCode::io, what);
    // Only now, with the frame's data on disk, does the frame count as complete.
    h5::write_attribute(file.get(), h5::kFramesComplete, count + 1);
    h5::check_status(H5Fflush(file.get(), H5F_SCOPE_LOCAL), ExitCode::io, what);
    ++count;
  }

  // Pixel rows per band: whole chunk rows where they fit kBandBytes.
  std::int64_t band_rows() const {
    return frame_pixels::band_pixel_rows(frame_w, h5::plane_chunk(frame_h, frame_w)[0],
                                         settings.frame_scale);
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
    // The recorded window: the grid the run started with, wherever it now lies in a grown
    // universe's grid (meta holds its size and place in the universe).
    const Layout& lay = sim.layout();
    const Extent window{meta.origin_x - lay.origin_x, meta.origin_y - lay.origin_y, meta.width,
                        meta.height};
    const bool whole = window == Extent{0, 0, lay.width, lay.height};
    if (parallel() && !whole) {
      // Not reached: the app records a growing universe through rank 0 (every rank sees this).
      throw Error(ExitCode::software, "a parallel recording cannot follow a growing grid");
    }
    if (parallel()) {
      const std::int64_t scale = settings.frame_scale;
      mpi::on_root_agreed(
          comm, [&] { h5::check_free_space(settings.path, frame_w * frame_h, frame_what()); });
      if (scale == 1) {
        // Every rank writes its tile a band at a time, the same number of collective writes each.
        mpi::everywhere_agreed(comm, [&] {
          begin_frame();
          for_each_tile_band(sim, band_rows(), [&](const Extent& part, const std::uint8_t* c) {
            write_part(part, c);
          });
          end_frame(root, generation, pop);
        });
      } else {
        Extent region;
        const std::vector<std::uint8_t> pixels = frame_pixels::local_pixels(sim, scale, region);
        mpi::everywhere_agreed(comm, [&] {
          begin_frame();
          write_part(region, pixels.data());
          end_frame(root, generation, pop);
        });
      }
    } else {
      // Rank 0 writes the bands as they arrive: a band or two in memory, never the frame. The
      // bands are gathered even after a failure there, then every rank learns of it.
      std::exception_ptr failure;
      if (root) {
        try {
          begin_frame();
        } catch (...) {
          failure = std::current_exception();
        }
      }
      try {
        frame_pixels::for_each_gathered_band(sim, window, settings.frame_scale, band_rows(),
                                             [&](const Extent& band, const std::uint8_t* pixels) {
                                               if (!failure) write_part(band, pixels);
                                             });
        if (root && !failure) end_frame(true, generation, pop);
      } catch (...) {
        if (!failure) failure = std::current_exception();
      }
      mpi::on_root_agreed(comm, [&] {
        if (failure) std::rethrow_exception(failure);
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
  impl_->open_or_create(sim);
  // A continued recording holds the initial state only where an uninterrupted run would.
  if (impl_->count == 0 || sim.generation() % impl_->settings.every == 0) impl_->record(sim);
}

void Recorder::after_step(const Simulation& sim) {
  if (sim.generation() % impl_->settings.every == 0) impl_->record(sim);
}

std::int64_t Recorder::next_wanted(std::int64_t generation) const {
  return next_multiple(generation, impl_->settings.every);
}

void Recorder::finish(const Simulation& sim) {
  impl_->record(sim);
  const mpi::Comm& comm = sim.cart().comm();
  impl_->on_writers(comm, [&] {
    Impl& m = *impl_;
    h5::write_attribute(m.file.get(), "status", m.outcome);
    bool closed = m.frame_data.close();
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
