#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/kernel/tile_roles.hpp"

namespace mpilife {

/// Writes the current state of the whole tile to `out`: row-major width() x height() bytes
/// (1 = alive).
void copy_out(const TileCells& tile, std::uint8_t* out);

/// The current state of the whole tile, row-major width() x height() bytes (1 = alive).
std::vector<std::uint8_t> copy_out(const TileCells& tile);

/// Sets the whole current state from row-major width() x height() bytes (non-zero = alive).
void copy_in(TileCells& tile, const std::uint8_t* cells);

/// Calls `visit(y, row)` for every row y in [y_begin, y_end) with its width() cells as bytes.
void for_each_row(const TileCells& tile, std::int64_t y_begin, std::int64_t y_end,
                  const std::function<void(std::int64_t, const std::uint8_t*)>& visit);

/// Calls `visit(y, words)` for every row y in [y_begin, y_end) with the row as packed words
/// (TileCells::read_row_bits).
void for_each_row_bits(const TileCells& tile, std::int64_t y_begin, std::int64_t y_end,
                       const std::function<void(std::int64_t, const std::uint64_t*)>& visit);

/// Rewrites every row y from `fill(y, row)`, which writes the row's width() bytes.
void fill_rows(TileCells& tile, const std::function<void(std::int64_t, std::uint8_t*)>& fill);

/// Makes the listed cells (local coordinates) alive; cells outside the tile are skipped.
void set_cells(TileCells& tile, std::vector<Cell> cells);

/// Flips the listed cells (local coordinates); cells outside the tile are skipped.
void toggle_cells(TileCells& tile, std::vector<Cell> cells);

/// Applies `edits` (local coordinates) in their order; edits outside the tile are skipped.
void edit_cells(TileCells& tile, std::vector<CellEdit> edits);

/// Copies the whole current state of `tile` into a width x height array.
CellArray to_array(const TileCells& tile);

/// Sets the whole current state of `tile` from `cells` (height x width).
void load(TileCells& tile, const CellArray& cells);

}  // namespace mpilife
