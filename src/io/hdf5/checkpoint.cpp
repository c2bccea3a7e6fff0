#include "mpilife/io/hdf5/checkpoint.hpp"

// Checkpoints: the full grid as uint8 [H, W] (shuffle + deflate) with the run's metadata, written
// under a temporary name and renamed over the previous one; and their loading into any
// decomposition.

#include <mpi.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

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
#include "mpilife/parallel/mpi/point_to_point.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

namespace {

constexpr const char* kGrid = "grid";

// At most this many bytes per message when rank 0 sends tiles it read.
constexpr std::int64_t kMaxMessageBytes = std::int64_t{1} << 30;

// Creates `tmp` with the /grid dataset and every attribute, writes this process's `part` of the
// grid and closes it (a failed close, i.e. a failed final flush, is an error too).
void write_checkpoint_file(const std::string& tmp, const mpi::Comm* comm, const RunMetadata& meta,
                           std::int64_t generation, std::int64_t population, const Extent& part,
                           const std::vector<std::uint8_t>& cells, int compression) {
  const std::string what = "cannot write checkpoint '" + tmp + "'";
  h5::File file = h5::create_file(tmp, comm);
  const auto [chunk_rows, chunk_cols] = h5::plane_chunk(meta.height, meta.width);
  const h5::Dataspace space =
      h5::make_space({static_cast<hsize_t>(meta.height), static_cast<hsize_t>(meta.width)});
  const h5::PropList dcpl = h5::compressed_layout({chunk_rows, chunk_cols}, compression);
  h5::Dataset grid = h5::check<h5::Dataset>(H5Dcreate2(file.get(), kGrid, H5T_STD_U8LE, space.get(),
                                                       H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                                            ExitCode::io, what);
  const h5::PropList dxpl = h5::transfer_list(comm != nullptr);
  h5::write_plane_part(grid.get(), std::nullopt, part, cells.data(), dxpl.get(), what);
  const hid_t root = file.get();
  h5::write_run_attributes(root, "checkpoint", meta);
  h5::write_attribute(root, "generation", generation);
  h5::write_attribute(root, "population", population);
  h5::write_attribute(root, "frame_encoding", std::string("cells: 0 = dead, 1 = alive"));
  const bool grid_closed = grid.close();
  if (!file.close() || !grid_closed) h5::fail(ExitCode::io, what);
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

void write_checkpoint(const Simulation& sim, const std::string& path, const RunMetadata& meta,
                      IoMode io, int compression) {
  const mpi::Comm& comm = sim.cart().comm();
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
    if (io == IoMode::parallel) {
      const std::vector<std::uint8_t> cells = copy_out(sim.tile());
      mpi::on_root_agreed(comm, [&] {
        h5::check_free_space(tmp, lay.width * lay.height, "cannot write '" + tmp + "'");
      });
      mpi::everywhere_agreed(comm, [&] {
        write_checkpoint_file(tmp, &comm, meta, generation, population, lay.local, cells,
                              compression);
      });
    } else {
      const CellArray grid = gather_grid(sim);
      mpi::on_root_agreed(comm, [&] {
        const std::vector<std::uint8_t> cells(grid.data(), grid.data() + grid.size());
        write_checkpoint_file(tmp, nullptr, meta, generation, population,
                              {0, 0, lay.width, lay.height}, cells, compression);
      });
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
  const Extent mine = lay.local;
  std::vector<std::uint8_t> cells(static_cast<std::size_t>(mine.cells()));
  std::int64_t expected_population = 0;
  if (io == IoMode::parallel) {
    mpi::everywhere_agreed(comm, [&] {
      const h5::File file = h5::open_file(path, &comm);
      expected_population = h5::read_int_attribute(file.get(), "population", path);
      const h5::Dataset grid = open_grid(file, path, lay.width, lay.height);
      const h5::PropList dxpl = h5::transfer_list(true);
      h5::read_plane_part(grid.get(), std::nullopt, mine, cells.data(), dxpl.get(), ExitCode::data,
                          path + ": cannot read /grid");
    });
  } else {
    // Rank 0 reads one tile at a time (memory: one tile) and sends it; a read error is remembered
    // and reported after every tile went out, so no rank waits for a message that never comes.
    h5::File file;
    h5::Dataset grid;
    mpi::on_root_agreed(comm, [&] {
      file = h5::open_file(path, nullptr);
      expected_population = h5::read_int_attribute(file.get(), "population", path);
      grid = open_grid(file, path, lay.width, lay.height);
    });
    constexpr int kTag = 300;
    const auto send_rows = [&](std::int64_t width) {
      return std::max<std::int64_t>(1, kMaxMessageBytes / std::max<std::int64_t>(1, width));
    };
    if (comm.rank() == 0) {
      std::optional<Error> failure;
      std::vector<std::uint8_t> buffer;
      for (int r = 0; r < comm.size(); ++r) {
        const Extent e = sim.extent_of(r);
        std::vector<std::uint8_t>& target = r == 0 ? cells : buffer;
        target.assign(static_cast<std::size_t>(e.cells()), 0);
        if (!failure) {
          try {
            h5::read_plane_part(grid.get(), std::nullopt, e, target.data(), H5P_DEFAULT,
                                ExitCode::data, path + ": cannot read /grid");
          } catch (const Error& err) {
            failure = err;
          }
        }
        if (r == 0) continue;
        const std::int64_t rows = send_rows(e.w);
        for (std::int64_t y = 0; y < e.h; y += rows) {
          const std::int64_t n = std::min(rows, e.h - y) * e.w;
          mpi::send(buffer.data() + y * e.w, static_cast<std::size_t>(n), r, kTag, comm);
        }
      }
      grid.close();
      file.close();
      mpi::on_root_agreed(comm, [&] {
        if (failure) throw *failure;
      });
    } else {
      const std::int64_t rows = send_rows(mine.w);
      for (std::int64_t y = 0; y < mine.h; y += rows) {
        const std::int64_t n = std::min(rows, mine.h - y) * mine.w;
        mpi::recv(cells.data() + y * mine.w, static_cast<std::size_t>(n), 0, kTag, comm);
      }
      mpi::on_root_agreed(comm, [] {});
    }
  }
  copy_in(sim.tile(), cells.data());
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
