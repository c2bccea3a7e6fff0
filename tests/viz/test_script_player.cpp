// The --view-script player without SDL: one command per poll into a ViewerController, waits by
// polls, generations and time, and what it asks of the window (screenshots, print).
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "controller.hpp"
#include "input.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/view/frame.hpp"
#include "script_player.hpp"
#include "support/view_source.hpp"

using namespace mpilife;
using mpilife::test::source_for;
using namespace mpilife::viz;

namespace {

// A few SDL key names, as the SDL shell resolves them; "a" is a key the viewer ignores.
std::optional<Key> test_keys(const std::string& name) {
  if (name == "Return") return Key::enter;
  if (name == "]") return Key::right_bracket;
  if (name == "h") return Key::h;
  if (name == "s") return Key::s;
  if (name == "a") return Key::none;
  return std::nullopt;
}

// One poll of the display: clear the one-shots, run the script, report the controls.
struct Poll {
  ScriptStep step;
  Controls controls;
};

Poll poll(ScriptPlayer& script, ViewerController& v, double now = 0.0) {
  v.begin_poll();
  Poll p;
  p.step = script.step(now, v);
  p.controls = v.end_poll();
  return p;
}

void show_generation(ViewerController& v, std::int64_t generation) {
  Frame f;
  f.generation = generation;
  f.view = v.state().controls.view;
  v.show(f);
}

}  // namespace

TEST_CASE("a script drives the controller one command per poll") {
  ViewerController v;
  v.resize(320, 320);
  v.open(source_for(16, 12));
  ScriptPlayer script("stop; step 3; key ]; wait 2; click 168,168; key a; quit", test_keys);
  Poll p = poll(script, v);  // stop
  CHECK(p.step.pending);
  CHECK(p.step.fed_input);
  CHECK_FALSE(p.controls.running);
  p = poll(script, v);  // step 3
  CHECK(p.controls.steps == 3);
  const int z = v.state().viewport.zoom();
  p = poll(script, v);  // waits for generation 3
  CHECK(p.step.pending);
  CHECK_FALSE(p.step.fed_input);
  CHECK(v.state().viewport.zoom() == z);
  show_generation(v, 3);
  p = poll(script, v);  // ]
  CHECK(v.state().viewport.zoom() == z + 1);
  p = poll(script, v);  // wait 2
  CHECK_FALSE(p.step.fed_input);
  p = poll(script, v);
  p = poll(script, v);
  CHECK(p.controls.edits.empty());
  p = poll(script, v);  // click
  CHECK(p.controls.edits.size() == 1);
  p = poll(script, v);  // a: a key, but not one of the viewer's
  CHECK(p.step.fed_input);
  CHECK_FALSE(p.controls.quit);
  p = poll(script, v);
  CHECK(p.controls.quit);
  CHECK(p.step.pending);
  p = poll(script, v);
  CHECK_FALSE(p.step.pending);  // done
}

TEST_CASE("run and stop press Enter only when needed; step while running stops first") {
  ViewerController v;
  v.resize(320, 320);
  v.open(source_for(16, 12));
  ScriptPlayer script("run; stop; stop; run; step 2; print", test_keys);
  Poll p = poll(script, v);  // run: already running
  CHECK_FALSE(p.step.fed_input);
  CHECK(p.controls.running);
  p = poll(script, v);
  CHECK_FALSE(p.controls.running);
  p = poll(script, v);  // stop: already stopped
  CHECK_FALSE(p.step.fed_input);
  CHECK_FALSE(p.controls.running);
  p = poll(script, v);
  CHECK(p.controls.running);
  p = poll(script, v);  // Space stops the run, Space steps once
  CHECK_FALSE(p.controls.running);
  CHECK(p.controls.steps == 1);
  show_generation(v, 0);
  p = poll(script, v);  // waits for generation 1 (the run stopped, one step asked for)
  CHECK_FALSE(p.step.print);
  show_generation(v, 1);
  p = poll(script, v);
  CHECK(p.step.print);
}

TEST_CASE("sleep waits by the clock, until by generation; screenshot names the file") {
  ViewerController v;
  v.resize(320, 320);
  v.open(source_for(16, 12));
  ScriptPlayer script("sleep 0.5; screenshot a.png; until 10; key s", test_keys);
  Poll p = poll(script, v, 100.0);  // sleep
  p = poll(script, v, 100.4);
  CHECK(p.step.screenshot.empty());
  p = poll(script, v, 100.5);
  CHECK(p.step.screenshot == "a.png");
  CHECK_FALSE(p.step.fed_input);
  p = poll(script, v, 101.0);  // until 10
  p = poll(script, v, 101.0);  // no frame yet
  CHECK_FALSE(v.take_screenshot_request());
  show_generation(v, 9);
  p = poll(script, v, 101.0);
  CHECK_FALSE(v.take_screenshot_request());
  show_generation(v, 12);
  p = poll(script, v, 101.0);  // key s: the window saves its default screenshot
  CHECK(v.take_screenshot_request());
}

TEST_CASE("seek types the digits and g; wheel and drag use the mouse") {
  ViewerController v;
  v.resize(400, 300);
  v.open(source_for(20, 20, 50));
  ScriptPlayer script("seek 12; seek 99; wheel 200,150,2; drag 100,100,130,90", test_keys);
  CHECK(poll(script, v).controls.seek == 11);  // frame 12, counting from 1
  CHECK(poll(script, v).controls.seek == 49);
  const int z = v.state().viewport.zoom();
  poll(script, v);
  CHECK(v.state().viewport.zoom() == z + 2);
  const std::int64_t ox = v.state().viewport.origin_x();
  const std::int64_t oy = v.state().viewport.origin_y();
  poll(script, v);
  CHECK(v.state().viewport.origin_x() == ox + 30);
  CHECK(v.state().viewport.origin_y() == oy - 10);
}

TEST_CASE("an unknown key name or a bad command is a usage error") {
  CHECK_NOTHROW(ScriptPlayer("key Return; key a", test_keys));
  for (const char* bad : {"key NoSuchKey", "jump 3", "wait"}) {
    INFO(bad);
    try {
      ScriptPlayer player(bad, test_keys);
      CHECK(false);
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::usage);
    }
  }
  try {
    ScriptPlayer player("key Nope", test_keys);
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "--view-script: unknown key 'Nope' (use SDL key names: Return, Space, Tab, ], f, Up)");
  }
}
