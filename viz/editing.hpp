#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_set>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife::viz {

/// The cells of the straight line from `a` to `b`, both included, each step to one of the eight
/// neighbours (Bresenham): a pencil stroke between two mouse positions, with no gaps.
std::vector<Cell> line_cells(Cell a, Cell b);

/// Whether `frame` shows `cell` alive: nullopt unless the frame holds one count per cell (scale 1)
/// and the cell lies in its region.
std::optional<bool> shown_alive(const Frame& frame, Cell cell);

/// A pattern to paste: live cells in a width x height box.
struct Clip {
  std::int64_t width = 0;   ///< box width
  std::int64_t height = 0;  ///< box height
  std::vector<Cell> cells;  ///< live cells, inside the box
};

/// `clip` turned a quarter clockwise (its box turns too: height x width).
Clip rotated(const Clip& clip);
/// `clip` mirrored left to right (x flips).
Clip flipped_x(const Clip& clip);
/// `clip` mirrored top to bottom (y flips).
Clip flipped_y(const Clip& clip);

/// Golly's pencil: a stroke whose first cell decides what it does (a live cell starts a clearing
/// stroke, a dead one a drawing stroke), joined between the mouse positions by straight lines, each
/// cell edited once a stroke.
class Pencil {
 public:
  /// Starts a stroke at `cell`, alive now (the stroke clears) or not (it sets); returns its edit.
  CellEdit begin(Cell cell, bool alive);
  /// Continues the stroke to `cell`: the edits of the cells on the line from the last position
  /// that the stroke has not edited yet. Nothing when no stroke is on.
  std::vector<CellEdit> extend(Cell cell);
  /// Ends the stroke.
  void end();
  /// Whether a stroke is on.
  bool active() const { return active_; }
  /// What the stroke does to its cells.
  CellChange change() const { return change_; }

 private:
  struct CellHash {
    std::size_t operator()(const Cell& c) const;
  };
  bool active_ = false;
  CellChange change_ = CellChange::set;
  Cell last_;
  std::unordered_set<Cell, CellHash> done_;
};

/// Undo and redo of edits made while stopped, as Golly does without its generation history: an
/// edit is the cells it changed at one generation, and it can be undone (its cells put back) or
/// redone only while the grid is still at that generation. Moving on (a step, running, a reset)
/// forgets them.
class EditHistory {
 public:
  /// Records an edit made at `generation`: `undo` puts its cells back, `redo` makes it again.
  /// Forgets what could be redone, and edits of other generations.
  void record(std::int64_t generation, std::vector<CellEdit> undo, std::vector<CellEdit> redo);
  /// The edits that undo the last edit at `generation` (it becomes redoable); nullopt when there
  /// is none at that generation.
  std::optional<std::vector<CellEdit>> undo(std::int64_t generation);
  /// The edits that make the last undone edit at `generation` again; nullopt when there is none.
  std::optional<std::vector<CellEdit>> redo(std::int64_t generation);
  /// Forgets everything (a reset).
  void clear();
  /// Edits that can be undone now, at `generation`.
  std::size_t undoable(std::int64_t generation) const;
  /// Edits that can be redone now, at `generation`.
  std::size_t redoable(std::int64_t generation) const;

 private:
  struct Entry {
    std::vector<CellEdit> undo;
    std::vector<CellEdit> redo;
  };
  // Forgets the edits unless they were made at `generation`.
  void move_to(std::int64_t generation);
  std::int64_t generation_ = 0;
  std::vector<Entry> done_;
  std::vector<Entry> undone_;
};

}  // namespace mpilife::viz
