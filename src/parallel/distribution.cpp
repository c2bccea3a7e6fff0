#include "mpilife/parallel/distribution.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/mpi/datatype.hpp"
#include "mpilife/parallel/mpi/point_to_point.hpp"
#include "mpilife/parallel/mpi/requests.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

namespace {

// Sum of the n bytes at p, each 0 or 1 (a row from Tile::read_row): eight at a time in the byte
// lanes of a word, at most 31 words before the lanes are added up, so no lane passes 255.
std::uint32_t count_ones(const std::uint8_t* p, std::int64_t n) {
  constexpr std::int64_t kWordsPerFold = 31;
  std::uint32_t total = 0;
  std::int64_t i = 0;
  while (n - i >= 8) {
    std::uint64_t lanes = 0;
    const std::int64_t end = std::min(n - 7, i + 8 * kWordsPerFold);
    for (; i < end; i += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, p + i, sizeof word);
      lanes += word;
    }
    total += static_cast<std::uint32_t>((lanes * 0x0101010101010101ULL) >> 56);
  }
  for (; i < n; ++i) total += p[i];
  return total;
}

// Adds the live cells of global columns [x_begin, x_end) of one row (`cells[x]` is column x) to
// the counts `out` of the `scale`-wide blocks starting at column `x0`.
void add_block_counts(const std::uint8_t* cells, std::int64_t x_begin, std::int64_t x_end,
                      std::int64_t x0, std::int64_t scale, std::uint32_t* out) {
  if (scale == 1) {
    for (std::int64_t x = x_begin; x < x_end; ++x) out[x - x0] += cells[x];
    return;
  }
  // One contiguous byte sum per block, no division per cell: this runs for every frame.
  std::int64_t b = (x_begin - x0) / scale;
  std::int64_t stop = std::min(x_end, x0 + (b + 1) * scale);
  for (std::int64_t x = x_begin; x < x_end; ++b) {
    out[b] += count_ones(cells + x, stop - x);
    x = stop;
    stop = std::min(x_end, stop + scale);
  }
}

}  // namespace

CellArray gather_grid(const Simulation& sim) {
  const mpi::Comm& comm = sim.cart().comm();
  const Layout& lay = sim.layout();
  const Tile& tile = sim.tile();
  const std::vector<std::uint8_t> mine = copy_out(tile);
  constexpr int kTag = 100;
  if (comm.rank() != 0) {
    mpi::send(mine.data(), mine.size(), 0, kTag, comm);
    return CellArray();
  }
  CellArray grid(lay.height, lay.width);
  std::vector<mpi::Datatype> types;
  mpi::RequestList requests;
  types.reserve(static_cast<std::size_t>(comm.size()));
  for (int r = 1; r < comm.size(); ++r) {
    const Extent e = sim.extent_of(r);
    types.push_back(mpi::byte_subarray(lay.height, lay.width, e.h, e.w, e.y0, e.x0));
    requests.irecv(grid.data(), types.back(), r, kTag, comm);
  }
  for (std::int64_t y = 0; y < lay.local.h; ++y) {
    std::copy_n(mine.data() + y * lay.local.w, lay.local.w, &grid(lay.local.y0 + y, lay.local.x0));
  }
  requests.wait_all();
  return grid;
}

std::vector<std::uint32_t> gather_block_counts(const Simulation& sim, const Extent& region,
                                               std::int64_t scale) {
  const mpi::Comm& comm = sim.cart().comm();
  const std::int64_t bw = (region.w + scale - 1) / scale;
  const std::int64_t bh = (region.h + scale - 1) / scale;
  std::vector<std::uint32_t> counts(static_cast<std::size_t>(bw * bh), 0);
  const Extent t = sim.layout().local;
  const std::int64_t x_begin = std::max(region.x0, t.x0);
  const std::int64_t x_end = std::min(region.x0 + region.w, t.x0 + t.w);
  const std::int64_t y_begin = std::max(region.y0, t.y0);
  const std::int64_t y_end = std::min(region.y0 + region.h, t.y0 + t.h);
  if (x_begin < x_end && y_begin < y_end) {
    for_each_row(sim.tile(), y_begin - t.y0, y_end - t.y0,
                 [&](std::int64_t local_y, const std::uint8_t* row) {
                   std::uint32_t* out = counts.data() + ((t.y0 + local_y - region.y0) / scale) * bw;
                   add_block_counts(row - t.x0, x_begin, x_end, region.x0, scale, out);
                 });
  }
  const bool root = comm.rank() == 0;
  mpi::reduce(counts.data(), counts.size(), mpi::Op::sum, 0, comm);
  if (!root) counts.clear();
  return counts;
}

void place_cells(Simulation& sim, const std::vector<Cell>& cells_on_root) {
  const mpi::Comm& comm = sim.cart().comm();
  const Layout& lay = sim.layout();
  const auto ranks = static_cast<std::size_t>(comm.size());
  // Rank 0 sorts the cells by owner and sends each rank only its own, as x, y pairs: no rank but
  // 0 ever holds more than its share.
  std::vector<std::vector<std::int64_t>> xy(comm.rank() == 0 ? ranks : 0);
  std::vector<std::int64_t> counts(ranks, 0);
  if (comm.rank() == 0) {
    for (const Cell& c : cells_on_root) {
      const int col = block_of(lay.width, sim.cart().cols(), c.x);
      const int row = block_of(lay.height, sim.cart().rows(), c.y);
      auto& list = xy[static_cast<std::size_t>(sim.cart().rank_of({col, row}))];
      list.push_back(c.x);
      list.push_back(c.y);
    }
    for (std::size_t r = 0; r < ranks; ++r) counts[r] = static_cast<std::int64_t>(xy[r].size());
  }
  mpi::broadcast(counts.data(), counts.size(), 0, comm);
  constexpr int kTag = 101;
  std::vector<std::int64_t> mine;
  if (comm.rank() == 0) {
    for (std::size_t r = 1; r < ranks; ++r) {
      mpi::send(xy[r].data(), xy[r].size(), static_cast<int>(r), kTag, comm);
    }
    mine = std::move(xy[0]);
  } else {
    mine.resize(static_cast<std::size_t>(counts[static_cast<std::size_t>(comm.rank())]));
    mpi::recv(mine.data(), mine.size(), 0, kTag, comm);
  }
  const Extent e = lay.local;
  std::vector<Cell> local;
  local.reserve(mine.size() / 2);
  for (std::size_t i = 0; i + 1 < mine.size(); i += 2) local.push_back({mine[i] - e.x0, mine[i + 1] - e.y0});
  set_cells(sim.tile(), std::move(local));
}

void fill_soup(Simulation& sim, std::uint64_t seed, double density) {
  const Extent e = sim.layout().local;
  fill_rows(sim.tile(), [&](std::int64_t y, std::uint8_t* row) {
    soup_row(seed, e.x0, e.y0 + y, e.w, density, row);
  });
}

}  // namespace mpilife
