#include "mpilife/kernel/tile_io.hpp"

#include <algorithm>
#include <stdexcept>

#include "mpilife/kernel/packed_row.hpp"

namespace mpilife {

namespace {

// Applies `change` to each listed cell inside the tile, reading and writing each row once.
template <typename Change>
void edit_cells(TileCells& tile, std::vector<Cell> cells, Change change) {
  cells.erase(std::remove_if(cells.begin(), cells.end(),
                             [&](const Cell& c) {
                               return c.x < 0 || c.x >= tile.width() || c.y < 0 ||
                                      c.y >= tile.height();
                             }),
              cells.end());
  std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.y < b.y; });
  std::vector<std::uint8_t> row(static_cast<std::size_t>(tile.width()));
  for (std::size_t i = 0; i < cells.size();) {
    const std::int64_t y = cells[i].y;
    tile.read_row(y, row.data());
    for (; i < cells.size() && cells[i].y == y; ++i)
      change(row[static_cast<std::size_t>(cells[i].x)]);
    tile.write_row(y, row.data());
  }
}

}  // namespace

void copy_out(const TileCells& tile, std::uint8_t* out) {
  for (std::int64_t y = 0; y < tile.height(); ++y) tile.read_row(y, out + y * tile.width());
}

std::vector<std::uint8_t> copy_out(const TileCells& tile) {
  std::vector<std::uint8_t> cells(static_cast<std::size_t>(tile.width() * tile.height()));
  copy_out(tile, cells.data());
  return cells;
}

void copy_in(TileCells& tile, const std::uint8_t* cells) {
  for (std::int64_t y = 0; y < tile.height(); ++y) tile.write_row(y, cells + y * tile.width());
}

void for_each_row(const TileCells& tile, std::int64_t y_begin, std::int64_t y_end,
                  const std::function<void(std::int64_t, const std::uint8_t*)>& visit) {
  std::vector<std::uint8_t> row(static_cast<std::size_t>(tile.width()));
  for (std::int64_t y = y_begin; y < y_end; ++y) {
    tile.read_row(y, row.data());
    visit(y, row.data());
  }
}

void for_each_row_bits(const TileCells& tile, std::int64_t y_begin, std::int64_t y_end,
                       const std::function<void(std::int64_t, const std::uint64_t*)>& visit) {
  std::vector<std::uint64_t> words(static_cast<std::size_t>(packed_words(tile.width())));
  for (std::int64_t y = y_begin; y < y_end; ++y) {
    tile.read_row_bits(y, words.data());
    visit(y, words.data());
  }
}

void fill_rows(TileCells& tile, const std::function<void(std::int64_t, std::uint8_t*)>& fill) {
  std::vector<std::uint8_t> row(static_cast<std::size_t>(tile.width()));
  for (std::int64_t y = 0; y < tile.height(); ++y) {
    fill(y, row.data());
    tile.write_row(y, row.data());
  }
}

void set_cells(TileCells& tile, std::vector<Cell> cells) {
  edit_cells(tile, std::move(cells), [](std::uint8_t& v) { v = 1; });
}

void toggle_cells(TileCells& tile, std::vector<Cell> cells) {
  edit_cells(tile, std::move(cells), [](std::uint8_t& v) { v ^= 1; });
}

void edit_cells(TileCells& tile, std::vector<CellEdit> edits) {
  edits.erase(std::remove_if(edits.begin(), edits.end(),
                             [&](const CellEdit& e) {
                               return e.cell.x < 0 || e.cell.x >= tile.width() || e.cell.y < 0 ||
                                      e.cell.y >= tile.height();
                             }),
              edits.end());
  // By row, keeping the order of the edits of one cell.
  std::stable_sort(edits.begin(), edits.end(),
                   [](const CellEdit& a, const CellEdit& b) { return a.cell.y < b.cell.y; });
  std::vector<std::uint8_t> row(static_cast<std::size_t>(tile.width()));
  for (std::size_t i = 0; i < edits.size();) {
    const std::int64_t y = edits[i].cell.y;
    tile.read_row(y, row.data());
    for (; i < edits.size() && edits[i].cell.y == y; ++i) {
      std::uint8_t& v = row[static_cast<std::size_t>(edits[i].cell.x)];
      switch (edits[i].change) {
        case CellChange::clear:
          v = 0;
          break;
        case CellChange::set:
          v = 1;
          break;
        case CellChange::flip:
          v ^= 1;
          break;
      }
    }
    tile.write_row(y, row.data());
  }
}

CellArray to_array(const TileCells& tile) {
  CellArray cells(tile.height(), tile.width());
  if (cells.size() > 0) copy_out(tile, cells.data());
  return cells;
}

void load(TileCells& tile, const CellArray& cells) {
  if (cells.rows() != tile.height() || cells.cols() != tile.width()) {
    throw std::invalid_argument("load: array shape differs from the tile");
  }
  if (cells.size() > 0) copy_in(tile, cells.data());
}

}  // namespace mpilife
