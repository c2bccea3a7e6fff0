#include "mpilife/parallel/distribution.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/kernel/packed_row.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/mpi/datatype.hpp"
#include "mpilife/parallel/mpi/point_to_point.hpp"
#include "mpilife/parallel/mpi/requests.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

namespace {

// True when the `n` bytes at `p` (a row from a band) are all 0.
bool all_dead(const std::uint8_t* p, std::int64_t n) {
  std::int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p + i, sizeof word);
    if (word != 0) return false;
  }
  for (; i < n; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

constexpr int kBandTag = 100;

// Rows [y0, y0 + rows) of the grid that lie in `e`: the first one and how many.
struct RowSpan {
  std::int64_t y0;
  std::int64_t rows;
};

RowSpan rows_in(const Extent& e, std::int64_t y0, std::int64_t rows) {
  const std::int64_t first = std::max(y0, e.y0);
  const std::int64_t last = std::min(y0 + rows, e.y0 + e.h);
  return {first, std::max<std::int64_t>(0, last - first)};
}

// The first band (of `band_rows` rows from row 0) with rows in `e`, and one past its last.
std::int64_t first_band(const Extent& e, std::int64_t band_rows) {
  return e.y0 / band_rows;
}
std::int64_t end_band(const Extent& e, std::int64_t band_rows) {
  return e.h == 0 || e.w == 0 ? first_band(e, band_rows) : (e.y0 + e.h - 1) / band_rows + 1;
}

}  // namespace

std::int64_t band_rows(std::int64_t width, std::int64_t align) {
  const std::int64_t fit = std::max<std::int64_t>(1, kBandBytes / std::max<std::int64_t>(1, width));
  if (align > 1 && fit >= align) return fit / align * align;
  return fit;
}

void for_each_band(const Simulation& sim, std::int64_t band_rows, const BandVisitor& visit) {
  if (band_rows < 1) throw std::invalid_argument("for_each_band: a band needs a row");
  const mpi::Comm& comm = sim.cart().comm();
  const Layout& lay = sim.layout();
  const Tile& tile = sim.tile();
  const Extent mine = lay.local;
  const std::int64_t width = lay.width;
  const std::int64_t bands = (lay.height + band_rows - 1) / band_rows;
  std::array<std::vector<std::uint8_t>, 2> buffers;
  std::array<mpi::RequestList, 2> pending;
  if (comm.rank() != 0) {
    // Each band this tile has rows in goes out as one message of those rows; two in flight.
    for (std::int64_t k = first_band(mine, band_rows); k < end_band(mine, band_rows); ++k) {
      const RowSpan s = rows_in(mine, k * band_rows, band_rows);
      const std::size_t i = static_cast<std::size_t>(k % 2);
      pending[i].wait_all();
      buffers[i].resize(static_cast<std::size_t>(s.rows * mine.w));
      for (std::int64_t y = 0; y < s.rows; ++y) {
        tile.read_row(s.y0 + y - mine.y0, buffers[i].data() + y * mine.w);
      }
      pending[i].isend(buffers[i].data(), buffers[i].size(), 0, kBandTag, comm);
    }
    pending[0].wait_all();
    pending[1].wait_all();
    return;
  }
  //   band buffer (rows x width):   | rank 0's part | rank 1's part | ...
  // each part lands through a strided datatype straight from its owner's message.
  std::array<std::vector<mpi::Datatype>, 2> types;
  const auto post = [&](std::int64_t k) {
    const std::size_t i = static_cast<std::size_t>(k % 2);
    const std::int64_t y0 = k * band_rows;
    const std::int64_t rows = std::min(band_rows, lay.height - y0);
    buffers[i].resize(static_cast<std::size_t>(rows * width));
    types[i].clear();
    for (int r = 1; r < comm.size(); ++r) {
      const Extent e = sim.extent_of(r);
      const RowSpan s = rows_in(e, y0, rows);
      if (s.rows == 0 || e.w == 0) continue;
      types[i].push_back(mpi::byte_rows(s.rows, e.w, width));
      pending[i].irecv(buffers[i].data() + (s.y0 - y0) * width + e.x0, types[i].back(), r, kBandTag,
                       comm);
    }
    const RowSpan s = rows_in(mine, y0, rows);
    for (std::int64_t y = s.y0; y < s.y0 + s.rows; ++y) {
      tile.read_row(y - mine.y0, buffers[i].data() + (y - y0) * width + mine.x0);
    }
  };
  std::exception_ptr failure;
  if (bands > 0) post(0);
  for (std::int64_t k = 0; k < bands; ++k) {
    const std::size_t i = static_cast<std::size_t>(k % 2);
    pending[i].wait_all();
    if (k + 1 < bands) post(k + 1);
    if (failure) continue;
    const std::int64_t y0 = k * band_rows;
    try {
      visit(y0, std::min(band_rows, lay.height - y0), buffers[i].data());
    } catch (...) {
      failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
}

void gather_bands_agreed(const Simulation& sim, std::int64_t band_rows,
                         const std::function<void()>& begin, const BandVisitor& visit,
                         const std::function<void()>& end) {
  const mpi::Comm& comm = sim.cart().comm();
  std::exception_ptr failure;
  if (comm.rank() == 0) {
    try {
      begin();
    } catch (...) {
      failure = std::current_exception();
    }
    try {
      for_each_band(sim, band_rows, [&](std::int64_t y0, std::int64_t rows, const std::uint8_t* c) {
        if (!failure) visit(y0, rows, c);
      });
      if (!failure) end();
    } catch (...) {
      if (!failure) failure = std::current_exception();
    }
  } else {
    for_each_band(sim, band_rows, visit);
  }
  mpi::on_root_agreed(comm, [&] {
    if (failure) std::rethrow_exception(failure);
  });
}

void fill_bands(Simulation& sim, std::int64_t band_rows, const BandFiller& fill) {
  if (band_rows < 1) throw std::invalid_argument("fill_bands: a band needs a row");
  const mpi::Comm& comm = sim.cart().comm();
  const Layout& lay = sim.layout();
  Tile& tile = sim.tile();
  const Extent mine = lay.local;
  const std::int64_t width = lay.width;
  // Dead rows of a tile that starts dead (a restart) need no writing: most of a big grid.
  const bool was_dead = tile.population() == 0;
  if (comm.rank() != 0) {
    std::vector<std::uint8_t> buffer;
    for (std::int64_t k = first_band(mine, band_rows); k < end_band(mine, band_rows); ++k) {
      const RowSpan s = rows_in(mine, k * band_rows, band_rows);
      buffer.resize(static_cast<std::size_t>(s.rows * mine.w));
      mpi::RequestList receive;
      receive.irecv(buffer.data(), buffer.size(), 0, kBandTag + 1, comm);
      receive.wait_all();
      for (std::int64_t y = 0; y < s.rows; ++y) {
        const std::uint8_t* row = buffer.data() + y * mine.w;
        if (!(was_dead && all_dead(row, mine.w))) tile.write_row(s.y0 + y - mine.y0, row);
      }
    }
    return;
  }
  std::array<std::vector<std::uint8_t>, 2> buffers;
  std::array<std::vector<mpi::Datatype>, 2> types;
  std::array<mpi::RequestList, 2> pending;
  std::exception_ptr failure;
  const std::int64_t bands = (lay.height + band_rows - 1) / band_rows;
  for (std::int64_t k = 0; k < bands; ++k) {
    const std::size_t i = static_cast<std::size_t>(k % 2);
    const std::int64_t y0 = k * band_rows;
    const std::int64_t rows = std::min(band_rows, lay.height - y0);
    pending[i].wait_all();
    types[i].clear();
    buffers[i].assign(static_cast<std::size_t>(rows * width), 0);
    if (!failure) {
      try {
        fill(y0, rows, buffers[i].data());
      } catch (...) {
        failure = std::current_exception();
        std::fill(buffers[i].begin(), buffers[i].end(), std::uint8_t{0});
      }
    }
    for (int r = 1; r < comm.size(); ++r) {
      const Extent e = sim.extent_of(r);
      const RowSpan s = rows_in(e, y0, rows);
      if (s.rows == 0 || e.w == 0) continue;
      types[i].push_back(mpi::byte_rows(s.rows, e.w, width));
      pending[i].isend(buffers[i].data() + (s.y0 - y0) * width + e.x0, types[i].back(), r,
                       kBandTag + 1, comm);
    }
    const RowSpan s = rows_in(mine, y0, rows);
    for (std::int64_t y = s.y0; y < s.y0 + s.rows; ++y) {
      const std::uint8_t* row = buffers[i].data() + (y - y0) * width + mine.x0;
      if (!(was_dead && all_dead(row, mine.w))) tile.write_row(y - mine.y0, row);
    }
  }
  pending[0].wait_all();
  pending[1].wait_all();
  if (failure) std::rethrow_exception(failure);
}

namespace {

// The calls for_each_tile_band makes on every rank: the most bands any tile has rows in.
std::int64_t tile_band_calls(const Simulation& sim, std::int64_t band_rows) {
  std::int64_t most = 0;
  for (int r = 0; r < sim.cart().comm().size(); ++r) {
    const Extent e = sim.extent_of(r);
    most = std::max(most, end_band(e, band_rows) - first_band(e, band_rows));
  }
  return most;
}

// The part of `mine` in its `j`-th band (empty past its last one).
Extent tile_band(const Extent& mine, std::int64_t band_rows, std::int64_t j) {
  const std::int64_t k = first_band(mine, band_rows) + j;
  if (k >= end_band(mine, band_rows)) return {mine.x0, mine.y0, 0, 0};
  const RowSpan s = rows_in(mine, k * band_rows, band_rows);
  return {mine.x0, s.y0, mine.w, s.rows};
}

}  // namespace

void for_each_tile_band(const Simulation& sim, std::int64_t band_rows,
                        const TilePartVisitor& visit) {
  if (band_rows < 1) throw std::invalid_argument("for_each_tile_band: a band needs a row");
  const Extent mine = sim.layout().local;
  const std::int64_t calls = tile_band_calls(sim, band_rows);
  std::vector<std::uint8_t> buffer(static_cast<std::size_t>(std::min(band_rows, mine.h) * mine.w));
  for (std::int64_t j = 0; j < calls; ++j) {
    const Extent part = tile_band(mine, band_rows, j);
    for (std::int64_t y = 0; y < part.h; ++y) {
      sim.tile().read_row(part.y0 + y - mine.y0, buffer.data() + y * part.w);
    }
    visit(part, buffer.data());
  }
}

void fill_tile_bands(Simulation& sim, std::int64_t band_rows, const TilePartFiller& fill) {
  if (band_rows < 1) throw std::invalid_argument("fill_tile_bands: a band needs a row");
  const Extent mine = sim.layout().local;
  const std::int64_t calls = tile_band_calls(sim, band_rows);
  const bool was_dead = sim.tile().population() == 0;  // then dead rows need no writing
  std::vector<std::uint8_t> buffer(static_cast<std::size_t>(std::min(band_rows, mine.h) * mine.w));
  for (std::int64_t j = 0; j < calls; ++j) {
    const Extent part = tile_band(mine, band_rows, j);
    std::fill(buffer.begin(), buffer.end(), std::uint8_t{0});
    fill(part, buffer.data());
    for (std::int64_t y = 0; y < part.h; ++y) {
      const std::uint8_t* row = buffer.data() + y * part.w;
      if (!(was_dead && all_dead(row, part.w))) sim.tile().write_row(part.y0 + y - mine.y0, row);
    }
  }
}

Extent live_extent(const Simulation& sim) {
  const Extent t = sim.layout().local;
  constexpr std::int64_t none = std::numeric_limits<std::int64_t>::max();
  // Minima of x0, y0, -x1, -y1 (one all-reduce).
  std::array<std::int64_t, 4> bounds{none, none, none, none};
  for_each_row(sim.tile(), 0, t.h, [&](std::int64_t y, const std::uint8_t* row) {
    const std::uint8_t* end = row + t.w;
    const std::uint8_t* first = std::find_if(row, end, [](std::uint8_t c) { return c != 0; });
    if (first == end) return;
    const std::uint8_t* last =
        std::find_if(std::make_reverse_iterator(end), std::make_reverse_iterator(first),
                     [](std::uint8_t c) { return c != 0; })
            .base();
    bounds[0] = std::min(bounds[0], t.x0 + (first - row));
    bounds[1] = std::min(bounds[1], t.y0 + y);
    bounds[2] = std::min(bounds[2], -(t.x0 + (last - row)));
    bounds[3] = std::min(bounds[3], -(t.y0 + y + 1));
  });
  mpi::allreduce(bounds.data(), bounds.size(), mpi::Op::min, sim.cart().comm());
  if (bounds[0] == none) return {};
  return {bounds[0], bounds[1], -bounds[2] - bounds[0], -bounds[3] - bounds[1]};
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
    // Straight from the packed words: no cell is expanded to a byte (this runs for every frame).
    for_each_row_bits(
        sim.tile(), y_begin - t.y0, y_end - t.y0,
        [&](std::int64_t local_y, const std::uint64_t* words) {
          std::uint32_t* out = counts.data() + ((t.y0 + local_y - region.y0) / scale) * bw;
          add_block_counts(words, x_begin - t.x0, x_end - t.x0, region.x0 - t.x0, scale, out);
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
  for (std::size_t i = 0; i + 1 < mine.size(); i += 2)
    local.push_back({mine[i] - e.x0, mine[i + 1] - e.y0});
  set_cells(sim.tile(), std::move(local));
}

std::int64_t apply_edits(Simulation& sim, const std::vector<CellEdit>& edits_on_root) {
  const mpi::Comm& comm = sim.cart().comm();
  const Layout& lay = sim.layout();
  const auto ranks = static_cast<std::size_t>(comm.size());
  // x, y, change as three int64 words per edit, sorted by owner in their order.
  std::vector<std::vector<std::int64_t>> words(comm.rank() == 0 ? ranks : 0);
  std::vector<std::int64_t> counts(ranks, 0);
  if (comm.rank() == 0) {
    for (const CellEdit& e : edits_on_root) {
      const Cell& c = e.cell;
      if (c.x < 0 || c.x >= lay.width || c.y < 0 || c.y >= lay.height) continue;
      const int col = block_of(lay.width, sim.cart().cols(), c.x);
      const int row = block_of(lay.height, sim.cart().rows(), c.y);
      auto& list = words[static_cast<std::size_t>(sim.cart().rank_of({col, row}))];
      list.insert(list.end(), {c.x, c.y, static_cast<std::int64_t>(e.change)});
    }
    for (std::size_t r = 0; r < ranks; ++r) counts[r] = static_cast<std::int64_t>(words[r].size());
  }
  mpi::broadcast(counts.data(), counts.size(), 0, comm);
  constexpr int kTag = 102;
  std::vector<std::int64_t> mine;
  if (comm.rank() == 0) {
    for (std::size_t r = 1; r < ranks; ++r) {
      if (!words[r].empty())
        mpi::send(words[r].data(), words[r].size(), static_cast<int>(r), kTag, comm);
    }
    mine = std::move(words[0]);
  } else {
    mine.resize(static_cast<std::size_t>(counts[static_cast<std::size_t>(comm.rank())]));
    if (!mine.empty()) mpi::recv(mine.data(), mine.size(), 0, kTag, comm);
  }
  const Extent e = lay.local;
  std::vector<CellEdit> local;
  local.reserve(mine.size() / 3);
  for (std::size_t i = 0; i + 2 < mine.size(); i += 3) {
    local.push_back({{mine[i] - e.x0, mine[i + 1] - e.y0}, static_cast<CellChange>(mine[i + 2])});
  }
  const auto applied = static_cast<std::int64_t>(local.size());
  edit_cells(sim.tile(), std::move(local));
  return applied;
}

namespace {

// `region` cut to `tile` (w 0 when they do not meet).
Extent overlap(const Extent& region, const Extent& tile) {
  const std::int64_t x0 = std::max(region.x0, tile.x0);
  const std::int64_t y0 = std::max(region.y0, tile.y0);
  const std::int64_t x1 = std::min(region.x0 + region.w, tile.x0 + tile.w);
  const std::int64_t y1 = std::min(region.y0 + region.h, tile.y0 + tile.h);
  if (x1 <= x0 || y1 <= y0) return Extent{x0, y0, 0, 0};
  return Extent{x0, y0, x1 - x0, y1 - y0};
}

}  // namespace

namespace {

// Rewrites this rank's part of `region`: fill(y, x0, w, cells) sets cells[0, w) to global cells
// (x0 .. x0 + w - 1, y).
template <typename Fill>
void rewrite_region(Simulation& sim, const Extent& region, Fill fill) {
  const Extent e = sim.layout().local;
  const Extent part = overlap(region, e);
  if (part.w == 0) return;
  std::vector<std::uint8_t> row(static_cast<std::size_t>(e.w));
  for (std::int64_t y = part.y0; y < part.y0 + part.h; ++y) {
    sim.tile().read_row(y - e.y0, row.data());
    fill(y, part.x0, part.w, row.data() + (part.x0 - e.x0));
    sim.tile().write_row(y - e.y0, row.data());
  }
}

}  // namespace

void clear_region(Simulation& sim, const Extent& region) {
  rewrite_region(sim, region, [](std::int64_t, std::int64_t, std::int64_t w, std::uint8_t* cells) {
    std::fill_n(cells, w, std::uint8_t{0});
  });
}

void random_fill_region(Simulation& sim, const Extent& region, std::uint64_t seed, double density) {
  rewrite_region(sim, region,
                 [&](std::int64_t y, std::int64_t x0, std::int64_t w, std::uint8_t* cells) {
                   soup_row(seed, x0, y, w, density, cells);
                 });
}

std::vector<Cell> gather_region_cells(const Simulation& sim, const Extent& region) {
  const mpi::Comm& comm = sim.cart().comm();
  constexpr int kTag = 103;
  // This rank's live cells of the region, as x, y pairs relative to its corner.
  const Extent e = sim.layout().local;
  const Extent part = overlap(region, e);
  std::vector<std::int64_t> xy;
  if (part.w > 0) {
    for_each_row(sim.tile(), part.y0 - e.y0, part.y0 - e.y0 + part.h,
                 [&](std::int64_t y, const std::uint8_t* row) {
                   for (std::int64_t x = part.x0; x < part.x0 + part.w; ++x) {
                     if (row[x - e.x0] != 0) {
                       xy.push_back(x - region.x0);
                       xy.push_back(y + e.y0 - region.y0);
                     }
                   }
                 });
  }
  if (comm.rank() != 0) {
    if (part.w == 0) return {};
    const auto n = static_cast<std::int64_t>(xy.size());
    mpi::send(&n, 1, 0, kTag, comm);
    mpi::send(xy.data(), xy.size(), 0, kTag, comm);
    return {};
  }
  for (int r = 1; r < comm.size(); ++r) {
    if (overlap(region, sim.extent_of(r)).w == 0) continue;
    std::int64_t n = 0;
    mpi::recv(&n, 1, r, kTag, comm);
    const std::size_t at = xy.size();
    xy.resize(at + static_cast<std::size_t>(n));
    mpi::recv(xy.data() + at, static_cast<std::size_t>(n), r, kTag, comm);
  }
  std::vector<Cell> cells;
  cells.reserve(xy.size() / 2);
  for (std::size_t i = 0; i + 1 < xy.size(); i += 2) cells.push_back({xy[i], xy[i + 1]});
  return cells;
}

void fill_soup(Simulation& sim, std::uint64_t seed, double density) {
  const Extent e = sim.layout().local;
  fill_rows(sim.tile(), [&](std::int64_t y, std::uint8_t* row) {
    soup_row(seed, e.x0, e.y0 + y, e.w, density, row);
  });
}

}  // namespace mpilife
