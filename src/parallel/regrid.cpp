#include "mpilife/parallel/regrid.hpp"

// Moving a distributed grid into a new size and decomposition (an unbounded universe growing, a
// restart on other ranks): band by band, every rank sends the part of its old tile that each new
// tile needs, in one all-to-all per band.

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "mpilife/core/geometry.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"

namespace mpilife {

namespace {

Extent shifted(Extent e, std::int64_t dx, std::int64_t dy) {
  e.x0 += dx;
  e.y0 += dy;
  return e;
}

}  // namespace

std::unique_ptr<Simulation> regrid(const Simulation& old, const Regrid& to, KernelKind kernel,
                                   const Rule& rule) {
  const mpi::Comm& comm = old.cart().comm();
  auto next =
      std::make_unique<Simulation>(comm, to.width, to.height, old.layout().topology, to.procs,
                                   kernel, rule, old.generation(), old.requested_blocking());
  next->place_at(old.layout().origin_x - to.dx, old.layout().origin_y - to.dy);
  const auto ranks = static_cast<std::size_t>(comm.size());
  const Extent from = old.layout().local;                 // old coordinates
  const Extent from_moved = shifted(from, to.dx, to.dy);  // the same cells, new coordinates
  const Extent mine = next->layout().local;               // new coordinates
  std::vector<Extent> sources(ranks);                     // old tiles, new coordinates
  std::vector<Extent> targets(ranks);                     // new tiles
  for (std::size_t r = 0; r < ranks; ++r) {
    sources[r] = shifted(old.extent_of(static_cast<int>(r)), to.dx, to.dy);
    targets[r] = next->extent_of(static_cast<int>(r));
  }
  const std::int64_t band_rows = std::max<std::int64_t>(1, to.band_cells / to.width);
  std::vector<std::uint8_t> row(static_cast<std::size_t>(from.w));
  std::vector<std::vector<std::uint8_t>> outgoing(ranks);
  std::vector<std::int64_t> send_counts(ranks), send_displs(ranks), recv_counts(ranks),
      recv_displs(ranks);
  std::vector<std::uint8_t> send, received, band;
  // Every rank takes part in every band's all-to-all, owning cells there or not.
  for (std::int64_t b0 = 0; b0 < to.height; b0 += band_rows) {
    const Extent rows{0, b0, to.width, std::min(band_rows, to.height - b0)};
    // Send: the rows of my old tile in this band, cut into the pieces each new tile holds.
    const Extent have = intersect(from_moved, rows);
    for (auto& o : outgoing) o.clear();
    for (std::int64_t y = have.y0; y < have.y0 + have.h; ++y) {
      const Tile& tile = old.tile();
      tile.read_row(y - to.dy - from.y0, row.data());
      for (std::size_t r = 0; r < ranks; ++r) {
        const Extent piece = intersect(intersect(have, targets[r]), {have.x0, y, have.w, 1});
        if (piece.w <= 0) continue;
        const std::uint8_t* first = row.data() + (piece.x0 - from_moved.x0);
        outgoing[r].insert(outgoing[r].end(), first, first + piece.w);
      }
    }
    send.clear();
    for (std::size_t r = 0; r < ranks; ++r) {
      send_displs[r] = static_cast<std::int64_t>(send.size());
      send_counts[r] = static_cast<std::int64_t>(outgoing[r].size());
      send.insert(send.end(), outgoing[r].begin(), outgoing[r].end());
    }
    // Receive: from each old tile, its part of my new tile's rows in this band.
    const Extent want = intersect(mine, rows);
    std::int64_t total = 0;
    for (std::size_t r = 0; r < ranks; ++r) {
      recv_displs[r] = total;
      recv_counts[r] = intersect(sources[r], want).cells();
      total += recv_counts[r];
    }
    received.resize(static_cast<std::size_t>(total));
    mpi::alltoallv(send.data(), send_counts, send_displs, received.data(), recv_counts, recv_displs,
                   comm);
    if (want.h <= 0 || want.w <= 0) continue;
    // Assemble my new rows (dead where no old cell lands) and store them.
    band.assign(static_cast<std::size_t>(want.cells()), 0);
    for (std::size_t r = 0; r < ranks; ++r) {
      const Extent piece = intersect(sources[r], want);
      const std::uint8_t* in = received.data() + recv_displs[r];
      for (std::int64_t y = piece.y0; y < piece.y0 + piece.h; ++y, in += piece.w) {
        std::memcpy(band.data() + (y - want.y0) * want.w + (piece.x0 - want.x0), in,
                    static_cast<std::size_t>(piece.w));
      }
    }
    Tile& tile = next->tile();
    for (std::int64_t y = 0; y < want.h; ++y) {
      tile.write_row(want.y0 + y - mine.y0, band.data() + y * want.w);
    }
  }
  return next;
}

}  // namespace mpilife
