// Editing in the viewer without SDL: reset (Ctrl+R) as KeyPress sequences fed to a
// ViewerController, checked on the Controls it reports and the state it keeps.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "controller.hpp"
#include "input.hpp"
#include "keys.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/view/frame.hpp"
#include "overlay.hpp"
#include "support/view_source.hpp"
#include "viewport.hpp"

using namespace mpilife;
using mpilife::test::source_for;
using namespace mpilife::viz;

namespace {

// A controller for a `width` x `height` window showing `source`, after its first poll.
ViewerController opened(int width, int height, const ViewSource& source) {
  ViewerController v;
  v.resize(width, height);
  v.open(source);
  v.begin_poll();
  v.end_poll();
  return v;
}

// Presses `keys` in one poll and returns the controls it reports.
Controls poll(ViewerController& v, std::initializer_list<Key> keys) {
  v.begin_poll();
  for (const Key k : keys) v.key(KeyPress{k, false});
  return v.end_poll();
}

// A frame of `generation` for the view the controller asks for.
Frame frame_at(const ViewerController& v, std::int64_t generation, bool running) {
  Frame f;
  f.generation = generation;
  f.view = v.state().controls.view;
  f.running = running;
  return f;
}

}  // namespace

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
}
