// What issue 14's first part added to the viewer, without SDL: the cell under the pointer in
// Golly's coordinates, the key table behind the help panel, the panels beside the grid, the
// information text, the population history, zoom in cells and grid lines of --frame-scale
// replays, scrubbing the timeline, and the draw / move modes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>
#include <vector>

#include "controller.hpp"
#include "controller_driving.hpp"
#include "history.hpp"
#include "input.hpp"
#include "keys.hpp"
#include "layout.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/view/frame.hpp"
#include "overlay.hpp"
#include "render.hpp"
#include "support/text_lines.hpp"
#include "support/view_source.hpp"
#include "viewport.hpp"

using namespace mpilife;
using mpilife::test::contains;
using mpilife::test::mouse;
using mpilife::test::opened;
using mpilife::test::poll;
using mpilife::test::sets;
using mpilife::test::source_for;
using namespace mpilife::viz;

namespace {

void point_at(ViewerController& v, int x, int y) {
  v.mouse(mouse(MouseEvent::Kind::move, x, y));
}

void show(ViewerController& v, std::int64_t generation, std::int64_t population) {
  Frame f;
  f.generation = generation;
  f.population = population;
  f.view = v.state().controls.view;
  v.show(f);
}

// A 64x48 torus as mpilife places it in Golly's plane: centred on 0,0.
ViewSource torus_64x48() {
  ViewSource s = source_for(64, 48);
  s.topology = "torus";
  s.origin_x = -32;
  s.origin_y = -24;
  return s;
}

}  // namespace

TEST_CASE("the cell under the pointer, in Golly's coordinates, at a known pixel and zoom") {
  // 64x48 in 640x480 fits at 1:8 with the grid's corner at pixel (64, 48).
  ViewerController v = opened(640, 480, torus_64x48());
  REQUIRE(v.state().viewport.zoom() == 3);
  CHECK_FALSE(cursor_cell(v.state()));  // no pointer yet
  CHECK(contains(state_line(v.state()), " cursor=none "));
  point_at(v, 100, 100);  // cell (4, 6) of the grid: Golly (4 - 32, 6 - 24)
  CHECK(cursor_cell(v.state()) == Cell{-28, -18});
  CHECK(contains(status_lines(v.state())[0], "  cell -28,-18"));
  CHECK(contains(state_line(v.state()), " cursor=-28,-18 "));
  point_at(v, 64, 48);  // the top-left cell
  CHECK(cursor_cell(v.state()) == Cell{-32, -24});
  point_at(v, 64 + 511, 48 + 383);  // the bottom-right cell
  CHECK(cursor_cell(v.state()) == Cell{31, 23});
  point_at(v, 63, 100);  // left of the grid
  CHECK_FALSE(cursor_cell(v.state()));
  CHECK_FALSE(contains(status_lines(v.state())[0], "cell"));

  // Zoomed in about the pointer the cell under it stays; the next pixel column over is the next
  // cell only at 1:32.
  point_at(v, 100, 100);
  poll(v, {Key::right_bracket, Key::right_bracket});
  REQUIRE(v.state().viewport.zoom() == 5);
  CHECK(cursor_cell(v.state()) == Cell{-28, -18});
  const std::int64_t ox = v.state().viewport.origin_x();
  point_at(v, static_cast<int>(ox + 32 * 10 + 31), 100);  // the last pixel of cell 10
  CHECK(cursor_cell(v.state())->x == 10 - 32);
  point_at(v, static_cast<int>(ox + 32 * 11), 100);  // the first of cell 11
  CHECK(cursor_cell(v.state())->x == 11 - 32);

  // Zoomed out to 4:1 a pixel is 4x4 cells; the cell named is the block's top-left one.
  ViewerController z = opened(640, 480, torus_64x48());
  poll(z, {Key::left_bracket, Key::left_bracket, Key::left_bracket, Key::left_bracket,
           Key::left_bracket});
  REQUIRE(z.state().viewport.zoom() == -2);
  const Viewport& view = z.state().viewport;
  point_at(z, static_cast<int>(view.origin_x() + 5), static_cast<int>(view.origin_y() + 3));
  CHECK(cursor_cell(z.state()) == Cell{5 * 4 - 32, 3 * 4 - 24});

  // The pointer leaving the window, or resting on a panel, names no cell.
  v.mouse(mouse(MouseEvent::Kind::leave, 0, 0));
  CHECK_FALSE(cursor_cell(v.state()));
  poll(v, {Key::h});
  point_at(v, 639, 100);
  CHECK(v.state().layout.side.contains(639, 100));
  CHECK_FALSE(cursor_cell(v.state()));
}

TEST_CASE("the cell under the pointer in a replay recorded a point per 4x4 cells") {
  ViewSource s = source_for(64, 48, 10);
  s.frame_scale = 4;
  s.origin_x = 1000;
  s.origin_y = -7;
  ViewerController v = opened(640, 480, s);
  REQUIRE(v.state().viewport.zoom() == 3);
  point_at(v, 100, 100);  // recorded point (4, 6): cells 16..19 x 24..27
  CHECK(cursor_cell(v.state()) == Cell{1000 + 16, -7 + 24});
}

TEST_CASE("the key table lists every key the viewer knows, and the help panel is made from it") {
  std::vector<Key> listed;
  for (const KeyBinding& b : key_table()) listed.insert(listed.end(), b.keys.begin(), b.keys.end());
  for (int k = static_cast<int>(Key::none) + 1; k <= static_cast<int>(Key::digit_9); ++k) {
    INFO("key number ", k);
    CHECK(std::find(listed.begin(), listed.end(), static_cast<Key>(k)) != listed.end());
  }
  CHECK(std::find(listed.begin(), listed.end(), Key::none) == listed.end());
  // Every row of the right scope is a line of the help, label first.
  for (const bool replay : {false, true}) {
    const std::vector<std::string> help = key_help(replay);
    std::size_t line = 0;
    for (const KeyBinding& b : key_table()) {
      if (b.scope == (replay ? KeyScope::live : KeyScope::replay)) continue;
      REQUIRE(line < help.size());
      CHECK(help[line].rfind(b.label, 0) == 0);
      CHECK(contains(help[line], b.action));
      ++line;
    }
    CHECK(line == help.size());
  }
  CHECK(contains(key_help(false)[0], "Enter"));
  const auto has = [](const std::vector<std::string>& lines, const std::string& part) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return contains(l, part); });
  };
  CHECK(has(key_help(false), "F2"));
  CHECK_FALSE(has(key_help(true), "F2"));
  CHECK(has(key_help(true), "timeline"));
  CHECK(has(key_help(true), "pattern information"));
  CHECK(has(key_help(false), "population plot"));
}

TEST_CASE("the README's key table is the key table, row for row") {
  std::ifstream in(std::string(MPILIFE_SOURCE_DIR) + "/README.md");
  REQUIRE(in);
  const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t at = 0;
  for (const KeyBinding& b : key_table()) {
    const char* scope = b.scope == KeyScope::live     ? "live"
                        : b.scope == KeyScope::replay ? "replay"
                                                      : "both";
    const std::string row = std::string("| `") + b.label + "` | " + b.action + " | " + scope + " |";
    INFO(row);
    const std::size_t found = readme.find(row, at);
    CHECK(found != std::string::npos);  // present, and in the table's order
    if (found != std::string::npos) at = found;
  }
}

TEST_CASE("layout: panels beside the grid, at most half the window, texts wrapped to them") {
  PanelContent none;
  ScreenLayout l = screen_layout(800, 600, none);
  CHECK(l.grid.w == 800);
  CHECK(l.side.empty());

  PanelContent help;
  help.help = {"Enter        run / stop", "q  Esc       quit"};
  l = screen_layout(800, 600, help);
  const int want = 23 * kCharWidth + 2 * kPanelPadding;
  CHECK(l.side.w == want);
  CHECK(l.grid.w == 800 - want);
  CHECK(l.help.x == l.grid.w);
  CHECK(l.help.h == 2 * kLineHeight + 2 * kPanelPadding);
  CHECK(l.help_lines == help.help);

  PanelContent all;
  all.help = help.help;
  all.info = {"a name", std::string(200, 'x'), "rule B3/S23"};
  all.plot = true;
  l = screen_layout(300, 900, all);
  CHECK(l.side.w == 150);  // half the window
  CHECK(l.grid.w == 150);
  const std::size_t columns = (150 - 2 * kPanelPadding) / kCharWidth;
  for (const std::string& line : l.info_lines) CHECK(line.size() <= columns);
  CHECK(l.info_lines.size() > 3);  // the long comment wrapped
  CHECK(l.plot.y == l.help.y + l.help.h);
  CHECK(l.info.y == l.plot.y + l.plot.h);
  CHECK(l.plot.h == kPlotHeight);

  l = screen_layout(800, 100, all);  // too low for all: cut at the bottom
  CHECK(l.info.y + l.info.h <= 100);
  CHECK(l.plot.y + l.plot.h <= 100);
}

TEST_CASE("wrap_lines breaks at spaces, indents continuations, keeps short and empty lines") {
  CHECK(wrap_lines({"short", ""}, 20) == std::vector<std::string>{"short", ""});
  CHECK(wrap_lines({"the quick brown fox jumps"}, 10) ==
        std::vector<std::string>{"the quick", "  brown", "  fox", "  jumps"});
  CHECK(wrap_lines({"abcdefghijklmnopqrstuvwxyz"}, 10) ==
        std::vector<std::string>{"abcdefghij", "  klmnopqr", "  stuvwxyz"});
}

TEST_CASE("the information panel: name, #C comments, rule, grid and topology, origin") {
  ViewSource s = torus_64x48();
  s.name = "Gosper glider gun";
  s.rule = "B3/S23:T64,48";
  s.comments = {"The first known gun, found by Bill Gosper in 1970.", "www.conwaylife.com"};
  s.ranks = 3;
  s.proc_cols = 1;
  s.proc_rows = 3;
  const std::vector<std::string> lines = info_lines(s);
  REQUIRE(lines.size() >= 6);
  CHECK(lines[0] == "Gosper glider gun");
  CHECK(lines[1] == "The first known gun, found by Bill Gosper in 1970.");
  CHECK(lines[2] == "www.conwaylife.com");
  const auto has = [&](const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  CHECK(has("rule B3/S23:T64,48"));
  CHECK(has("grid 64x48, torus"));
  CHECK(has("top-left cell at Golly -32,-24"));
  CHECK(has("3 ranks (1x3)"));

  ViewSource r = source_for(256, 192, 121);
  r.frame_scale = 4;
  r.grid_width = 1024;
  r.grid_height = 768;
  r.topology = "unbounded";
  r.recorded_pattern = "Gosper glider gun";
  const std::vector<std::string> replay = info_lines(r);
  CHECK(replay[0] == "test");  // the file's name
  CHECK(replay[1] == "a recording of Gosper glider gun");
  CHECK(std::find(replay.begin(), replay.end(),
                  "grid 1,024x768, unbounded (the starting window)") != replay.end());
  CHECK(std::find(replay.begin(), replay.end(), "recording of 121 frames, a point per 4x4 cells") !=
        replay.end());

  // i shows it beside the grid, wrapped, with the comment in it.
  ViewerController v = opened(800, 600, s);
  poll(v, {Key::i});
  CHECK(v.state().info);
  CHECK_FALSE(v.state().layout.info.empty());
  const std::vector<std::string>& shown = v.state().layout.info_lines;
  CHECK(std::find(shown.begin(), shown.end(), "rule B3/S23:T64,48") != shown.end());
  CHECK(std::any_of(shown.begin(), shown.end(),
                    [](const std::string& l) { return contains(l, "Bill Gosper"); }));
  CHECK(contains(state_line(v.state()), " info=1 "));
  poll(v, {Key::i});
  CHECK(v.state().layout.info.empty());
}

TEST_CASE("population history: a sample per generation shown, bounded by thinning") {
  PopulationHistory h;
  h.record(0, 10);
  h.record(0, 11);  // the same generation again (an edit): replaced
  CHECK(h.size() == 1);
  CHECK(h.samples()[0].population == 11);
  for (std::int64_t g = 1; g <= 30; ++g) h.record(g, 10 + g);
  CHECK(h.size() == 31);
  CHECK(h.max_population() == 40);
  h.record(20, 99);  // a replay jumped back: the later samples go
  CHECK(h.size() == 21);
  CHECK(h.samples().back().generation == 20);
  CHECK(h.samples().back().population == 99);

  PopulationHistory small(8);
  for (std::int64_t g = 0; g < 100; ++g) small.record(g, g);
  CHECK(small.size() <= 8);
  CHECK(small.size() >= 4);
  CHECK(small.samples().front().generation == 0);
  CHECK(small.samples().back().generation == 99);
  for (std::size_t i = 1; i < small.size(); ++i) {
    CHECK(small.samples()[i].generation > small.samples()[i - 1].generation);
  }
}

TEST_CASE("p toggles the plot; its history grows by the generations shown, not the frames") {
  ViewerController v = opened(640, 480, source_for(64, 48));
  CHECK_FALSE(v.state().plot);
  poll(v, {Key::p});
  CHECK(v.state().plot);
  CHECK_FALSE(v.state().layout.plot.empty());
  show(v, 0, 36);
  const std::size_t before = v.state().history.size();
  for (std::int64_t g = 1; g <= 25; ++g) show(v, g, 36 + g);
  CHECK(v.state().history.size() == before + 25);
  for (int i = 0; i < 5; ++i) show(v, 25, 61);  // panning while stopped: no new generation
  CHECK(v.state().history.size() == before + 25);
  CHECK(contains(state_line(v.state()), " plot=1 "));
  CHECK(contains(state_line(v.state()), " history=26"));
  poll(v, {Key::p});
  CHECK(v.state().layout.plot.empty());
  CHECK(v.state().history.size() == before + 25);  // hiding keeps the history

  // Drawn: a line in the accent colour inside the plot panel.
  poll(v, {Key::p});
  Canvas canvas(640, 480);
  draw_overlay(canvas, v.state(), Palette{});
  const Rect& r = v.state().layout.plot;
  int accent = 0;
  for (int y = r.y; y < r.y + r.h; ++y) {
    for (int x = r.x; x < r.x + r.w; ++x) accent += canvas.at(x, y) == Palette{}.accent ? 1 : 0;
  }
  CHECK(accent >= r.w / 2);
}

TEST_CASE("zoom in cells: a replay's frame scale times the viewport's zoom") {
  const Viewport v(64, 48, 640, 480);  // 1:8
  CHECK(cell_zoom_text(v, 1) == "1:8");
  CHECK(cell_zoom_text(v, 4) == "1:2");
  CHECK(cell_zoom_text(v, 8) == "1:1");
  CHECK(cell_zoom_text(v, 32) == "4:1");
  CHECK(cell_zoom_text(v, 3) == "1:2.67");
  const Viewport out(4096, 4096, 640, 480);  // 16:1
  CHECK(cell_zoom_text(out, 1) == "16:1");
  CHECK(cell_zoom_text(out, 4) == "64:1");
}

TEST_CASE("grid lines of a --frame-scale replay outline cells, or are not drawn") {
  const Palette palette;
  // 8x8 recorded points, each 4x4 cells, at 1:32 (32 pixels a point = 8 pixels a cell).
  Viewport v(8, 8, 256, 256);
  v.zoom_by(5, 0, 0);
  REQUIRE(v.zoom() == 5);
  v.pan(-v.origin_x(), -v.origin_y());
  REQUIRE(v.origin_x() == 0);
  Frame f;
  f.view = v.request();
  f.full = 255;
  f.counts.assign(static_cast<std::size_t>(f.view.region.w * f.view.region.h), 0);
  Canvas canvas(256, 256);
  draw_cells(canvas, f, v, palette, 4);
  for (int x = 0; x < 64; ++x) {
    INFO("pixel column ", x);
    const bool line = x % 8 == 0;  // a line left of every cell, 4 a point
    CHECK((canvas.at(x, 100) != palette.dead) == line);
  }
  // At 1:8 a cell is 2 pixels: below the threshold, no lines at all (not lines round points).
  Viewport w(8, 8, 256, 256);
  w.zoom_by(3 - w.zoom(), 0, 0);
  REQUIRE(w.zoom() == 3);
  w.pan(-w.origin_x(), -w.origin_y());
  REQUIRE(w.origin_y() == 0);
  f.view = w.request();
  f.counts.assign(static_cast<std::size_t>(f.view.region.w * f.view.region.h), 0);
  draw_cells(canvas, f, w, palette, 4);
  for (int x = 0; x < 64; ++x) CHECK(canvas.at(x, 20) == palette.dead);
}

TEST_CASE("dragging along a replay's timeline scrubs: it sets the frame and does not pan") {
  ViewerController v = opened(400, 300, source_for(20, 20, 50));
  const std::int64_t ox = v.state().viewport.origin_x();
  const std::int64_t oy = v.state().viewport.origin_y();
  v.begin_poll();
  v.mouse(mouse(MouseEvent::Kind::press, 10, 295));
  CHECK(v.state().controls.seek == 1);  // 10 * 50 / 400
  CHECK_FALSE(v.state().controls.running);
  v.mouse(mouse(MouseEvent::Kind::move, 200, 296));
  CHECK(v.state().controls.seek == 25);
  v.mouse(mouse(MouseEvent::Kind::move, 300, 250));  // off the bar, still held: still scrubbing
  CHECK(v.state().controls.seek == 37);
  v.mouse(mouse(MouseEvent::Kind::release, 399, 250));
  CHECK(v.end_poll().seek == 49);
  CHECK(v.state().viewport.origin_x() == ox);
  CHECK(v.state().viewport.origin_y() == oy);
  // A drag that starts on the picture still pans and does not seek.
  v.begin_poll();
  v.mouse(mouse(MouseEvent::Kind::press, 100, 100));
  v.mouse(mouse(MouseEvent::Kind::move, 130, 90));
  v.mouse(mouse(MouseEvent::Kind::release, 130, 90));
  CHECK(v.end_poll().seek == -1);
  CHECK(v.state().viewport.origin_x() == ox + 30);
}

TEST_CASE("F5 move mode: clicks do not edit; F2 draw mode: they do; the status line says which") {
  ViewerController v = opened(320, 320, source_for(16, 12));
  poll(v, {Key::enter});  // stop
  const Viewport& view = v.state().viewport;
  const int x = static_cast<int>(view.origin_x() + 16 * 5 + 8);
  const int y = static_cast<int>(view.origin_y() + 16 * 7 + 8);
  CHECK(contains(status_lines(v.state())[0], "  stopped  draw"));
  poll(v, {Key::f5});
  CHECK(v.state().mode == EditMode::move);
  CHECK(contains(status_lines(v.state())[0], "  stopped  move"));
  CHECK(contains(state_line(v.state()), " mode=move "));
  v.begin_poll();
  v.mouse(mouse(MouseEvent::Kind::press, x, y));
  v.mouse(mouse(MouseEvent::Kind::release, x, y));
  CHECK(v.end_poll().edits.empty());
  poll(v, {Key::f2});
  v.begin_poll();
  v.mouse(mouse(MouseEvent::Kind::press, x, y));
  v.mouse(mouse(MouseEvent::Kind::release, x, y));
  CHECK(v.end_poll().edits == sets({{5, 7}}));
  // A replay has no modes.
  ViewerController r = opened(320, 320, source_for(16, 12, 5));
  poll(r, {Key::f5});
  CHECK(r.state().mode == EditMode::draw);
  CHECK_FALSE(contains(status_lines(r.state())[0], "draw"));
}
