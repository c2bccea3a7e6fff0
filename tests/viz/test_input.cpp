// The viewer's keys and mouse without SDL: KeyPress and MouseEvent sequences fed to a
// ViewerController give the Controls, Viewport and overlay state the README's "Viewer" promises.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "controller.hpp"
#include "controller_driving.hpp"
#include "input.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/view/frame.hpp"
#include "support/view_source.hpp"
#include "viewport.hpp"

using namespace mpilife;
using mpilife::test::mouse;
using mpilife::test::opened;
using mpilife::test::poll;
using mpilife::test::sets;
using mpilife::test::source_for;
using namespace mpilife::viz;

namespace {

void click(ViewerController& v, int x, int y) {
  v.mouse(mouse(MouseEvent::Kind::press, x, y));
  v.mouse(mouse(MouseEvent::Kind::release, x, y));
}

}  // namespace

TEST_CASE("digit keys: digit_key and digit_of are inverse, other keys have no digit") {
  for (int d = 0; d < 10; ++d) CHECK(digit_of(digit_key(d)) == d);
  CHECK_FALSE(digit_of(Key::none));
  CHECK_FALSE(digit_of(Key::escape));
  CHECK_FALSE(digit_of(Key::enter));
}

TEST_CASE("a live run starts running; Enter toggles, Space and Tab step or stop, + and - speed") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  Controls c = v.state().controls;
  CHECK(c.running);
  CHECK(c.speed == 0);
  CHECK(c.view == ViewRequest{{0, 0, 16, 12}, 1});
  c = poll(v, {Key::enter});
  CHECK_FALSE(c.running);
  v.key(KeyPress{Key::enter, true});  // auto-repeat does not toggle again
  CHECK_FALSE(v.state().controls.running);
  c = poll(v, {Key::space});
  CHECK(c.steps == 1);
  c = poll(v, {});
  CHECK(c.steps == 0);  // one-shot
  c = poll(v, {Key::plus, Key::plus, Key::plus, Key::tab});
  CHECK(c.speed == 3);
  CHECK(c.steps == 8);
  c = poll(v, {Key::minus});
  CHECK(c.speed == 2);
  c = poll(v, {Key::period, Key::period});  // . steps like Space
  CHECK(c.steps == 2);
  c = poll(v, {Key::enter});
  CHECK(c.running);
  c = poll(v, {Key::space});  // Space while running stops, as in Golly
  CHECK_FALSE(c.running);
  CHECK(c.steps == 0);
  c = poll(v, {Key::enter, Key::tab});  // so does Tab
  CHECK_FALSE(c.running);
  CHECK(c.steps == 0);
}

TEST_CASE("speed stops at kMinSpeed and kMaxSpeed") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  for (int i = 0; i < 40; ++i) poll(v, {Key::plus});
  CHECK(v.state().controls.speed == kMaxSpeed);
  for (int i = 0; i < 40; ++i) poll(v, {Key::minus});
  CHECK(v.state().controls.speed == kMinSpeed);
}

TEST_CASE("] and [ zoom about the centre or the pointer, f fits, arrows pan an eighth") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  const Viewport& view = v.state().viewport;
  const int z = view.zoom();
  CHECK(z == 4);
  Controls c = poll(v, {Key::right_bracket});
  CHECK(view.zoom() == z + 1);
  CHECK(c.view.region.w < 16);
  const auto centre = view.cell_at(160, 160);
  c = poll(v, {Key::left_bracket, Key::left_bracket});
  CHECK(view.zoom() == z - 1);
  CHECK(view.cell_at(160, 160) == centre);  // about the centre: the pointer was never seen
  poll(v, {Key::f});
  CHECK(view.zoom() == z);
  const std::int64_t ox = view.origin_x();
  const std::int64_t oy = view.origin_y();
  poll(v, {Key::left});
  CHECK(view.origin_x() == ox + 320 / 8);
  poll(v, {Key::right, Key::right});
  CHECK(view.origin_x() == ox - 320 / 8);
  poll(v, {Key::up});
  CHECK(view.origin_y() == oy + 320 / 8);
  poll(v, {Key::down});
  CHECK(view.origin_y() == oy);

  poll(v, {Key::f});
  v.mouse(mouse(MouseEvent::Kind::move, 40, 70));
  const auto under = view.cell_at(40, 70);
  REQUIRE(under);
  poll(v, {Key::right_bracket});
  CHECK(view.zoom() == z + 1);
  CHECK(view.cell_at(40, 70) == under);  // about the pointer
  v.mouse(mouse(MouseEvent::Kind::leave, 0, 0));
  const auto middle = view.cell_at(160, 160);
  poll(v, {Key::left_bracket});
  CHECK(view.cell_at(160, 160) == middle);  // the pointer left: about the centre again
}

TEST_CASE("h shows help, s asks for one screenshot, q and Esc quit, unused keys do nothing") {
  ViewerController v = opened(200, 200, source_for(10, 10));
  CHECK_FALSE(v.state().help);
  poll(v, {Key::h});
  CHECK(v.state().help);
  poll(v, {Key::h});
  CHECK_FALSE(v.state().help);
  CHECK_FALSE(v.take_screenshot_request());
  poll(v, {Key::s});
  CHECK(v.take_screenshot_request());
  CHECK_FALSE(v.take_screenshot_request());  // once
  v.key(KeyPress{Key::s, true});
  CHECK_FALSE(v.take_screenshot_request());  // not on auto-repeat
  const ViewerState before = v.state();
  Controls c = poll(v, {Key::none, Key::g, Key::home, Key::end, Key::backspace, Key::digit_5});
  CHECK(c.running == before.controls.running);  // replay keys mean nothing in a live run
  CHECK(c.seek == -1);
  CHECK(c.steps == 0);
  CHECK(v.state().digits.empty());
  CHECK_FALSE(c.quit);
  CHECK(poll(v, {Key::q}).quit);
  ViewerController w = opened(200, 200, source_for(10, 10));
  CHECK(poll(w, {Key::escape}).quit);
  ViewerController x = opened(200, 200, source_for(10, 10));
  x.quit();
  CHECK(x.end_poll().quit);
}

TEST_CASE("replay keys: play/pause, back and forward, digits then g or Enter, Home and End") {
  ViewerController v = opened(400, 300, source_for(20, 20, 50));
  Controls c = v.state().controls;
  CHECK(c.running);
  CHECK(c.speed == ViewerController::kReplaySpeed);
  c = poll(v, {Key::enter, Key::backspace});
  CHECK_FALSE(c.running);
  CHECK(c.steps == -1);
  c = poll(v, {Key::comma, Key::comma, Key::period});
  CHECK(c.steps == -1);
  c = poll(v, {Key::digit_1, Key::digit_2});
  CHECK(v.state().digits == "12");
  CHECK(c.seek == -1);
  c = poll(v, {Key::g});
  CHECK(c.seek == 11);  // frame 12 as the overlay numbers frames (from 1) is index 11
  CHECK(v.state().digits.empty());
  c = poll(v, {Key::enter});
  CHECK(c.running);  // no digits typed: Enter plays
  c = poll(v, {Key::digit_9, Key::digit_9, Key::enter});
  CHECK(c.seek == 49);  // clamped to the last frame
  CHECK_FALSE(c.running);
  c = poll(v, {Key::home});
  CHECK(c.seek == 0);
  c = poll(v, {Key::end});
  CHECK(c.seek == 49);
  c = poll(v, {Key::g});
  CHECK(c.seek == -1);  // g without digits does nothing
  for (int i = 0; i < 30; ++i) v.key(KeyPress{Key::digit_7, false});
  CHECK(v.state().digits == std::string(18, '7'));
}

TEST_CASE(
    "mouse: a click draws a cell, running or stopped; drag pans in move mode; the wheel zooms") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  const Viewport& view = v.state().viewport;
  const int x = static_cast<int>(view.origin_x() + 16 * 5 + 8);
  const int y = static_cast<int>(view.origin_y() + 16 * 7 + 8);
  v.begin_poll();
  click(v, x, y);  // running: drawn at the next generation boundary
  CHECK(v.end_poll().edits == sets({{5, 7}}));
  v.begin_poll();
  v.key(KeyPress{Key::enter, false});
  click(v, x + 16, y);
  click(v, x + 32, y);
  v.mouse(mouse(MouseEvent::Kind::press, x, y, MouseButton::right));
  v.mouse(mouse(MouseEvent::Kind::release, x, y, MouseButton::right));  // not a left click
  CHECK(v.end_poll().edits == sets({{6, 7}, {7, 7}}));
  v.begin_poll();
  CHECK(v.end_poll().edits.empty());

  const std::int64_t ox = view.origin_x();
  const std::int64_t oy = view.origin_y();
  poll(v, {Key::f5});  // move mode: the left button pans
  v.begin_poll();
  v.mouse(mouse(MouseEvent::Kind::press, 100, 100));
  v.mouse(mouse(MouseEvent::Kind::move, 102, 101));  // within the threshold: still a click
  CHECK(view.origin_x() == ox);
  v.mouse(mouse(MouseEvent::Kind::move, 130, 90));
  v.mouse(mouse(MouseEvent::Kind::release, 130, 90));
  CHECK(v.end_poll().edits.empty());
  CHECK(view.origin_x() == ox + 30);
  CHECK(view.origin_y() == oy - 10);
  v.mouse(mouse(MouseEvent::Kind::move, 200, 200));  // no button held: no pan
  CHECK(view.origin_x() == ox + 30);

  const auto before = view.cell_at(x, y);
  REQUIRE(before);
  MouseEvent wheel = mouse(MouseEvent::Kind::wheel, x, y);
  wheel.notches = 1;
  v.mouse(wheel);
  CHECK(view.zoom() == 5);
  CHECK(view.cell_at(x, y) == before);
  wheel.notches = -2;
  v.mouse(wheel);
  CHECK(view.zoom() == 3);
}

TEST_CASE("no cell toggles zoomed out or in a replay; a timeline click seeks") {
  ViewerController v = opened(200, 300, source_for(64, 64));
  poll(v, {Key::enter, Key::left_bracket, Key::left_bracket});
  CHECK(v.state().viewport.zoom() < 0);
  v.begin_poll();
  click(v, 100, 150);
  CHECK(v.end_poll().edits.empty());

  ViewerController r = opened(400, 300, source_for(20, 20, 50));
  r.begin_poll();
  click(r, 200, 295);  // the middle of the timeline
  Controls c = r.end_poll();
  CHECK(c.seek == 25);
  CHECK_FALSE(c.running);
  CHECK(c.edits.empty());
  r.begin_poll();
  click(r, 200, 150);  // the grid of a replay: nothing
  c = r.end_poll();
  CHECK(c.seek == -1);
  CHECK(c.edits.empty());
}

TEST_CASE("the picture is drawn again when it changed and the frame covers the view") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  CHECK_FALSE(v.should_draw());  // no frame yet
  Frame f;
  f.view = v.state().controls.view;
  f.running = true;
  v.show(f);
  CHECK(v.state().controls.running);
  CHECK(v.should_draw());
  v.drawn();
  CHECK_FALSE(v.should_draw());
  poll(v, {Key::plus});
  CHECK(v.should_draw());
  v.drawn();
  poll(v, {Key::right_bracket});
  CHECK_FALSE(v.should_draw());  // the frame is of the old view: wait for the new one
  v.invalidate();
  poll(v, {Key::f});
  CHECK(v.should_draw());
  f.running = false;
  v.show(f);  // the source stopped (-g N reached): so does the run
  CHECK_FALSE(v.state().controls.running);
  v.resize(640, 480);
  CHECK(v.state().viewport.window_width() == 640);
  CHECK(v.state().dirty);
}

TEST_CASE("h, i and p show panels beside the grid: the grid's part narrows, its centre stays") {
  // Tall enough for the three panels stacked (the help lists every key).
  ViewerController v = opened(640, 900, source_for(64, 48));
  Frame f;
  f.view = v.state().controls.view;
  v.show(f);
  v.drawn();
  const Viewport before = v.state().viewport;
  const auto centre = before.cell_at(320, 450);
  REQUIRE(centre);
  poll(v, {Key::h});
  const ViewerState& s = v.state();
  CHECK_FALSE(v.should_draw());  // the grid's part narrowed: a new view is needed first
  CHECK(s.layout.side.w > 0);
  CHECK(s.viewport.window_width() == 640 - s.layout.side.w);
  CHECK(s.viewport.window_height() == 900);
  CHECK(s.layout.help.x == s.viewport.window_width());
  CHECK(s.viewport.zoom() == before.zoom());
  // The cell that was at the window's centre is at the centre of the grid's part now.
  CHECK(s.viewport.cell_at(s.viewport.window_width() / 2, 450) == centre);
  CHECK(s.controls.view.region.w < before.request().region.w);
  poll(v, {Key::p, Key::i});
  CHECK_FALSE(s.layout.plot.empty());
  CHECK_FALSE(s.layout.info.empty());
  CHECK(s.layout.plot.y >= s.layout.help.y + s.layout.help.h);  // stacked, not overlapping
  CHECK(s.layout.info.y >= s.layout.plot.y + s.layout.plot.h);
  poll(v, {Key::h, Key::p, Key::i});
  CHECK(s.layout.side.empty());
  CHECK(s.viewport.window_width() == 640);
  v.resize(640, 900);
  CHECK(v.state().viewport.window_width() == 640);
  CHECK(v.state().dirty);
}
