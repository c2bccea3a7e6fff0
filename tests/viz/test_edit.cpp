// Editing in the viewer without SDL: reset (Ctrl+R), undo and redo, the pencil, as KeyPress and
// MouseEvent sequences fed to a ViewerController, checked on the Controls it reports and on a grid
// that follows them (frames made from it, its edits applied as the ranks apply them).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "controller.hpp"
#include "controller_driving.hpp"
#include "editing.hpp"
#include "input.hpp"
#include "keys.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/view/block_counts.hpp"
#include "mpilife/view/frame.hpp"
#include "overlay.hpp"
#include "support/text_lines.hpp"
#include "support/view_source.hpp"
#include "viewport.hpp"

using namespace mpilife;
using mpilife::test::contains;
using mpilife::test::mouse;
using mpilife::test::opened;
using mpilife::test::poll;
using mpilife::test::source_for;
using namespace mpilife::viz;

namespace {

// A frame of `generation` for the view the controller asks for.
Frame frame_at(const ViewerController& v, std::int64_t generation, bool running) {
  Frame f;
  f.generation = generation;
  f.view = v.state().controls.view;
  f.running = running;
  return f;
}

// A grid the controller edits, as the live loop does: each poll's edits applied in order, then a
// frame of the view it asks for.
struct Grid {
  CellArray cells;
  std::int64_t generation = 0;

  Grid(std::int64_t w, std::int64_t h) : cells(CellArray::Zero(h, w)) {}

  void apply(const Controls& c) {
    for (const CellEdit& e : c.edits) {
      if (e.cell.x < 0 || e.cell.y < 0 || e.cell.x >= cells.cols() || e.cell.y >= cells.rows()) {
        continue;
      }
      std::uint8_t& v = cells(e.cell.y, e.cell.x);
      v = e.change == CellChange::set ? 1 : e.change == CellChange::clear ? 0 : v ^ 1;
    }
    generation += c.steps;  // no rule: the tests only need the generation to move on
  }
  Frame frame(const ViewRequest& view) const {
    Frame f;
    f.generation = generation;
    f.view = view;
    f.counts = block_counts(cells, view.region, view.scale);
    f.population = cells.cast<std::int64_t>().sum();
    return f;
  }
};

// Ends a poll: the grid follows the controls and the controller is shown the frame.
Controls finish(ViewerController& v, Grid& g) {
  const Controls c = v.end_poll();
  g.apply(c);
  v.show(g.frame(c.view));
  return c;
}

// The pixel at the centre of cell (x, y) of the controller's viewport.
std::pair<int, int> pixel_of(const ViewerController& v, std::int64_t x, std::int64_t y) {
  const Viewport& view = v.state().viewport;
  const std::int64_t p = std::int64_t{1} << view.zoom();
  return {static_cast<int>(view.origin_x() + p * x + p / 2),
          static_cast<int>(view.origin_y() + p * y + p / 2)};
}

void click_cell(ViewerController& v, Grid& g, std::int64_t x, std::int64_t y) {
  const auto [px, py] = pixel_of(v, x, y);
  v.begin_poll();
  v.mouse(mouse(MouseEvent::Kind::press, px, py));
  v.mouse(mouse(MouseEvent::Kind::release, px, py));
  finish(v, g);
}

Controls press_keys(ViewerController& v, Grid& g, std::initializer_list<Key> keys) {
  v.begin_poll();
  for (const Key k : keys) v.key(KeyPress{k, false});
  return finish(v, g);
}

}  // namespace

TEST_CASE("line_cells: every cell between two positions, each a neighbour of the one before") {
  CHECK(line_cells({3, 4}, {3, 4}) == std::vector<Cell>{{3, 4}});
  CHECK(line_cells({0, 0}, {3, 0}) == std::vector<Cell>{{0, 0}, {1, 0}, {2, 0}, {3, 0}});
  CHECK(line_cells({2, 2}, {0, 0}) == std::vector<Cell>{{2, 2}, {1, 1}, {0, 0}});
  for (const auto& [a, b] : std::vector<std::pair<Cell, Cell>>{
           {{0, 0}, {17, 5}}, {{-4, 9}, {3, -20}}, {{10, 10}, {-13, 12}}, {{5, 0}, {5, 31}}}) {
    const std::vector<Cell> line = line_cells(a, b);
    REQUIRE(!line.empty());
    CHECK(line.front() == a);
    CHECK(line.back() == b);
    CHECK(static_cast<std::int64_t>(line.size()) ==
          std::max(std::llabs(b.x - a.x), std::llabs(b.y - a.y)) + 1);
    for (std::size_t i = 1; i < line.size(); ++i) {
      CHECK(std::llabs(line[i].x - line[i - 1].x) <= 1);
      CHECK(std::llabs(line[i].y - line[i - 1].y) <= 1);
    }
  }
}

TEST_CASE("the pencil: the first cell decides, each cell once a stroke, lines between positions") {
  Pencil p;
  CHECK(p.extend({4, 4}).empty());  // no stroke on
  CHECK(p.begin({0, 0}, false) == CellEdit{{0, 0}, CellChange::set});
  CHECK(p.change() == CellChange::set);
  std::vector<CellEdit> e = p.extend({3, 0});
  CHECK(e == std::vector<CellEdit>{
                 {{1, 0}, CellChange::set}, {{2, 0}, CellChange::set}, {{3, 0}, CellChange::set}});
  CHECK(p.extend({0, 0}).empty());  // back over cells already drawn
  p.end();
  CHECK_FALSE(p.active());
  CHECK(p.begin({5, 5}, true).change == CellChange::clear);
  e = p.extend({5, 7});
  CHECK(e == std::vector<CellEdit>{{{5, 6}, CellChange::clear}, {{5, 7}, CellChange::clear}});
}

TEST_CASE("the edit history: undo and redo at the generation of the edits, forgotten after") {
  EditHistory h;
  const CellEdit a_set{{1, 1}, CellChange::set};
  const CellEdit a_clear{{1, 1}, CellChange::clear};
  const CellEdit b_set{{2, 1}, CellChange::set};
  const CellEdit b_clear{{2, 1}, CellChange::clear};
  CHECK_FALSE(h.undo(0));
  h.record(5, {a_clear}, {a_set});
  h.record(5, {b_clear}, {b_set});
  CHECK(h.undoable(5) == 2);
  CHECK(h.undoable(6) == 0);
  CHECK(h.undo(5) == std::vector<CellEdit>{b_clear});
  CHECK(h.redoable(5) == 1);
  CHECK(h.undo(5) == std::vector<CellEdit>{a_clear});
  CHECK_FALSE(h.undo(5));
  CHECK(h.redo(5) == std::vector<CellEdit>{a_set});
  h.record(5, {b_clear}, {b_set});  // a new edit: nothing to redo
  CHECK_FALSE(h.redo(5));
  CHECK(h.undoable(5) == 2);
  CHECK_FALSE(h.undo(6));  // the grid moved on: all forgotten
  CHECK(h.undoable(5) == 0);
  h.record(6, {a_clear}, {a_set});
  h.clear();
  CHECK_FALSE(h.undo(6));
}

TEST_CASE("draw, undo: the grid is the grid before; redo: the grid after; per edit, in order") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  Grid g(16, 12);
  g.cells(7, 5) = 1;  // a live cell: clicking it clears it
  g.cells(3, 3) = 1;
  v.begin_poll();
  v.key(KeyPress{Key::enter, false});  // stop
  finish(v, g);
  REQUIRE(v.state().viewport.zoom() >= 0);
  const CellArray before = g.cells;
  click_cell(v, g, 5, 7);
  click_cell(v, g, 6, 7);
  click_cell(v, g, 0, 0);
  const CellArray after = g.cells;
  CHECK(g.cells(7, 5) == 0);
  CHECK(g.cells(7, 6) == 1);
  CHECK(g.cells(0, 0) == 1);
  CHECK(v.state().undoable == 3);
  CHECK(contains(state_line(v.state()), " undo=3 redo=0"));
  press_keys(v, g, {Key::ctrl_z});
  CHECK(g.cells(0, 0) == 0);
  CHECK(g.cells(7, 6) == 1);
  press_keys(v, g, {Key::ctrl_z, Key::ctrl_z});
  CHECK((g.cells == before).all());
  CHECK(v.state().undoable == 0);
  CHECK(v.state().redoable == 3);
  // Nothing more to undo: the grid stays, the status panel says so.
  const Controls none = press_keys(v, g, {Key::ctrl_z});
  CHECK(none.edits.empty());
  CHECK((g.cells == before).all());
  REQUIRE(status_lines(v.state()).size() == 3);
  CHECK(contains(status_lines(v.state())[2], "nothing to undo"));
  press_keys(v, g, {Key::ctrl_shift_z});
  CHECK(g.cells(7, 5) == 0);
  CHECK(g.cells(7, 6) == 0);
  press_keys(v, g, {Key::ctrl_y, Key::ctrl_y});
  CHECK((g.cells == after).all());
  CHECK(press_keys(v, g, {Key::ctrl_y}).edits.empty());
  // Undo twice, then a new edit: what was undone cannot be redone.
  press_keys(v, g, {Key::ctrl_z, Key::ctrl_z});
  click_cell(v, g, 10, 10);
  CHECK(press_keys(v, g, {Key::ctrl_y}).edits.empty());
  press_keys(v, g, {Key::ctrl_z});
  CHECK(g.cells(10, 10) == 0);
  CHECK(g.cells(7, 5) == 0);  // the first edit is still made
}

TEST_CASE("undo is only at the generation of the edit: a step or a reset forgets the edits") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  Grid g(16, 12);
  press_keys(v, g, {Key::enter});
  click_cell(v, g, 4, 4);
  CHECK(v.state().undoable == 1);
  press_keys(v, g, {Key::space});
  CHECK(g.generation == 1);
  CHECK(v.state().undoable == 0);
  CHECK(press_keys(v, g, {Key::ctrl_z}).edits.empty());
  CHECK(g.cells(4, 4) == 1);
  // Space and Ctrl+Z in one poll: the undo would land after the step; it is refused.
  click_cell(v, g, 5, 5);
  CHECK(press_keys(v, g, {Key::space, Key::ctrl_z}).edits.empty());
  click_cell(v, g, 6, 6);
  v.begin_poll();
  v.key(KeyPress{Key::ctrl_r, false});
  CHECK(v.end_poll().reset);
  CHECK(v.state().undoable == 0);
  v.begin_poll();
  v.key(KeyPress{Key::ctrl_z, false});
  CHECK(v.end_poll().edits.empty());
}

TEST_CASE("a pencil stroke: a drag draws the line under it with no gaps, one edit to undo") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  Grid g(16, 12);
  press_keys(v, g, {Key::enter});
  const CellArray before = g.cells;
  const std::int64_t origin_x = v.state().viewport.origin_x();
  const std::int64_t origin_y = v.state().viewport.origin_y();
  // Fast: one motion event from cell (1, 1) to cell (13, 5), then to (13, 9) in the next poll.
  v.begin_poll();
  auto [x0, y0] = pixel_of(v, 1, 1);
  auto [x1, y1] = pixel_of(v, 13, 5);
  v.mouse(mouse(MouseEvent::Kind::press, x0, y0));
  v.mouse(mouse(MouseEvent::Kind::move, x1, y1));
  const Controls c = finish(v, g);
  std::vector<CellEdit> want;
  for (const Cell& cell : line_cells({1, 1}, {13, 5})) want.push_back({cell, CellChange::set});
  CHECK(c.edits == want);
  v.begin_poll();
  auto [x2, y2] = pixel_of(v, 13, 9);
  v.mouse(mouse(MouseEvent::Kind::move, x2, y2));
  v.mouse(mouse(MouseEvent::Kind::release, x2, y2));
  finish(v, g);
  CellArray drawn = before;
  for (const Cell& cell : line_cells({1, 1}, {13, 5})) drawn(cell.y, cell.x) = 1;
  for (const Cell& cell : line_cells({13, 5}, {13, 9})) drawn(cell.y, cell.x) = 1;
  CHECK((g.cells == drawn).all());
  CHECK(g.cells.cast<int>().sum() == 13 + 4);
  CHECK(v.state().undoable == 1);
  CHECK(v.state().viewport.origin_x() == origin_x);  // drawing does not pan
  CHECK(v.state().viewport.origin_y() == origin_y);
  // A stroke starting on a live cell clears: across the line, only its cells change.
  v.begin_poll();
  std::tie(x0, y0) = pixel_of(v, 5, 2);
  std::tie(x1, y1) = pixel_of(v, 5, 0);
  std::tie(x2, y2) = pixel_of(v, 13, 8);
  REQUIRE(g.cells(2, 5) == 1);
  v.mouse(mouse(MouseEvent::Kind::press, x0, y0));
  v.mouse(mouse(MouseEvent::Kind::move, x1, y1));
  v.mouse(mouse(MouseEvent::Kind::release, x1, y1));
  v.mouse(mouse(MouseEvent::Kind::press, x2, y2));  // a second stroke, on a live cell too
  v.mouse(mouse(MouseEvent::Kind::move, x2 - 160, y2));
  v.mouse(mouse(MouseEvent::Kind::release, x2 - 160, y2));
  finish(v, g);
  CellArray cleared = drawn;
  cleared(2, 5) = 0;
  cleared(8, 13) = 0;
  CHECK((g.cells == cleared).all());
  CHECK(g.cells(1, 5) == 0);  // dead cells under a clearing stroke stay dead
  CHECK(g.cells(0, 5) == 0);
  // Undo takes back the two clearing strokes, then the drawing stroke.
  press_keys(v, g, {Key::ctrl_z, Key::ctrl_z});
  CHECK((g.cells == drawn).all());
  press_keys(v, g, {Key::ctrl_z});
  CHECK((g.cells == before).all());
}

TEST_CASE("strokes while running are sent at once and not kept for undo; no stroke zoomed out") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  Grid g(16, 12);
  REQUIRE(v.state().controls.running);
  v.begin_poll();
  const auto [x0, y0] = pixel_of(v, 2, 2);
  const auto [x1, y1] = pixel_of(v, 6, 2);
  v.mouse(mouse(MouseEvent::Kind::press, x0, y0));
  v.mouse(mouse(MouseEvent::Kind::move, x1, y1));
  CHECK(v.end_poll().edits.size() == 5);
  v.mouse(mouse(MouseEvent::Kind::release, x1, y1));
  CHECK(v.state().undoable == 0);
  // F5 move mode: the same drag pans.
  ViewerController m = opened(320, 320, source_for(16, 12));
  poll(m, {Key::f5});
  const std::int64_t ox = m.state().viewport.origin_x();
  m.begin_poll();
  m.mouse(mouse(MouseEvent::Kind::press, x0, y0));
  m.mouse(mouse(MouseEvent::Kind::move, x1, y1));
  m.mouse(mouse(MouseEvent::Kind::release, x1, y1));
  CHECK(m.end_poll().edits.empty());
  CHECK(m.state().viewport.origin_x() == ox + (x1 - x0));
  // Zoomed out (several cells a pixel) the left button pans in draw mode too.
  ViewerController z = opened(200, 200, source_for(400, 400));
  REQUIRE(z.state().viewport.zoom() < 0);
  const std::int64_t zx = z.state().viewport.origin_x();
  z.begin_poll();
  z.mouse(mouse(MouseEvent::Kind::press, 50, 50));
  z.mouse(mouse(MouseEvent::Kind::move, 90, 50));
  z.mouse(mouse(MouseEvent::Kind::release, 90, 50));
  CHECK(z.end_poll().edits.empty());
  CHECK(z.state().viewport.origin_x() == zx + 40);
}

TEST_CASE("F4 select mode: a drag selects the rectangle of cells, Ctrl+A all; Ctrl+C and Delete") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  Grid g(16, 12);
  press_keys(v, g, {Key::enter});
  // Nothing selected: Ctrl+C and Delete say so and ask for nothing.
  Controls c = press_keys(v, g, {Key::ctrl_c});
  CHECK(c.copy_region.w == 0);
  CHECK(contains(v.state().notice, "nothing is selected"));
  c = press_keys(v, g, {Key::delete_key});
  CHECK(c.clear_region.w == 0);
  press_keys(v, g, {Key::f4});
  CHECK(v.state().mode == EditMode::select);
  CHECK(contains(status_lines(v.state())[0], "  select"));
  // From cell (9, 8) up and left to cell (3, 2): the rectangle between, both corners included.
  v.begin_poll();
  const auto [x0, y0] = pixel_of(v, 9, 8);
  const auto [x1, y1] = pixel_of(v, 3, 2);
  v.mouse(mouse(MouseEvent::Kind::press, x0, y0));
  v.mouse(mouse(MouseEvent::Kind::move, x1 + 20, y1));
  v.mouse(mouse(MouseEvent::Kind::move, x1, y1));
  v.mouse(mouse(MouseEvent::Kind::release, x1, y1));
  c = finish(v, g);
  CHECK(c.edits.empty());  // selecting draws nothing
  const Extent want{3, 2, 7, 7};
  CHECK(v.state().selection.x0 == want.x0);
  CHECK(v.state().selection.y0 == want.y0);
  CHECK(v.state().selection.w == want.w);
  CHECK(v.state().selection.h == want.h);
  CHECK(contains(state_line(v.state()), " selection=3,2,7,7"));
  CHECK(contains(status_lines(v.state())[0], "selected 7x7"));
  c = press_keys(v, g, {Key::ctrl_c});
  CHECK(c.copy_region.x0 == 3);
  CHECK(c.copy_region.w == 7);
  CHECK(c.clear_region.w == 0);
  CHECK(press_keys(v, g, {}).copy_region.w == 0);  // once
  v.copied("copied the 7x7 selection as RLE");
  CHECK(status_lines(v.state()).back() == "copied the 7x7 selection as RLE");
  c = press_keys(v, g, {Key::delete_key});
  CHECK(c.clear_region.y0 == 2);
  CHECK(c.clear_region.h == 7);
  // Beyond the grid the selection stops at its edge; Ctrl+A selects it all.
  v.begin_poll();
  v.mouse(mouse(MouseEvent::Kind::press, x1, y1));
  v.mouse(mouse(MouseEvent::Kind::move, 319, 319));
  v.mouse(mouse(MouseEvent::Kind::release, 319, 319));
  finish(v, g);
  CHECK(v.state().selection.x0 + v.state().selection.w == 16);
  CHECK(v.state().selection.y0 + v.state().selection.h == 12);
  press_keys(v, g, {Key::ctrl_a});
  CHECK(contains(state_line(v.state()), " selection=0,0,16,12"));
  // Not in a replay.
  ViewerController r = opened(320, 240, source_for(64, 48, 10));
  poll(r, {Key::f4, Key::ctrl_a});
  CHECK(r.state().selection.w == 0);
}

TEST_CASE("a clip turned and flipped: the glider's four turns and two mirrors") {
  const Clip glider{3, 3, {{1, 0}, {2, 1}, {0, 2}, {1, 2}, {2, 2}}};
  const auto sorted = [](Clip c) {
    std::sort(c.cells.begin(), c.cells.end(),
              [](const Cell& a, const Cell& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
    return c.cells;
  };
  // .O.      O..      OO.
  // ..O  r:  O.O  x:  O..  (and so on)
  // OOO      OO.      .O.
  const Clip r = rotated(glider);
  CHECK(sorted(r) == std::vector<Cell>{{0, 0}, {0, 1}, {2, 1}, {0, 2}, {1, 2}});
  CHECK(sorted(rotated(rotated(rotated(r)))) == sorted(glider));
  CHECK(sorted(flipped_x(glider)) == std::vector<Cell>{{1, 0}, {0, 1}, {0, 2}, {1, 2}, {2, 2}});
  CHECK(sorted(flipped_y(glider)) == std::vector<Cell>{{0, 0}, {1, 0}, {2, 0}, {2, 1}, {1, 2}});
  const Clip wide{4, 2, {{3, 0}, {0, 1}}};
  const Clip tall = rotated(wide);
  CHECK(tall.width == 2);
  CHECK(tall.height == 4);
  CHECK(sorted(tall) == std::vector<Cell>{{0, 0}, {1, 3}});  // the top row is the right column
}

TEST_CASE("Ctrl+V: the pattern follows the pointer, r x y turn it, a click sets its cells there") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  Grid g(16, 12);
  press_keys(v, g, {Key::enter});
  v.begin_poll();
  v.key(KeyPress{Key::ctrl_v, false});
  CHECK(v.take_paste_request());
  CHECK_FALSE(v.take_paste_request());  // once
  v.paste_text("x = 3, y = 3\nbo$2bo$3o!\n");
  CHECK(v.end_poll().paste_text == "x = 3, y = 3\nbo$2bo$3o!\n");
  // The run read it as a pattern (mpilife's readers): the glider.
  v.pasted(Clip{3, 3, {{1, 0}, {2, 1}, {0, 2}, {1, 2}, {2, 2}}}, "Ctrl+V: 3x3 pattern");
  REQUIRE(v.state().paste);
  press_keys(v, g, {Key::r, Key::x});
  CHECK(v.state().controls.running == false);
  REQUIRE(status_lines(v.state()).size() == 3);
  CHECK(status_lines(v.state())[2] ==
        "pasting 3x3: click to place, r rotates, x y flip, Esc cancels");
  const CellArray before = g.cells;
  const auto [px, py] = pixel_of(v, 10, 4);
  v.begin_poll();
  v.mouse(mouse(MouseEvent::Kind::move, px, py));
  v.mouse(mouse(MouseEvent::Kind::press, px, py));
  v.mouse(mouse(MouseEvent::Kind::release, px, py));
  finish(v, g);
  CHECK_FALSE(v.state().paste);
  // Turned (O.. / O.O / OO.) then mirrored (..O / O.O / .OO), top-left at (10, 4).
  CellArray want = before;
  for (const Cell& c : std::vector<Cell>{{2, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}}) {
    want(4 + c.y, 10 + c.x) = 1;
  }
  CHECK((g.cells == want).all());
  press_keys(v, g, {Key::ctrl_z});  // the paste is one edit
  CHECK((g.cells == before).all());
  // Esc cancels a paste (and does not quit); a paste hanging over the edge keeps what fits.
  v.pasted(Clip{3, 1, {{0, 0}, {1, 0}, {2, 0}}}, "");
  Controls c = press_keys(v, g, {Key::escape});
  CHECK_FALSE(c.quit);
  CHECK_FALSE(v.state().paste);
  v.pasted(Clip{3, 1, {{0, 0}, {1, 0}, {2, 0}}}, "");
  const auto [ex, ey] = pixel_of(v, 14, 11);
  v.begin_poll();
  v.mouse(mouse(MouseEvent::Kind::press, ex, ey));
  v.mouse(mouse(MouseEvent::Kind::release, ex, ey));
  c = finish(v, g);
  CHECK(c.edits == std::vector<CellEdit>{{{14, 11}, CellChange::set}, {{15, 11}, CellChange::set}});
  // Nothing to paste: the message, no preview.
  v.pasted(std::nullopt, "Ctrl+V: cannot paste: clipboard:1:1: bad");
  CHECK_FALSE(v.state().paste);
  CHECK(contains(status_lines(v.state()).back(), "cannot paste"));
  CHECK(press_keys(v, g, {Key::escape}).quit);  // Esc quits again
}

TEST_CASE("Ctrl+R asks once for a reset, stops the run and keeps the zoom and pan") {
  ViewerController v = opened(320, 240, source_for(64, 48));
  poll(v, {Key::right_bracket, Key::left});
  const Viewport before = v.state().viewport;
  v.show(frame_at(v, 40, true));
  CHECK(v.state().controls.running);
  Controls c = poll(v, {Key::ctrl_r});
  CHECK(c.reset);
  CHECK_FALSE(c.running);
  CHECK(c.steps == 0);
  CHECK(v.state().viewport.zoom() == before.zoom());
  CHECK(v.state().viewport.origin_x() == before.origin_x());
  CHECK(v.state().viewport.origin_y() == before.origin_y());
  CHECK(c.view == before.request());
  c = poll(v, {});
  CHECK_FALSE(c.reset);  // once
  // The frame of generation 0 that follows: the plot's history starts again there.
  v.show(frame_at(v, 0, false));
  CHECK(v.state().history.size() == 1);
  // Steps asked for before the reset in the same poll are dropped with the old generations.
  c = poll(v, {Key::space, Key::ctrl_r});
  CHECK(c.reset);
  CHECK(c.steps == 0);
  c = poll(v, {Key::ctrl_r, Key::space});
  CHECK(c.reset);
  CHECK(c.steps == 1);  // a step after it is made from the start
}

TEST_CASE("Ctrl+R refused: the reason in the status panel until the next key; none in a replay") {
  ViewSource s = source_for(64, 48);
  s.reset_refusal = "Ctrl+R: no reset while --stats, --output or --checkpoint record the run";
  ViewerController v = opened(320, 240, s);
  CHECK(status_lines(v.state()).size() == 2);
  const Controls c = poll(v, {Key::ctrl_r});
  CHECK_FALSE(c.reset);
  CHECK(c.running);  // nothing happened
  REQUIRE(status_lines(v.state()).size() == 3);
  CHECK(status_lines(v.state())[2] == s.reset_refusal);
  poll(v, {Key::h});
  CHECK(status_lines(v.state()).size() == 2);

  ViewerController r = opened(320, 240, source_for(64, 48, 10));
  CHECK_FALSE(poll(r, {Key::ctrl_r}).reset);
  CHECK(r.state().notice.empty());
}

TEST_CASE("x y > < 5 Ctrl+S ask the run to edit or save the selection; its answer is one edit") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  Grid g(16, 12);
  press_keys(v, g, {Key::enter});
  // Nothing selected: they say so and ask for nothing.
  Controls c = press_keys(v, g, {Key::x});
  CHECK(c.edit_region.w == 0);
  CHECK(contains(v.state().notice, "nothing is selected"));
  c = press_keys(v, g, {Key::ctrl_s});
  CHECK(c.save_region.w == 0);
  CHECK(contains(v.state().notice, "nothing is selected"));
  press_keys(v, g, {Key::ctrl_a});
  c = press_keys(v, g, {Key::y});
  CHECK(c.edit_region == Extent{0, 0, 16, 12});
  CHECK(c.edit_op == SelectionOp::flip_y);
  CHECK(press_keys(v, g, {}).edit_region.w == 0);  // once
  // The whole 16x12 grid turned would be 12x16: refused here.
  c = press_keys(v, g, {Key::greater});
  CHECK(c.edit_region.w == 0);
  CHECK(contains(v.state().notice, "leave the grid"));
  // The run's answer: the selection moves, the flips become the edit Ctrl+Z undoes.
  SelectionEdit e;
  e.done = true;
  e.undoable = true;
  e.flips = {{{1, 1}, CellChange::flip}, {{2, 1}, CellChange::flip}};
  e.selection = Extent{1, 1, 3, 2};
  e.generation = g.generation;
  e.message = "rotate clockwise: done to the 2x3 selection";
  v.selection_edited(e);
  CHECK(v.state().selection == Extent{1, 1, 3, 2});
  CHECK(v.state().undoable == 1);
  CHECK(v.state().notice == e.message);
  c = press_keys(v, g, {Key::less});
  CHECK(c.edit_region == Extent{1, 1, 3, 2});
  CHECK(c.edit_op == SelectionOp::rotate_ccw);
  c = press_keys(v, g, {Key::digit_5});
  CHECK(c.edit_op == SelectionOp::random_fill);
  CHECK(c.fill_seed == 1);
  CHECK(press_keys(v, g, {Key::digit_5}).fill_seed == 2);  // a new seed each time
  c = press_keys(v, g, {Key::ctrl_z});
  CHECK(c.edits == e.flips);
  CHECK(v.state().redoable == 1);
  c = press_keys(v, g, {Key::ctrl_s});
  CHECK(c.save_region == Extent{1, 1, 3, 2});
  CHECK(c.edit_region.w == 0);
  // An edit that cannot be undone (a huge random fill) forgets the edits before it.
  SelectionEdit big;
  big.done = true;
  big.selection = Extent{1, 1, 3, 2};
  big.generation = g.generation;
  v.selection_edited(big);
  CHECK(v.state().undoable == 0);
  CHECK(v.state().redoable == 0);
  // While pasting, x flips the pattern and not the selection.
  v.pasted(Clip{2, 1, {{0, 0}}}, "pasting");
  c = press_keys(v, g, {Key::x});
  CHECK(c.edit_region.w == 0);
  REQUIRE(v.state().paste.has_value());
  CHECK(v.state().paste->cells == std::vector<Cell>{{1, 0}});
}

TEST_CASE("the edit keys are rows of the key table for live runs") {
  const auto row_of = [](Key k) -> const KeyBinding* {
    for (const KeyBinding& b : key_table()) {
      for (const Key key : b.keys) {
        if (key == k) return &b;
      }
    }
    return nullptr;
  };
  const KeyBinding* reset = row_of(Key::ctrl_r);
  REQUIRE(reset != nullptr);
  CHECK(std::string(reset->label) == "Ctrl+R");
  CHECK(reset->scope == KeyScope::live);
  const KeyBinding* undo = row_of(Key::ctrl_z);
  REQUIRE(undo != nullptr);
  CHECK(std::string(undo->label) == "Ctrl+Z");
  CHECK(row_of(Key::ctrl_y) == row_of(Key::ctrl_shift_z));
  for (const Key k : {Key::f4, Key::ctrl_a, Key::ctrl_c, Key::delete_key, Key::ctrl_v, Key::r,
                      Key::x, Key::y, Key::greater, Key::less, Key::ctrl_s}) {
    REQUIRE(row_of(k) != nullptr);
    CHECK(row_of(k)->scope == KeyScope::live);
  }
}
