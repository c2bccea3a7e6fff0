#pragma once

// Driving a ViewerController without SDL, as the viewer's tests do: opening it on a grid, key
// presses and mouse events in one poll, and the edits clicks send.

#include <initializer_list>
#include <vector>

#include "controller.hpp"
#include "input.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife::test {

/// The edits that set `cells` (what clicks on dead cells send).
inline std::vector<CellEdit> sets(const std::vector<Cell>& cells) {
  std::vector<CellEdit> out;
  for (const Cell& c : cells) out.push_back({c, CellChange::set});
  return out;
}

/// A controller for a `width` x `height` window showing `source`, after its first poll.
inline viz::ViewerController opened(int width, int height, const ViewSource& source) {
  viz::ViewerController v;
  v.resize(width, height);
  v.open(source);
  v.begin_poll();
  v.end_poll();
  return v;
}

/// Presses `keys` in one poll and returns the controls it reports.
inline Controls poll(viz::ViewerController& v, std::initializer_list<viz::Key> keys) {
  v.begin_poll();
  for (const viz::Key k : keys) v.key(viz::KeyPress{k, false});
  return v.end_poll();
}

/// A mouse event of `kind` at window pixel (x, y) with `button`.
inline viz::MouseEvent mouse(viz::MouseEvent::Kind kind, int x, int y,
                             viz::MouseButton button = viz::MouseButton::left) {
  viz::MouseEvent e;
  e.kind = kind;
  e.x = x;
  e.y = y;
  e.button = button;
  return e;
}

}  // namespace mpilife::test
