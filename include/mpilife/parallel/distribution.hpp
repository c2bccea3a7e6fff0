#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

/// Bytes of cells (one byte per cell) a band of the banded transfers below aims to stay within:
/// rank 0 holds at most two bands of the grid at a time, and each rank two bands of its tile.
inline constexpr std::int64_t kBandBytes = std::int64_t{16} << 20;

/// The rows of a band of a `width`-cell-wide grid: as many as fit kBandBytes, at least one; with
/// `align` > 1 a multiple of `align` (an HDF5 chunk's rows) when one such band still fits.
std::int64_t band_rows(std::int64_t width, std::int64_t align = 1);

/// Called on rank 0 with a band of the grid: `rows` whole rows from global row `y0`, their cells
/// as row-major rows x width bytes (1 = alive).
using BandVisitor =
    std::function<void(std::int64_t y0, std::int64_t rows, const std::uint8_t* cells)>;

/// Called on rank 0 to fill a band: `rows` whole rows from global row `y0` as row-major
/// rows x width bytes (non-zero = alive).
using BandFiller = std::function<void(std::int64_t y0, std::int64_t rows, std::uint8_t* cells)>;

/// Called on every rank with a part of its own tile: `part` (global cells, whole tile columns,
/// possibly empty) and its cells as row-major part.h x part.w bytes.
using TilePartVisitor = std::function<void(const Extent& part, const std::uint8_t* cells)>;

/// Called on every rank to fill a part of its own tile (as TilePartVisitor, written to).
using TilePartFiller = std::function<void(const Extent& part, std::uint8_t* cells)>;

/// Streams the current grid to rank 0 a band of `band_rows` rows at a time, top to bottom, and
/// calls `visit` there for each band: the ranks that own a band's rows send them with
/// non-blocking messages of at most one band (the next band is in flight while rank 0 visits
/// one), so rank 0 holds two bands, never the grid. `visit` runs on rank 0 only. If it throws,
/// the remaining bands are still received (not visited) and the first exception is rethrown on
/// rank 0 alone once all are in: agree on the outcome afterwards (see gather_bands_agreed).
/// Collective.
void for_each_band(const Simulation& sim, std::int64_t band_rows, const BandVisitor& visit);

/// The whole rank-0 side of a banded write, errors agreed: rank 0 runs `begin`, `visit` for every
/// band (for_each_band) and `end`; the bands are gathered even after a failure on rank 0, and then
/// every rank throws the same Error (mpi::on_root_agreed). Collective.
void gather_bands_agreed(const Simulation& sim, std::int64_t band_rows,
                         const std::function<void()>& begin, const BandVisitor& visit,
                         const std::function<void()>& end);

/// The reverse of for_each_band: rank 0 calls `fill` for each band of `band_rows` rows, top to
/// bottom, and sends each rank its part, which becomes the current state of its tile. If `fill`
/// throws, the remaining bands go out dead (not filled) and the first exception is rethrown on
/// rank 0 alone once all are sent: agree on the outcome afterwards. Collective.
void fill_bands(Simulation& sim, std::int64_t band_rows, const BandFiller& fill);

/// Calls `visit` on every rank for its own tile in bands: the tile's rows within each global band
/// of `band_rows` rows (bands start at row 0, so a band aligned to HDF5 chunks stays aligned).
/// Every rank makes the same number of calls, the most any rank needs, the extra ones with an empty
/// `part`, so a collective write per call matches up across ranks. No communication.
void for_each_tile_band(const Simulation& sim, std::int64_t band_rows,
                        const TilePartVisitor& visit);

/// As for_each_tile_band, but `fill` writes each part, which then becomes the current state of
/// those tile rows. No communication.
void fill_tile_bands(Simulation& sim, std::int64_t band_rows, const TilePartFiller& fill);

/// Live-cell counts of the `scale` x `scale` blocks tiling `region` (global cells, inside the grid;
/// the last blocks may be partial), computed by the ranks that own the cells and summed onto rank
/// 0 as a row-major ceil(h/scale) x ceil(w/scale) array; other ranks get an empty vector. The
/// traffic is one value per block, not per cell. Collective.
std::vector<std::uint32_t> gather_block_counts(const Simulation& sim, const Extent& region,
                                               std::int64_t scale);

/// The smallest extent (global cells) holding every live cell of the grid, on every rank; empty
/// (w = h = 0) when none lives. Reads each tile once. Collective.
Extent live_extent(const Simulation& sim);

/// Makes the cells listed on rank 0 (global coordinates, inside the grid) alive on the ranks that
/// own them; the list on other ranks is ignored. Collective.
void place_cells(Simulation& sim, const std::vector<Cell>& cells_on_root);

/// Applies the edits listed on rank 0 (global coordinates; cells outside the grid are dropped) in
/// their order on the ranks that own them: rank 0 sorts them by owner, broadcasts one count per
/// rank and sends each owner only its own; ranks that own none receive nothing more. The list on
/// other ranks is ignored. Returns the edits this rank applied. Collective.
std::int64_t apply_edits(Simulation& sim, const std::vector<CellEdit>& edits_on_root);

/// Makes the cells of `region` (global coordinates, clipped to the grid) dead: each rank clears
/// its own part; nothing is sent. Call on every rank.
void clear_region(Simulation& sim, const Extent& region);

/// Makes each cell (x, y) of `region` (global coordinates, clipped to the grid) alive or dead as
/// soup_cell(seed, x, y, density) says (the viewer's random fill): each rank fills its own part;
/// nothing is sent. Call on every rank.
void random_fill_region(Simulation& sim, const Extent& region, std::uint64_t seed, double density);

/// The live cells of `region` (global coordinates, clipped to the grid) on rank 0, relative to
/// the region's corner, in no particular order; empty elsewhere. Only the ranks whose tiles meet
/// the region send their cells, to rank 0. Call on every rank.
std::vector<Cell> gather_region_cells(const Simulation& sim, const Extent& region);

/// Fills this rank's tile with the counter-based soup of `seed` and `density` (no communication:
/// every rank computes its own cells, so the soup does not depend on the decomposition).
void fill_soup(Simulation& sim, std::uint64_t seed, double density);

}  // namespace mpilife
