// Gathers to rank 0: the whole grid and the block-count reduction used for big-grid frames.
#include <doctest/doctest.h>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/regrid.hpp"
#include "mpilife/parallel/serial.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "mpilife/view/block_counts.hpp"
#include "support/mpi_test_util.hpp"

using namespace mpilife;

TEST_CASE("gather_grid and the soup are independent of the decomposition") {
  const std::int64_t w = 53;
  const std::int64_t h = 29;
  const CellArray want = soup_grid(w, h, 4);
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    Simulation sim(mpi::world(), w, h, Topology::torus, g, KernelKind::fast, Rule{});
    fill_soup(sim, 4, 0.5);
    const CellArray got = gather_grid(sim);
    INFO("procs ", test::name(g));
    CHECK(test::root_says(test::world_rank() != 0 || (got == want).all()));
    CHECK(sim.population() == want.cast<std::int64_t>().sum());
  }
}

TEST_CASE("block counts equal the counts computed from the full grid") {
  const std::int64_t w = 203;
  const std::int64_t h = 97;
  const CellArray full = soup_grid(w, h, 9);
  const std::vector<Extent> regions = {{0, 0, w, h}, {17, 5, 150, 80}, {200, 90, 3, 7}};
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    Simulation sim(mpi::world(), w, h, Topology::plane, g, KernelKind::fast, Rule{});
    fill_soup(sim, 9, 0.5);
    for (const Extent& r : regions) {
      for (std::int64_t scale : {1, 4, 7, 64}) {
        const std::vector<std::uint32_t> got = gather_block_counts(sim, r, scale);
        bool ok = true;
        if (test::world_rank() == 0) {
          const std::int64_t bw = (r.w + scale - 1) / scale;
          const std::int64_t bh = (r.h + scale - 1) / scale;
          ok = got.size() == static_cast<std::size_t>(bw * bh);
          for (std::int64_t by = 0; ok && by < bh; ++by) {
            for (std::int64_t bx = 0; bx < bw; ++bx) {
              std::uint32_t n = 0;
              for (std::int64_t y = by * scale; y < std::min((by + 1) * scale, r.h); ++y) {
                for (std::int64_t x = bx * scale; x < std::min((bx + 1) * scale, r.w); ++x) {
                  n += full(r.y0 + y, r.x0 + x);
                }
              }
              ok = ok && got[static_cast<std::size_t>(by * bw + bx)] == n;
            }
          }
        } else {
          ok = got.empty();
        }
        INFO("procs ", test::name(g), " scale ", scale, " region at ", r.x0, ",", r.y0);
        CHECK(test::all_ranks(ok));
      }
    }
  }
}

TEST_CASE("a large grid reduced to screen resolution equals the reference grid's block counts") {
  const std::int64_t w = 2000;
  const std::int64_t h = 1500;
  const CellArray full = soup_grid(w, h, 21);
  const std::vector<Extent> regions = {{0, 0, w, h}, {256, 96, 1024, 768}, {1999, 0, 1, 1500}};
  const ProcessGrid g = test::process_grids(test::world_size(), w, h).back();
  Simulation sim(mpi::world(), w, h, Topology::torus, g, KernelKind::fast, Rule{});
  fill_soup(sim, 21, 0.5);
  for (const Extent& r : regions) {
    for (std::int64_t scale : {2, 8, 33, 256, 512}) {  // 256 and 512 fold the byte lanes
      const std::vector<std::uint32_t> got = gather_block_counts(sim, r, scale);
      INFO("procs ", test::name(g), " scale ", scale, " region at ", r.x0, ",", r.y0);
      CHECK(test::root_says(test::world_rank() != 0 || got == block_counts(full, r, scale)));
    }
  }
}

TEST_CASE("regrid moves the cells into a new size and decomposition, rank to rank") {
  const std::int64_t w = 45;
  const std::int64_t h = 31;
  const CellArray start = soup_grid(w, h, 21, 0.4);
  const Rule life = parse_rule("B3/S23").rule;
  struct Move {
    std::int64_t width, height, dx, dy, band_cells;
  };
  // Growing around the old grid (an unbounded universe), cropping it, and a pure shift.
  // Bands of one row, of several rows, and the whole grid at once.
  const std::vector<Move> moves = {
      {90, 70, 20, 17, 1}, {30, 20, -7, -5, 100}, {45, 31, 3, -2, 1 << 24}};
  for (const ProcessGrid& from : test::process_grids(test::world_size(), w, h)) {
    for (const Move& m : moves) {
      for (const ProcessGrid& to : test::process_grids(test::world_size(), m.width, m.height)) {
        Simulation sim(mpi::world(), w, h, Topology::plane, from, KernelKind::fast, life, 7);
        fill_soup(sim, 21, 0.4);
        const auto next = regrid(sim, {m.width, m.height, to, m.dx, m.dy, m.band_cells}, KernelKind::fast, life);
        CHECK(next->generation() == 7);
        CHECK(next->layout().procs.cols == to.cols);
        // Then it steps as a grid of the new size would.
        next->step();
        next->step();
        const CellArray got = gather_grid(*next);
        bool same = true;
        if (test::world_rank() == 0) {
          CellArray moved = CellArray::Zero(m.height, m.width);
          for (std::int64_t y = 0; y < h; ++y) {
            for (std::int64_t x = 0; x < w; ++x) {
              const std::int64_t nx = x + m.dx;
              const std::int64_t ny = y + m.dy;
              if (nx >= 0 && nx < m.width && ny >= 0 && ny < m.height) moved(ny, nx) = start(y, x);
            }
          }
          const CellArray want =
              evolve_serial(moved, life, Topology::plane, KernelKind::reference, 2);
          same = (got == want).all();
        }
        INFO("from ", test::name(from), " to ", test::name(to), " ", m.width, "x", m.height,
             " by ", m.dx, ",", m.dy);
        CHECK(test::root_says(same));
      }
    }
  }
}
