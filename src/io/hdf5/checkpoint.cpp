#include "mpilife/io/hdf5/checkpoint.hpp"

// Checkpoints: the full grid as uint8 [H, W] (shuffle + deflate) with the run's metadata, written
// under a temporary name and renamed over the previous one; and their loading into any
// decomposition.

#include <mpi.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>

#include "h5_handles.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/files.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/io/hdf5/metadata.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

namespace {

constexpr const char* kGrid = "grid";

// True when the `n` bytes at `p` are all 0; 64 at a time.
bool all_dead(const std::uint8_t* p, std::int64_t n) {
  std::int64_t i = 0;
  for (; i + 64 <= n; i += 64) {
    std::uint64_t any = 0;
    for (int j = 0; j < 8; ++j) {
      std::uint64_t word = 0;
      std::memcpy(&word, p + i + 8 * j, sizeof word);
      any |= word;
    }
    if (any != 0) return false;
  }
  for (; i < n; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

// A checkpoint file being written: create() makes `tmp` with the /grid dataset, the grid goes in
// by parts (bands of rows), close() adds the attributes and closes it (a failed close, i.e. a
// failed final flush, is an error too).
struct CheckpointFile {
  std::string what;
  h5::File file;
  h5::Dataset grid;
  h5::PropList dxpl;

  void create(const std::string& tmp, const mpi::Comm* comm, const RunMetadata& meta,
              int compression) {
    what = "cannot write checkpoint '" + tmp + "'";
    file = h5::create_file(tmp, comm);
    const auto [chunk_rows, chunk_cols] = h5::plane_chunk(meta.height, meta.width);
    const h5::Dataspace space =
        h5::make_space({static_cast<hsize_t>(meta.height), static_cast<hsize_t>(meta.width)});
    const h5::PropList dcpl = h5::compressed_layout({chunk_rows, chunk_cols}, compression);
    // Every chunk allocated and filled (0) at creation, as a parallel file always is: the dead
    // parts write() skips are stored too (the fill chunk is compressed once), so the file's
    // storage stays plausible for its declared grid (check_plausible_storage).
    h5::check_status(H5Pset_alloc_time(dcpl.get(), H5D_ALLOC_TIME_EARLY), ExitCode::io, what);
    grid = h5::check<h5::Dataset>(H5Dcreate2(file.get(), kGrid, H5T_STD_U8LE, space.get(),
                                             H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                                  ExitCode::io, what);
    dxpl = h5::transfer_list(comm != nullptr);
  }

  // Writes `part`; an all-dead part selects nothing (a collective write still takes part): its
  // chunks keep the fill value 0 they were allocated with, so a big sparse grid costs little to
  // write.
  void write(const Extent& part, const std::uint8_t* cells) {
    const bool dead = all_dead(cells, part.cells());
    h5::write_plane_part(grid.get(), std::nullopt, dead ? Extent{part.x0, part.y0, 0, 0} : part,
                         cells, dxpl.get(), what);
  }

  void close(const RunMetadata& meta, std::int64_t generation, std::int64_t population) {
    const hid_t root = file.get();
    h5::write_run_attributes(root, "checkpoint", meta);
    h5::write_attribute(root, "generation", generation);
    h5::write_attribute(root, "population", population);
    h5::write_attribute(root, "frame_encoding", std::string("cells: 0 = dead, 1 = alive"));
    const bool grid_closed = grid.close();
    if (!file.close() || !grid_closed) h5::fail(ExitCode::io, what);
  }
};

// Rows per band when a grid `width` x `height` goes to or comes from a checkpoint: whole chunk
// rows where a band of them fits kBandBytes, so each chunk is written once.
std::int64_t checkpoint_band_rows(std::int64_t width, std::int64_t height) {
  return band_rows(width, static_cast<std::int64_t>(h5::plane_chunk(height, width)[0]));
}

h5::Dataset open_grid(const h5::File& file, const std::string& path, std::int64_t width,
                      std::int64_t height) {
  if (H5Lexists(file.get(), kGrid, H5P_DEFAULT) <= 0) {
    throw Error(ExitCode::data, path + ": the checkpoint has no /grid dataset");
  }
  h5::Dataset grid = h5::check<h5::Dataset>(H5Dopen2(file.get(), kGrid, H5P_DEFAULT),
                                            ExitCode::data, path + ": cannot open /grid");
  const std::vector<hsize_t> dims = h5::dataset_dims(grid.get());
  if (dims.size() != 2 || dims[0] != static_cast<hsize_t>(height) ||
      dims[1] != static_cast<hsize_t>(width)) {
    throw Error(ExitCode::data, path + ": /grid does not have the shape [" +
                                    std::to_string(height) + ", " + std::to_string(width) +
                                    "] its attributes give");
  }
  h5::check_plausible_storage(grid.get(), 1, width * height, path);
  return grid;
}

}  // namespace

void write_checkpoint(const Simulation& sim, const std::string& path, const RunMetadata& run,
                      IoMode io, int compression) {
  const mpi::Comm& comm = sim.cart().comm();
  // The grid as it is now: an unbounded universe's grid grows during the run.
  RunMetadata meta = run;
  meta.width = sim.layout().width;
  meta.height = sim.layout().height;
  meta.origin_x = sim.layout().origin_x;
  meta.origin_y = sim.layout().origin_y;
  const bool root = comm.rank() == 0;
  // Through a symbolic link the target is replaced and the link kept (README, below "Exit codes").
  // A loop of links was refused before the run; should one appear since, write at `path`.
  std::string real = path;
  try {
    real = real_path(path);
  } catch (const Error&) {
  }
  const std::string tmp = real + ".tmp";
  const std::int64_t population = sim.population();
  const std::int64_t generation = sim.generation();
  const Layout& lay = sim.layout();
  try {
    const std::int64_t rows = checkpoint_band_rows(lay.width, lay.height);
    if (io == IoMode::parallel) {
      mpi::on_root_agreed(comm, [&] {
        h5::check_free_space(tmp, lay.width * lay.height, "cannot write '" + tmp + "'");
      });
      // Every rank writes its tile a band at a time, the same number of collective writes each.
      mpi::everywhere_agreed(comm, [&] {
        CheckpointFile out;
        out.create(tmp, &comm, meta, compression);
        for_each_tile_band(sim, rows, [&](const Extent& part, const std::uint8_t* cells) {
          out.write(part, cells);
        });
        out.close(meta, generation, population);
      });
    } else {
      // Rank 0 writes the bands as they arrive (for_each_band): two bands in memory, not the grid.
      CheckpointFile out;
      gather_bands_agreed(
          sim, rows, [&] { out.create(tmp, nullptr, meta, compression); },
          [&](std::int64_t y0, std::int64_t n, const std::uint8_t* cells) {
            out.write({0, y0, lay.width, n}, cells);
          },
          [&] { out.close(meta, generation, population); });
    }
    mpi::on_root_agreed(comm, [&] {
      h5::sync_file(tmp);
      if (std::rename(tmp.c_str(), real.c_str()) != 0) {
        throw Error(ExitCode::io, "cannot rename checkpoint '" + tmp + "' to '" + real +
                                      "': " + std::strerror(errno));
      }
      h5::sync_folder_of(real);
    });
  } catch (const Error& e) {
    if (root) std::remove(tmp.c_str());
    // A checkpoint is written during the run: whatever went wrong is an I/O error then.
    throw Error(ExitCode::io, "checkpoint of generation " + std::to_string(generation) + " to '" +
                                  path + "' failed: " + e.what() +
                                  " (the previous checkpoint, if any, is intact; check the free "
                                  "space and permissions of its folder)");
  }
}

bool remove_stale_checkpoint_temp(const std::string& path) {
  const std::string tmp = path + ".tmp";
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(tmp, ec);
  if (ec || !std::filesystem::exists(status)) return false;
  if (!std::filesystem::is_regular_file(status) ||
      !h5::is_partial_mpilife_file(tmp, "checkpoint")) {
    throw Error(ExitCode::cant_create,
                "--checkpoint: '" + tmp +
                    "' exists and is not a checkpoint left by mpilife; it is the temporary name "
                    "the checkpoint is written under, so move or remove that file");
  }
  if (std::remove(tmp.c_str()) != 0) {
    throw Error(ExitCode::cant_create, "--checkpoint: cannot remove the stale temporary '" + tmp +
                                           "': " + std::strerror(errno));
  }
  return true;
}

Checkpointer::Checkpointer(CheckpointSettings settings, RunMetadata meta)
    : settings_(std::move(settings)), meta_(std::move(meta)) {}

void Checkpointer::start(const Simulation& sim) {
  mpi::on_root_agreed(sim.cart().comm(), [&] {
    if (remove_stale_checkpoint_temp(settings_.path)) {
      std::fprintf(stderr,
                   "mpilife: note: removed '%s.tmp', a partial checkpoint left by a run that was "
                   "killed while writing it\n",
                   settings_.path.c_str());
    }
  });
}

void Checkpointer::after_step(const Simulation& sim) {
  if (settings_.every > 0 && sim.generation() % settings_.every == 0) {
    write_checkpoint(sim, settings_.path, meta_, settings_.io, settings_.compression);
    last_written_ = sim.generation();
  }
}

std::int64_t Checkpointer::next_wanted(std::int64_t generation) const {
  if (settings_.every <= 0) return std::numeric_limits<std::int64_t>::max();
  return next_multiple(generation, settings_.every);
}

void Checkpointer::finish(const Simulation& sim) {
  if (last_written_ == sim.generation()) return;
  write_checkpoint(sim, settings_.path, meta_, settings_.io, settings_.compression);
  last_written_ = sim.generation();
}

CheckpointInfo read_checkpoint_info(const std::string& path) {
  const h5::File file = h5::open_file(path, nullptr);
  const hid_t root = file.get();
  std::string kind;
  CheckpointInfo info;
  info.meta = h5::read_run_attributes(root, path, kind);
  if (kind != "checkpoint") {
    throw Error(ExitCode::data, "'" + path + "' is an mpilife " + kind +
                                    ", not a checkpoint (--restart needs a file written by "
                                    "--checkpoint)");
  }
  const RunMetadata& m = info.meta;
  info.generation = h5::read_int_attribute(root, "generation", path);
  info.population = h5::read_int_attribute(root, "population", path);
  if (info.generation < 0 || info.population < 0 || info.population > m.width * m.height) {
    throw Error(ExitCode::data, path + ": inconsistent checkpoint attributes");
  }
  open_grid(file, path, m.width, m.height);
  return info;
}

void load_checkpoint(Simulation& sim, const std::string& path, IoMode io) {
  const mpi::Comm& comm = sim.cart().comm();
  const Layout& lay = sim.layout();
  const std::int64_t rows = checkpoint_band_rows(lay.width, lay.height);
  std::int64_t expected_population = 0;
  if (io == IoMode::parallel) {
    // Every rank reads its tile a band at a time, the same number of collective reads each.
    mpi::everywhere_agreed(comm, [&] {
      const h5::File file = h5::open_file(path, &comm);
      expected_population = h5::read_int_attribute(file.get(), "population", path);
      const h5::Dataset grid = open_grid(file, path, lay.width, lay.height);
      const h5::PropList dxpl = h5::transfer_list(true);
      fill_tile_bands(sim, rows, [&](const Extent& part, std::uint8_t* cells) {
        h5::read_plane_part(grid.get(), std::nullopt, part, cells, dxpl.get(), ExitCode::data,
                            path + ": cannot read /grid");
      });
    });
  } else {
    // Rank 0 reads a band at a time (memory: two bands) and sends each rank its part; a read
    // error is remembered and reported after every band went out (dead), so no rank waits for a
    // message that never comes.
    h5::File file;
    h5::Dataset grid;
    mpi::on_root_agreed(comm, [&] {
      file = h5::open_file(path, nullptr);
      expected_population = h5::read_int_attribute(file.get(), "population", path);
      grid = open_grid(file, path, lay.width, lay.height);
    });
    std::exception_ptr failure;
    try {
      fill_bands(sim, rows, [&](std::int64_t y0, std::int64_t n, std::uint8_t* cells) {
        h5::read_plane_part(grid.get(), std::nullopt, {0, y0, lay.width, n}, cells, H5P_DEFAULT,
                            ExitCode::data, path + ": cannot read /grid");
      });
    } catch (...) {
      failure = std::current_exception();
    }
    grid.close();
    file.close();
    mpi::on_root_agreed(comm, [&] {
      if (failure) std::rethrow_exception(failure);
    });
  }
  const std::int64_t population = sim.population();
  mpi::on_root_agreed(comm, [&] {
    if (population != expected_population) {
      throw Error(ExitCode::data, path + ": the grid holds " + std::to_string(population) +
                                      " live cells but the checkpoint says " +
                                      std::to_string(expected_population) +
                                      " (the file is corrupt)");
    }
  });
}

}  // namespace mpilife
