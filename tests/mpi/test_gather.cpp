// Gathers to rank 0: the banded streaming gather (and its reverse) the outputs use, the tile bands
// of the parallel writes, and the block-count reduction used for big-grid frames.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
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
#include "support/gather_grid.hpp"
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

namespace {

// Band heights worth trying on an h-row grid with tiles of about h / rows rows: one row, odd ones,
// about a tile, more than a tile, the whole grid and beyond.
std::vector<std::int64_t> band_heights(std::int64_t h) {
  return {1, 2, 3, 7, h / 3 + 1, h - 1, h, h + 5};
}

}  // namespace

TEST_CASE("for_each_band gives rank 0 exactly the grid, in order, at every band height") {
  const std::int64_t w = 61;
  const std::int64_t h = 37;
  const CellArray want = soup_grid(w, h, 5);
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    Simulation sim(mpi::world(), w, h, Topology::torus, g, KernelKind::fast, Rule{});
    fill_soup(sim, 5, 0.5);
    for (const std::int64_t rows : band_heights(h)) {
      std::int64_t next = 0;
      bool ok = true;
      for_each_band(sim, rows, [&](std::int64_t y0, std::int64_t n, const std::uint8_t* c) {
        ok = ok && test::world_rank() == 0 && y0 == next && n == std::min(rows, h - y0);
        for (std::int64_t y = 0; ok && y < n; ++y) {
          ok = std::equal(c + y * w, c + (y + 1) * w, &want(y0 + y, 0));
        }
        next = y0 + n;
      });
      ok = ok && next == (test::world_rank() == 0 ? h : 0);
      INFO("procs ", test::name(g), " band rows ", rows);
      CHECK(test::all_ranks(ok));
    }
  }
}

TEST_CASE("a visit that throws still drains every band; the error comes out on rank 0 only") {
  const std::int64_t w = 40;
  const std::int64_t h = 23;
  const ProcessGrid g = test::process_grids(test::world_size(), w, h).back();
  Simulation sim(mpi::world(), w, h, Topology::plane, g, KernelKind::fast, Rule{});
  fill_soup(sim, 3, 0.4);
  int visits = 0;
  bool threw = false;
  try {
    for_each_band(sim, 2, [&](std::int64_t y0, std::int64_t, const std::uint8_t*) {
      ++visits;
      if (y0 == 4) throw std::runtime_error("disk full");
    });
  } catch (const std::runtime_error&) {
    threw = true;
  }
  const bool root = test::world_rank() == 0;
  CHECK(test::all_ranks(threw == root && visits == (root ? 3 : 0)));
  // Nothing is left in flight: the next gather is whole.
  const CellArray after = gather_grid(sim, 5);
  CHECK(test::root_says(!root || (after == soup_grid(w, h, 3, 0.4)).all()));

  // The agreed form: a failing begin on rank 0 makes every rank throw its Error.
  ExitCode code = ExitCode::ok;
  int agreed_visits = 0;
  try {
    gather_bands_agreed(
        sim, 3, [] { throw Error(ExitCode::cant_create, "cannot create x"); },
        [&](std::int64_t, std::int64_t, const std::uint8_t*) { ++agreed_visits; }, [] {});
  } catch (const Error& e) {
    code = e.code();
  }
  CHECK(test::all_ranks(code == ExitCode::cant_create && agreed_visits == 0));
}

TEST_CASE("fill_bands and fill_tile_bands load exactly the grid they are given") {
  const std::int64_t w = 45;
  const std::int64_t h = 31;
  const CellArray want = soup_grid(w, h, 8, 0.3);
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    for (const std::int64_t rows : band_heights(h)) {
      INFO("procs ", test::name(g), " band rows ", rows);
      Simulation sim(mpi::world(), w, h, Topology::torus, g, KernelKind::fast, Rule{});
      // Into a live tile (every row rewritten) and into a dead one (dead rows skipped).
      if (rows % 2 == 1) fill_soup(sim, 77, 0.5);
      fill_bands(sim, rows, [&](std::int64_t y0, std::int64_t n, std::uint8_t* c) {
        std::copy_n(&want(y0, 0), n * w, c);
      });
      const CellArray got = gather_grid(sim, rows);
      CHECK(test::root_says(test::world_rank() != 0 || (got == want).all()));

      Simulation other(mpi::world(), w, h, Topology::torus, g, KernelKind::fast, Rule{});
      if (rows % 2 == 0) fill_soup(other, 78, 0.5);
      std::int64_t calls = 0;
      fill_tile_bands(other, rows, [&](const Extent& part, std::uint8_t* c) {
        ++calls;
        for (std::int64_t y = 0; y < part.h; ++y) {
          std::copy_n(&want(part.y0 + y, part.x0), part.w, c + y * part.w);
        }
      });
      const CellArray got_other = gather_grid(other);
      CHECK(test::root_says(test::world_rank() != 0 || (got_other == want).all()));
      // The same number of calls on every rank, so collective writes per call match up.
      CHECK(mpi::allreduce(calls, mpi::Op::min, mpi::world()) ==
            mpi::allreduce(calls, mpi::Op::max, mpi::world()));
    }
  }
}

TEST_CASE("for_each_tile_band covers each tile once, in parts aligned to the global bands") {
  const std::int64_t w = 50;
  const std::int64_t h = 43;
  const CellArray want = soup_grid(w, h, 12);
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    Simulation sim(mpi::world(), w, h, Topology::torus, g, KernelKind::fast, Rule{});
    fill_soup(sim, 12, 0.5);
    const Extent mine = sim.layout().local;
    for (const std::int64_t rows : band_heights(h)) {
      std::int64_t calls = 0;
      std::int64_t covered = 0;
      bool ok = true;
      for_each_tile_band(sim, rows, [&](const Extent& part, const std::uint8_t* c) {
        ++calls;
        if (part.h == 0) return;
        ok = ok && part.x0 == mine.x0 && part.w == mine.w && part.y0 == mine.y0 + covered &&
             (part.y0 == mine.y0 || part.y0 % rows == 0) &&
             part.y0 / rows == (part.y0 + part.h - 1) / rows;
        for (std::int64_t y = 0; ok && y < part.h; ++y) {
          ok = std::equal(c + y * part.w, c + (y + 1) * part.w, &want(part.y0 + y, part.x0));
        }
        covered += part.h;
      });
      ok = ok && covered == mine.h;
      INFO("procs ", test::name(g), " band rows ", rows);
      CHECK(test::all_ranks(ok));
      CHECK(mpi::allreduce(calls, mpi::Op::min, mpi::world()) ==
            mpi::allreduce(calls, mpi::Op::max, mpi::world()));
    }
  }
}

TEST_CASE("band_rows keeps a band within kBandBytes, whole chunk rows where they fit") {
  CHECK(band_rows(1024) == kBandBytes / 1024);
  CHECK(band_rows(65536, 256) == 256);
  CHECK(band_rows(65536, 300) == 256);  // a chunk row does not fit: as many rows as do
  CHECK(band_rows(4096, 256) == 4096);
  CHECK(band_rows(100000, 256) == kBandBytes / 100000);
  CHECK(band_rows(std::int64_t{1} << 40) == 1);
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
