// HDF5 output at every rank count: recorded frames equal the serial reference for both writers
// (full resolution and block densities), checkpoints load into any decomposition, and errors
// reach every rank with the same code.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/io/hdf5/checkpoint.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/io/hdf5/metadata.hpp"
#include "mpilife/io/hdf5/recorder.hpp"
#include "mpilife/io/hdf5/recording.hpp"
#include "mpilife/io/hdf5/xdmf.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/mpi/environment.hpp"
#include "mpilife/parallel/serial.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "support/gather_grid.hpp"
#include "support/mpi_test_util.hpp"

using namespace mpilife;

namespace {

// Runs before main() and so before MPI_Init (see prefer_romio).
const bool kRomio = (mpi::prefer_romio(), true);

// A file name in the temporary folder, the same on every rank (rank 0's pid).
std::string shared_temp(const std::string& stem) {
  const std::int64_t pid = mpi::broadcast(std::int64_t{::getpid()}, 0, mpi::world());
  return std::string(P_tmpdir) + "/mpilife-h5test-" + std::to_string(pid) + "-" + stem;
}

void remove_on_root(const std::string& path) {
  mpi::barrier(mpi::world());
  if (test::world_rank() == 0) {
    std::remove(path.c_str());
    std::remove(sidecar_path(path).c_str());
  }
}

RunMetadata metadata(std::int64_t w, std::int64_t h, Topology topology) {
  RunMetadata m;
  m.rule = "B3/S23" + GridSuffix{topology, w, h}.to_string();
  m.topology = topology;
  m.width = w;
  m.height = h;
  m.seed = 5;
  m.pattern = "";
  return m;
}

// The stored pixels of `grid` at `scale`, computed directly.
CellArray expected_pixels(const CellArray& grid, std::int64_t scale) {
  if (scale == 1) return grid;
  const std::int64_t w = grid.cols();
  const std::int64_t h = grid.rows();
  CellArray out((h + scale - 1) / scale, (w + scale - 1) / scale);
  for (std::int64_t by = 0; by < out.rows(); ++by) {
    for (std::int64_t bx = 0; bx < out.cols(); ++bx) {
      const std::int64_t rows = std::min(scale, h - by * scale);
      const std::int64_t cols = std::min(scale, w - bx * scale);
      const std::int64_t live =
          grid.block(by * scale, bx * scale, rows, cols).cast<std::int64_t>().sum();
      out(by, bx) = density_pixel(live, rows * cols);
    }
  }
  return out;
}

// Runs `generations` generations of a soup on `procs` with a Recorder and checks, on rank 0,
// every stored frame against the serial reference at its generation.
void check_recording(IoMode io, const ProcessGrid& procs, Topology topology, std::int64_t scale) {
  const std::int64_t w = 45;
  const std::int64_t h = 37;
  const std::int64_t every = 3;
  const std::int64_t generations = 10;
  const std::string path = shared_temp("rec.h5");
  const mpi::Comm world = mpi::world();
  Simulation sim(world, w, h, topology, procs, KernelKind::reference, Rule{});
  fill_soup(sim, 5, 0.35);
  Recorder recorder({path, every, scale, io}, metadata(w, h, topology));
  recorder.start(sim);
  while (sim.generation() < generations) {
    sim.step();
    recorder.after_step(sim);
  }
  recorder.set_outcome("completed");
  recorder.finish(sim);

  bool ok = true;
  std::string why;
  if (world.rank() == 0) {
    const Recording rec(path);
    const std::vector<std::int64_t> want_generations = {0, 3, 6, 9, 10};
    ok = rec.frames() == static_cast<std::int64_t>(want_generations.size()) && rec.width() == w &&
         rec.height() == h && rec.frame_scale() == scale &&
         rec.frame_width() == (w + scale - 1) / scale && rec.status() == "completed" &&
         rec.topology() == topology && !rec.is_checkpoint();
    if (!ok) why = "metadata";
    const CellArray start = soup_grid(w, h, 5, 0.35);
    for (std::int64_t i = 0; ok && i < rec.frames(); ++i) {
      const std::int64_t g = want_generations[static_cast<std::size_t>(i)];
      const CellArray grid = evolve_serial(start, Rule{}, topology, KernelKind::reference, g);
      ok = rec.generation(i) == g && rec.population(i) == grid.cast<std::int64_t>().sum() &&
           (rec.frame(i) == expected_pixels(grid, scale)).all();
      if (!ok) why = "frame " + std::to_string(i);
    }
  }
  INFO("io ", to_string(io), " procs ", test::name(procs), " ", to_string(topology), " scale ",
       scale, " ", why);
  CHECK(test::root_says(ok));
  remove_on_root(path);
}

// Runs `body` on every rank and returns the exit code of the Error it throws (0 for none).
int agreed_code(const std::function<void()>& body) {
  int code = 0;
  try {
    body();
  } catch (const Error& e) {
    code = static_cast<int>(e.code());
  }
  return code;
}

}  // namespace

TEST_CASE("recorded frames equal the serial reference, both writers, any decomposition") {
  for (const IoMode io : {IoMode::gather, IoMode::parallel}) {
    for (const ProcessGrid& g : test::process_grids(test::world_size(), 45, 37)) {
      check_recording(io, g, Topology::torus, 1);
    }
    const std::array<int, 2> dims = mpi::dims_create(test::world_size());
    check_recording(io, {dims[0], dims[1]}, Topology::plane, 1);
  }
}

TEST_CASE("block-density frames equal the densities of the reference grid, both writers") {
  for (const IoMode io : {IoMode::gather, IoMode::parallel}) {
    for (const ProcessGrid& g : test::process_grids(test::world_size(), 45, 37)) {
      for (const std::int64_t scale : {4, 16, 64}) check_recording(io, g, Topology::plane, scale);
    }
  }
}

TEST_CASE("a checkpoint loads into any decomposition with either reader") {
  const std::int64_t w = 61;
  const std::int64_t h = 43;
  const mpi::Comm world = mpi::world();
  const std::vector<ProcessGrid> grids = test::process_grids(test::world_size(), w, h);
  for (const IoMode write_io : {IoMode::gather, IoMode::parallel}) {
    const std::string path = shared_temp("ck.h5");
    Simulation a(world, w, h, Topology::torus, grids.front(), KernelKind::reference, Rule{});
    fill_soup(a, 11, 0.4);
    for (int i = 0; i < 7; ++i) a.step();
    write_checkpoint(a, path, metadata(w, h, Topology::torus), write_io);
    const CellArray want = gather_grid(a);
    bool info_ok = true;
    if (world.rank() == 0) {
      const CheckpointInfo info = read_checkpoint_info(path);
      info_ok = info.generation == 7 && info.meta.width == w && info.meta.height == h &&
                info.meta.rule == "B3/S23:T61,43" && info.meta.seed == 5 &&
                info.population == want.cast<std::int64_t>().sum() &&
                !std::filesystem::exists(path + ".tmp");
    }
    CHECK(test::root_says(info_ok));
    for (const ProcessGrid& g : grids) {
      for (const IoMode read_io : {IoMode::gather, IoMode::parallel}) {
        Simulation b(world, w, h, Topology::torus, g, KernelKind::reference, Rule{}, 7);
        load_checkpoint(b, path, read_io);
        const CellArray got = gather_grid(b);
        INFO("written ", to_string(write_io), " read ", to_string(read_io), " into ",
             test::name(g));
        CHECK(test::root_says(world.rank() != 0 || (got == want).all()));
      }
    }
    remove_on_root(path);
  }
}

TEST_CASE("HDF5 errors reach every rank with the same exit code") {
  const mpi::Comm world = mpi::world();
  const std::array<int, 2> dims = mpi::dims_create(test::world_size());
  const ProcessGrid procs{dims[0], dims[1]};
  Simulation sim(world, 20, 20, Topology::torus, procs, KernelKind::reference, Rule{});
  const std::string missing_dir = shared_temp("no-such-folder/x.h5");
  for (const IoMode io : {IoMode::gather, IoMode::parallel}) {
    INFO("io ", to_string(io));
    const int load = agreed_code([&] { load_checkpoint(sim, shared_temp("missing.h5"), io); });
    CHECK(test::all_ranks(load == 66));
    const int create = agreed_code([&] {
      Recorder r({missing_dir, 1, 1, io}, metadata(20, 20, Topology::torus));
      r.start(sim);
    });
    CHECK(test::all_ranks(create == 73));
    const int checkpoint = agreed_code(
        [&] { write_checkpoint(sim, missing_dir, metadata(20, 20, Topology::torus), io); });
    CHECK(test::all_ranks(checkpoint == 74));
  }
  // A recording is not a checkpoint; a wrong-size checkpoint is refused.
  const std::string rec_path = shared_temp("not-a-checkpoint.h5");
  {
    Recorder r({rec_path, 1, 1, IoMode::gather}, metadata(20, 20, Topology::torus));
    r.start(sim);
    r.finish(sim);
  }
  CHECK(test::all_ranks(agreed_code([&] { load_checkpoint(sim, rec_path, IoMode::parallel); }) ==
                        65));
  int info_code = 0;
  if (world.rank() == 0) info_code = agreed_code([&] { read_checkpoint_info(rec_path); });
  CHECK(test::root_says(info_code == 65));
  const std::string small = shared_temp("small.h5");
  Simulation tiny(world, 8 * procs.cols, 8 * procs.rows, Topology::torus, procs,
                  KernelKind::reference, Rule{});
  write_checkpoint(tiny, small, metadata(8 * procs.cols, 8 * procs.rows, Topology::torus),
                   IoMode::gather);
  for (const IoMode io : {IoMode::gather, IoMode::parallel}) {
    CHECK(test::all_ranks(agreed_code([&] { load_checkpoint(sim, small, io); }) == 65));
  }
  remove_on_root(rec_path);
  remove_on_root(small);
}
