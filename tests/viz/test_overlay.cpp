// The viewer's overlay without SDL: number formats, status lines, the state line, the title, the
// help text, and where the overlay is drawn on a canvas.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "controller.hpp"
#include "input.hpp"
#include "mpilife/view/frame.hpp"
#include "overlay.hpp"
#include "render.hpp"
#include "support/text_lines.hpp"

using namespace mpilife;
using namespace mpilife::viz;
using mpilife::test::contains;

namespace {

ViewSource live_source() {
  ViewSource s;
  s.width = 1200;
  s.height = 800;
  s.name = "gun";
  s.rule = "B3/S23";
  s.ranks = 6;
  s.proc_cols = 3;
  s.proc_rows = 2;
  return s;
}

ViewSource replay_source() {
  ViewSource s;
  s.width = 64;
  s.height = 48;
  s.name = "rec.h5";
  s.rule = "B3/S23:P64,48";
  s.frames = 1500;
  s.frame_scale = 4;
  return s;
}

Frame frame_of(std::int64_t generation, std::int64_t population, std::int64_t index = 0) {
  Frame f;
  f.generation = generation;
  f.population = population;
  f.index = index;
  f.generations_per_second = 1234.4;
  f.frames_per_second = 59.94;
  f.running = true;
  return f;
}

ViewerController showing(int width, int height, const ViewSource& source, const Frame& frame) {
  ViewerController v;
  v.resize(width, height);
  v.open(source);
  v.show(frame);
  return v;
}

}  // namespace

TEST_CASE("numbers: thousands separators, rates, speed levels") {
  CHECK(grouped(0) == "0");
  CHECK(grouped(999) == "999");
  CHECK(grouped(1000) == "1,000");
  CHECK(grouped(1234567) == "1,234,567");
  CHECK(grouped(-1234567) == "-1,234,567");
  CHECK(rate_text(0) == "0.0");
  CHECK(rate_text(12.345) == "12.3");
  CHECK(rate_text(99.94) == "99.9");
  CHECK(rate_text(250.4) == "250");
  CHECK(speed_text(3) == "step 2^3");
  CHECK(speed_text(0) == "step 1");
  CHECK(speed_text(-1) == "step 1, 30.0/s max");
  CHECK(speed_text(-2) == "step 1, 15.0/s max");
}

TEST_CASE("status lines of a live run: generation, population, rate, grid, ranks, zoom, speed") {
  ViewerController v = showing(1024, 768, live_source(), frame_of(123456, 7890));
  std::vector<std::string> lines = status_lines(v.state());
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "gen 123,456  pop 7,890  running 1234 gen/s  59.9 fps  draw");
  CHECK(lines[1] == "1,200x800 B3/S23  6 ranks (3x2)  zoom 2:1  step 1  h: help");
  v.key(KeyPress{Key::enter, false});
  v.key(KeyPress{Key::plus, false});
  v.key(KeyPress{Key::plus, false});
  lines = status_lines(v.state());
  CHECK(lines[0] == "gen 123,456  pop 7,890  stopped  draw");  // no stale fps once stopped
  CHECK(contains(lines[1], "step 2^2"));
  ViewSource one = live_source();
  one.ranks = 1;
  one.proc_cols = one.proc_rows = 1;
  CHECK(contains(status_lines(showing(1024, 768, one, frame_of(0, 0)).state())[1],
                 "  1 rank (1x1)  "));
}

TEST_CASE("status lines of a replay: frame of frames, playing or paused, the typed frame") {
  ViewerController v = showing(640, 480, replay_source(), frame_of(2000, 36, 19));
  std::vector<std::string> lines = status_lines(v.state());
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "frame 20/1,500  gen 2,000  pop 36  playing  59.9 fps");
  // A 64x48 recording of a 256x192 grid, a point per 4x4 cells, at 8 pixels a point: 1:2.
  CHECK(lines[1] ==
        "256x192 B3/S23:P64,48  recorded a point per 4x4 cells  zoom 1:2  step 1, "
        "15.0/s max  h: help");
  v.key(KeyPress{Key::digit_4, false});
  v.key(KeyPress{Key::digit_2, false});
  lines = status_lines(v.state());
  CHECK(lines[0] == "frame 20/1,500  gen 2,000  pop 36  playing  59.9 fps  go to frame: 42_");
  v.key(KeyPress{Key::g, false});
  CHECK(v.state().controls.seek == 41);
  CHECK(status_lines(v.state())[0] == "frame 20/1,500  gen 2,000  pop 36  paused");
}

TEST_CASE("the state line the script prints, and the window title") {
  ViewerController v = showing(640, 480, replay_source(), frame_of(2000, 36, 19));
  v.end_poll();
  CHECK(state_line(v.state()) ==
        "view: generation=2000 population=36 running=1 speed=-2 zoom=1:2 region=0,0,64,48 "
        "scale=1 frame=20 help=0 info=0 plot=0 mode=draw cursor=none history=1 undo=0 redo=0 "
        "selection=none");
  v.key(KeyPress{Key::h, false});
  v.key(KeyPress{Key::enter, false});
  CHECK(contains(state_line(v.state()), " running=0 "));
  CHECK(contains(state_line(v.state()), " help=1"));
  CHECK(window_title(v.state()) == "mpilife: rec.h5 - frame 20/1,500, gen 2,000, pop 36, paused");
  const ViewerController live = showing(1024, 768, live_source(), frame_of(10, 5000));
  CHECK(window_title(live.state()) == "mpilife: gun - gen 10, pop 5,000, 1234 gen/s, 6 ranks");
}

TEST_CASE("key help: the replay keys or the live keys, then the common ones") {
  const std::vector<std::string> live = key_help(false);
  const std::vector<std::string> replay = key_help(true);
  const auto has = [](const std::vector<std::string>& lines, const std::string& start) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.rfind(start, 0) == 0; });
  };
  CHECK(has(live, "Enter        run / stop"));
  CHECK(has(live, "click drag   pencil"));
  CHECK_FALSE(has(live, "Home  End"));
  CHECK(has(replay, "Enter        play / pause"));
  CHECK(has(replay, "digits g     jump to that frame"));
  CHECK_FALSE(has(replay, "click        toggle a cell"));
  for (const char* common : {"+  -", "]  [  wheel", "arrows drag", "f  ", "s  ", "h  ", "q  Esc"}) {
    INFO(common);
    CHECK(has(live, common));
    CHECK(has(replay, common));
  }
  CHECK(live.back() == replay.back());
}

TEST_CASE("the overlay: a panel at the top left, the timeline of a replay, the help panel") {
  const Palette palette;
  const std::uint32_t background = 0xFF123456;
  ViewerController v = showing(400, 300, replay_source(), frame_of(0, 0, 749));
  Canvas canvas(400, 300);
  canvas.fill(0, 0, 400, 300, background);
  draw_overlay(canvas, v.state(), palette);
  CHECK(canvas.at(5, 5) != background);          // status panel
  CHECK(canvas.at(390, 150) == background);      // right of it, nothing
  CHECK(canvas.at(100, 296) == palette.accent);  // frame 750 of 1500: half the timeline
  CHECK(canvas.at(300, 296) != palette.accent);  // the rest in the panel colour
  CHECK(canvas.at(300, 296) != background);
  CHECK(canvas.at(200, 150) == background);  // no help
  v.key(KeyPress{Key::h, false});
  canvas.fill(0, 0, 400, 300, background);
  draw_overlay(canvas, v.state(), palette);
  const Rect& help = v.state().layout.help;
  CHECK(help.x + help.w == 400);  // beside the grid, on the right
  CHECK(help.x == v.state().viewport.window_width());
  CHECK(canvas.at(help.x + help.w - 2, help.y + 2) == palette.side);
  CHECK(canvas.at(help.x / 2, 150) == background);  // the grid's part is left alone
}
