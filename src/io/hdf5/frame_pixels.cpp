#include "frame_pixels.hpp"

// The pixels of recorded frames: cells at frame_scale 1, block densities above, computed where
// the cells are (parallel writes) or gathered to rank 0.

#include <algorithm>
#include <exception>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/io/hdf5/recorder.hpp"
#include "mpilife/kernel/packed_row.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife::frame_pixels {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return (a + b - 1) / b;
}

namespace {

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

}  // namespace

// This rank's stored pixels of the current frame at scale N > 1 (scale 1 is written in bands
// straight from the tile, for_each_tile_band): the blocks it owns (owned_blocks), whose counts are
// summed from every rank holding some of their cells with one all-to-all of the partial counts of
// straddling blocks.
std::vector<std::uint8_t> local_pixels(const Simulation& sim, std::int64_t scale, Extent& region) {
  const Layout& lay = sim.layout();
  const Tile& tile = sim.tile();
  const Extent t = lay.local;
  const Extent touched = touched_blocks(t, scale);
  std::vector<std::uint32_t> partial(static_cast<std::size_t>(touched.cells()), 0);
  for_each_row_bits(tile, 0, t.h, [&](std::int64_t y, const std::uint64_t* words) {
    std::uint32_t* out = partial.data() + ((t.y0 + y) / scale - touched.y0) * touched.w;
    add_block_counts(words, 0, t.w, touched.x0 * scale - t.x0, scale, out);
  });

  const mpi::Comm& comm = sim.cart().comm();
  const int ranks = comm.size();
  const Extent mine = owned_blocks(t, scale);
  std::vector<std::int64_t> send_counts(static_cast<std::size_t>(ranks));
  std::vector<std::int64_t> recv_counts(static_cast<std::size_t>(ranks));
  std::vector<std::int64_t> send_displs(static_cast<std::size_t>(ranks));
  std::vector<std::int64_t> recv_displs(static_cast<std::size_t>(ranks));
  std::vector<Extent> send_parts(static_cast<std::size_t>(ranks));
  std::vector<Extent> recv_parts(static_cast<std::size_t>(ranks));
  std::vector<std::uint32_t> send;
  std::int64_t recv_total = 0;
  for (int r = 0; r < ranks; ++r) {
    const Extent other = sim.extent_of(r);
    const auto i = static_cast<std::size_t>(r);
    send_parts[i] = intersect(touched, owned_blocks(other, scale));
    recv_parts[i] = intersect(touched_blocks(other, scale), mine);
    send_displs[i] = static_cast<std::int64_t>(send.size());
    append_part(partial, touched, send_parts[i], send);
    send_counts[i] = send_parts[i].cells();
    recv_displs[i] = recv_total;
    recv_counts[i] = recv_parts[i].cells();
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

std::int64_t band_pixel_rows(std::int64_t frame_w, std::int64_t chunk_rows, std::int64_t scale) {
  return band_rows(scale == 1 ? frame_w : frame_w * 4, chunk_rows);
}

void for_each_gathered_band(const Simulation& sim, const Extent& window, std::int64_t scale,
                            std::int64_t rows,
                            const std::function<void(const Extent&, const std::uint8_t*)>& visit) {
  const Layout& lay = sim.layout();
  const bool whole = window == Extent{0, 0, lay.width, lay.height};
  if (scale == 1 && whole) {
    for_each_band(sim, rows, [&](std::int64_t y0, std::int64_t n, const std::uint8_t* cells) {
      visit({0, y0, lay.width, n}, cells);
    });
    return;
  }
  const std::int64_t frame_w = ceil_div(window.w, scale);
  const std::int64_t frame_h = ceil_div(window.h, scale);
  std::exception_ptr failure;
  for (std::int64_t y0 = 0; y0 < frame_h; y0 += rows) {
    const std::int64_t n = std::min(rows, frame_h - y0);
    const std::int64_t cell_y0 = y0 * scale;
    const Extent cells{window.x0, window.y0 + cell_y0, window.w,
                       std::min(n * scale, window.h - cell_y0)};
    const std::vector<std::uint32_t> counts = gather_block_counts(sim, cells, scale);
    if (counts.empty() || failure) continue;  // not rank 0, or rank 0 after a failure
    const Extent band{0, y0, frame_w, n};
    try {
      // At scale 1 a block is a cell: its count is the cell.
      const std::vector<std::uint8_t> pixels =
          scale == 1 ? std::vector<std::uint8_t>(counts.begin(), counts.end())
                     : to_pixels(counts, band, scale, window.w, window.h);
      visit(band, pixels.data());
    } catch (...) {
      failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace mpilife::frame_pixels
