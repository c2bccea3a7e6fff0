#include "editing.hpp"

#include <cstdlib>
#include <functional>
#include <utility>

namespace mpilife::viz {

std::vector<Cell> line_cells(Cell a, Cell b) {
  std::vector<Cell> cells;
  const std::int64_t dx = std::llabs(b.x - a.x);
  const std::int64_t dy = -std::llabs(b.y - a.y);
  const std::int64_t sx = a.x < b.x ? 1 : -1;
  const std::int64_t sy = a.y < b.y ? 1 : -1;
  std::int64_t err = dx + dy;
  Cell c = a;
  for (;;) {
    cells.push_back(c);
    if (c == b) break;
    const std::int64_t e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      c.x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      c.y += sy;
    }
  }
  return cells;
}

Clip rotated(const Clip& clip) {
  Clip out{clip.height, clip.width, {}};
  for (const Cell& c : clip.cells) out.cells.push_back({clip.height - 1 - c.y, c.x});
  return out;
}

Clip flipped_x(const Clip& clip) {
  Clip out{clip.width, clip.height, {}};
  for (const Cell& c : clip.cells) out.cells.push_back({clip.width - 1 - c.x, c.y});
  return out;
}

Clip flipped_y(const Clip& clip) {
  Clip out{clip.width, clip.height, {}};
  for (const Cell& c : clip.cells) out.cells.push_back({c.x, clip.height - 1 - c.y});
  return out;
}

std::optional<bool> shown_alive(const Frame& frame, Cell cell) {
  const Extent& r = frame.view.region;
  if (frame.view.scale != 1 || cell.x < r.x0 || cell.y < r.y0 || cell.x >= r.x0 + r.w ||
      cell.y >= r.y0 + r.h) {
    return std::nullopt;
  }
  const auto i = static_cast<std::size_t>((cell.y - r.y0) * r.w + (cell.x - r.x0));
  if (i >= frame.counts.size()) return std::nullopt;
  return frame.counts[i] != 0;
}

std::size_t Pencil::CellHash::operator()(const Cell& c) const {
  return std::hash<std::int64_t>()(c.x * 1000003 + c.y);
}

CellEdit Pencil::begin(Cell cell, bool alive) {
  active_ = true;
  change_ = alive ? CellChange::clear : CellChange::set;
  last_ = cell;
  done_.clear();
  done_.insert(cell);
  return CellEdit{cell, change_};
}

std::vector<CellEdit> Pencil::extend(Cell cell) {
  std::vector<CellEdit> edits;
  if (!active_ || cell == last_) return edits;
  for (const Cell& c : line_cells(last_, cell)) {
    if (done_.insert(c).second) edits.push_back(CellEdit{c, change_});
  }
  last_ = cell;
  return edits;
}

void Pencil::end() {
  active_ = false;
  done_.clear();
}

void EditHistory::record(std::int64_t generation, std::vector<CellEdit> undo,
                         std::vector<CellEdit> redo) {
  move_to(generation);
  undone_.clear();
  if (undo.empty() && redo.empty()) return;
  done_.push_back(Entry{std::move(undo), std::move(redo)});
}

std::optional<std::vector<CellEdit>> EditHistory::undo(std::int64_t generation) {
  move_to(generation);
  if (done_.empty()) return std::nullopt;
  undone_.push_back(std::move(done_.back()));
  done_.pop_back();
  return undone_.back().undo;
}

std::optional<std::vector<CellEdit>> EditHistory::redo(std::int64_t generation) {
  move_to(generation);
  if (undone_.empty()) return std::nullopt;
  done_.push_back(std::move(undone_.back()));
  undone_.pop_back();
  return done_.back().redo;
}

void EditHistory::clear() {
  done_.clear();
  undone_.clear();
}

std::size_t EditHistory::undoable(std::int64_t generation) const {
  return generation == generation_ ? done_.size() : 0;
}

std::size_t EditHistory::redoable(std::int64_t generation) const {
  return generation == generation_ ? undone_.size() : 0;
}

void EditHistory::move_to(std::int64_t generation) {
  if (generation == generation_) return;
  clear();
  generation_ = generation;
}

}  // namespace mpilife::viz
