// The SDL2 viewer under SDL_VIDEODRIVER=dummy (software renderer, no screen): pictures read back
// with SDL_RenderReadPixels, and synthetic key and mouse events pushed with SDL_PushEvent.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <SDL.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "controller_driving.hpp"
#include "editing.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/view/block_counts.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"
#include "mpilife/view/replay.hpp"
#include "overlay.hpp"
#include "render.hpp"
#include "script.hpp"
#include "sdl_display.hpp"
#include "support/view_source.hpp"
#include "viewer_state.hpp"
#include "viewport.hpp"

using namespace mpilife;
using mpilife::test::sets;
using mpilife::test::source_for;
using namespace mpilife::viz;

namespace {

const Palette kColours{};

// Makes sure SDL picks the dummy driver even when the test runs outside ctest.
struct DummyVideo {
  DummyVideo() { setenv("SDL_VIDEODRIVER", "dummy", 0); }
} const dummy_video;

CellArray grid_with(std::int64_t w, std::int64_t h, const std::vector<Cell>& cells) {
  CellArray a = CellArray::Zero(h, w);
  for (const Cell& c : cells) a(c.y, c.x) = 1;
  return a;
}

// The glider of patterns/glider.rle at (x, y).
std::vector<Cell> glider_at(std::int64_t x, std::int64_t y) {
  return {{x + 1, y}, {x + 2, y + 1}, {x, y + 2}, {x + 1, y + 2}, {x + 2, y + 2}};
}

// The pulsar of patterns/pulsar.rle (13 x 13) at (x, y).
std::vector<Cell> pulsar_at(std::int64_t x, std::int64_t y) {
  std::vector<Cell> out;
  for (std::int64_t a : {2, 3, 4, 8, 9, 10}) {
    for (std::int64_t b : {0, 5, 7, 12}) {
      out.push_back({x + a, y + b});
      out.push_back({x + b, y + a});
    }
  }
  return out;
}

// The frame the display asks for, computed from a whole grid.
Frame frame_for(const CellArray& grid, const ViewRequest& view, std::int64_t generation = 0) {
  Frame f;
  f.generation = generation;
  f.population = grid.cast<std::int64_t>().sum();
  f.view = view;
  f.counts = block_counts(grid, view.region, view.scale);
  f.running = false;
  return f;
}

std::uint32_t pixel(const std::vector<std::uint32_t>& pixels, const SdlDisplay& d, std::int64_t x,
                    std::int64_t y) {
  return pixels[static_cast<std::size_t>(y * d.width() + x)];
}

void push_key(SDL_Keycode key) {
  SDL_Event e{};
  e.type = SDL_KEYDOWN;
  e.key.state = SDL_PRESSED;
  e.key.keysym.sym = key;
  SDL_PushEvent(&e);
  e.type = SDL_KEYUP;
  e.key.state = SDL_RELEASED;
  SDL_PushEvent(&e);
}

void push_button(Uint32 type, int x, int y, Uint8 button = SDL_BUTTON_LEFT) {
  SDL_Event e{};
  e.type = type;
  e.button.button = button;
  e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
  e.button.x = x;
  e.button.y = y;
  SDL_PushEvent(&e);
}

void push_click(int x, int y) {
  push_button(SDL_MOUSEBUTTONDOWN, x, y);
  push_button(SDL_MOUSEBUTTONUP, x, y);
}

void push_drag_motion(int x, int y) {
  SDL_Event m{};
  m.type = SDL_MOUSEMOTION;
  m.motion.x = x;
  m.motion.y = y;
  m.motion.state = SDL_BUTTON_LMASK;
  SDL_PushEvent(&m);
}

void push_key_with(SDL_Keycode key, Uint16 mod) {
  SDL_Event e{};
  e.type = SDL_KEYDOWN;
  e.key.state = SDL_PRESSED;
  e.key.keysym.sym = key;
  e.key.keysym.mod = mod;
  SDL_PushEvent(&e);
}

DisplayOptions window(int w, int h, const std::string& script = "") {
  DisplayOptions o;
  o.window_width = w;
  o.window_height = h;
  o.script = script;
  return o;
}

}  // namespace

TEST_CASE("a glider at zoom 1:16 is drawn as squares with grid lines") {
  SdlDisplay d(window(320, 320));
  d.open(source_for(16, 12));
  const Controls c = d.poll(0);
  CHECK(d.viewport().zoom() == 4);
  CHECK(c.view == ViewRequest{{0, 0, 16, 12}, 1});
  const CellArray grid = grid_with(16, 12, glider_at(5, 4));
  d.show(frame_for(grid, c.view));
  const std::vector<std::uint32_t> px = d.read_pixels();
  const std::int64_t ox = d.viewport().origin_x();
  const std::int64_t oy = d.viewport().origin_y();
  CHECK(ox == 32);
  CHECK(oy == 64);
  for (std::int64_t y = 0; y < 12; ++y) {
    for (std::int64_t x = 0; x < 16; ++x) {
      INFO("cell ", x, ",", y);
      CHECK(pixel(px, d, ox + 16 * x + 8, oy + 16 * y + 8) ==
            (grid(y, x) ? kColours.alive : kColours.dead));
    }
  }
  CHECK(pixel(px, d, ox + 16 * 3, oy + 16 * 5 + 8) == kColours.grid);         // line left of x=3
  CHECK(pixel(px, d, ox + 16 * 10, oy + 16 * 5 + 8) == kColours.grid_major);  // every tenth
  CHECK(pixel(px, d, 5, 310) == kColours.outside);
  CHECK(pixel(px, d, ox + 16 * 16 + 2, oy + 20) == kColours.outside);
}

TEST_CASE("a pulsar on a 19x19 grid: every cell centre has the right colour") {
  SdlDisplay d(window(400, 400));
  d.open(source_for(19, 19));
  const Controls c = d.poll(0);
  const CellArray grid = grid_with(19, 19, pulsar_at(3, 3));
  CHECK(grid.cast<int>().sum() == 48);
  d.show(frame_for(grid, c.view));
  const std::vector<std::uint32_t> px = d.read_pixels();
  const std::int64_t p = d.viewport().pixels_per_cell();
  CHECK(p == 16);
  int live = 0;
  for (std::int64_t y = 0; y < 19; ++y) {
    for (std::int64_t x = 0; x < 19; ++x) {
      const std::uint32_t got = pixel(px, d, d.viewport().origin_x() + p * x + p / 2,
                                      d.viewport().origin_y() + p * y + p / 2);
      CHECK(got == (grid(y, x) ? kColours.alive : kColours.dead));
      live += got == kColours.alive ? 1 : 0;
    }
  }
  CHECK(live == 48);
}

TEST_CASE("zoomed out, each pixel shades the density of its block") {
  SdlDisplay d(window(200, 300));
  d.open(source_for(64, 64));
  CHECK(d.viewport().zoom() == 1);
  push_key(SDLK_LEFTBRACKET);
  push_key(SDLK_LEFTBRACKET);
  const Controls c = d.poll(0);
  CHECK(d.viewport().zoom() == -1);
  CHECK(c.view.scale == 2);
  CellArray grid = CellArray::Zero(64, 64);
  grid.block(0, 0, 8, 8).setOnes();                // full blocks
  grid(20, 20) = 1;                                // one of four cells in block (10, 10)
  grid(30, 30) = grid(30, 31) = grid(31, 30) = 1;  // three of four in block (15, 15)
  d.show(frame_for(grid, c.view));
  const std::vector<std::uint32_t> px = d.read_pixels();
  const Viewport& v = d.viewport();
  const auto block = [&](std::int64_t bx, std::int64_t by) {
    return pixel(px, d, v.origin_x() + bx, v.origin_y() + by);
  };
  CHECK(v.origin_y() > 50);  // below the overlay
  CHECK(block(1, 1) == kColours.alive);
  CHECK(block(10, 10) == shade(kColours, 1, 4));
  CHECK(block(15, 15) == shade(kColours, 3, 4));
  CHECK(block(20, 20) == kColours.dead);
  CHECK(shade(kColours, 1, 4) != kColours.dead);
  CHECK(shade(kColours, 4, 4) == kColours.alive);
}

TEST_CASE("keys: Enter, Space, Tab, + and -, ] and [, f, h, arrows, q") {
  SdlDisplay d(window(320, 320));
  d.open(source_for(16, 12));
  Controls c = d.poll(0);
  CHECK(c.running);  // a live run starts running
  CHECK(c.speed == 0);
  push_key(SDLK_RETURN);
  c = d.poll(0);
  CHECK_FALSE(c.running);
  push_key(SDLK_SPACE);
  c = d.poll(0);
  CHECK(c.steps == 1);
  c = d.poll(0);
  CHECK(c.steps == 0);  // one-shot
  push_key(SDLK_PLUS);
  push_key(SDLK_EQUALS);
  push_key(SDLK_KP_PLUS);
  push_key(SDLK_TAB);
  c = d.poll(0);
  CHECK(c.speed == 3);
  CHECK(c.steps == 8);
  push_key(SDLK_MINUS);
  c = d.poll(0);
  CHECK(c.speed == 2);
  push_key(SDLK_RETURN);
  c = d.poll(0);
  CHECK(c.running);
  push_key(SDLK_SPACE);  // Space while running stops, as in Golly
  c = d.poll(0);
  CHECK_FALSE(c.running);
  CHECK(c.steps == 0);

  const int z = d.viewport().zoom();
  push_key(SDLK_RIGHTBRACKET);
  c = d.poll(0);
  CHECK(d.viewport().zoom() == z + 1);
  CHECK(c.view.region.w < 16);
  push_key(SDLK_LEFTBRACKET);
  push_key(SDLK_LEFTBRACKET);
  c = d.poll(0);
  CHECK(d.viewport().zoom() == z - 1);
  push_key(SDLK_f);
  c = d.poll(0);
  CHECK(d.viewport().zoom() == z);
  const std::int64_t ox = d.viewport().origin_x();
  push_key(SDLK_LEFT);
  d.poll(0);
  CHECK(d.viewport().origin_x() == ox + 320 / 8);
  push_key(SDLK_RIGHT);
  push_key(SDLK_RIGHT);
  d.poll(0);
  CHECK(d.viewport().origin_x() == ox - 320 / 8);
  CHECK_FALSE(d.help_shown());
  push_key(SDLK_h);
  d.poll(0);
  CHECK(d.help_shown());
  CHECK_FALSE(c.quit);
  push_key(SDLK_q);
  c = d.poll(0);
  CHECK(c.quit);
}

TEST_CASE("Esc, the window's close button and SDL_QUIT quit") {
  for (int how = 0; how < 3; ++how) {
    SdlDisplay d(window(200, 200));
    d.open(source_for(10, 10));
    CHECK_FALSE(d.poll(0).quit);
    SDL_Event e{};
    if (how == 0) {
      push_key(SDLK_ESCAPE);
    } else if (how == 1) {
      e.type = SDL_WINDOWEVENT;
      e.window.event = SDL_WINDOWEVENT_CLOSE;
      SDL_PushEvent(&e);
    } else {
      e.type = SDL_QUIT;
      SDL_PushEvent(&e);
    }
    CHECK(d.poll(0).quit);
  }
}

TEST_CASE("mouse: a click draws a cell, running or stopped; drag pans, the wheel zooms about it") {
  SdlDisplay d(window(320, 320));
  d.open(source_for(16, 12));
  Controls c = d.poll(0);
  const Viewport& v = d.viewport();
  const int x = static_cast<int>(v.origin_x() + 16 * 5 + 8);
  const int y = static_cast<int>(v.origin_y() + 16 * 7 + 8);
  push_click(x, y);  // running: the pencil draws too, at the next generation boundary
  c = d.poll(0);
  CHECK(c.edits == sets({{5, 7}}));
  push_key(SDLK_RETURN);
  push_click(x + 16, y);
  push_click(x + 32, y);
  c = d.poll(0);
  CHECK(c.edits == sets({{6, 7}, {7, 7}}));
  c = d.poll(0);
  CHECK(c.edits.empty());

  const std::int64_t ox = v.origin_x();
  const std::int64_t oy = v.origin_y();
  push_button(SDL_MOUSEBUTTONDOWN, 100, 100, SDL_BUTTON_RIGHT);
  SDL_Event m{};
  m.type = SDL_MOUSEMOTION;
  m.motion.x = 130;
  m.motion.y = 90;
  SDL_PushEvent(&m);
  push_button(SDL_MOUSEBUTTONUP, 130, 90, SDL_BUTTON_RIGHT);
  c = d.poll(0);
  CHECK(c.edits.empty());  // a drag is not a click
  CHECK(v.origin_x() == ox + 30);
  CHECK(v.origin_y() == oy - 10);

  const auto before = v.cell_at(x, y);
  REQUIRE(before);
  SDL_Event w{};
  w.type = SDL_MOUSEWHEEL;
  w.wheel.y = 1;
  w.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
  w.wheel.mouseX = x;
  w.wheel.mouseY = y;
  SDL_PushEvent(&w);
  c = d.poll(0);
  CHECK(v.zoom() == 5);
  CHECK(*v.cell_at(x, y) == *before);
}

TEST_CASE("SDL mouse events: a fast drag draws the whole line, Ctrl+Z and Ctrl+R are chords") {
  SdlDisplay d(window(320, 320));
  d.open(source_for(16, 12));
  d.poll(0);
  const Viewport& v = d.viewport();
  REQUIRE(v.zoom() == 4);
  const auto px = [&](std::int64_t cx) { return static_cast<int>(v.origin_x() + 16 * cx + 8); };
  const auto py = [&](std::int64_t cy) { return static_cast<int>(v.origin_y() + 16 * cy + 8); };
  push_key(SDLK_RETURN);  // stop
  push_button(SDL_MOUSEBUTTONDOWN, px(2), py(10));
  push_drag_motion(px(14), py(1));  // one jump across the grid
  push_button(SDL_MOUSEBUTTONUP, px(14), py(1));
  Controls c = d.poll(0);
  std::vector<CellEdit> want;
  for (const Cell& cell : line_cells({2, 10}, {14, 1})) want.push_back({cell, CellChange::set});
  CHECK(want.size() == 13);
  CHECK(c.edits == want);
  for (std::size_t i = 1; i < c.edits.size(); ++i) {
    CHECK(std::abs(c.edits[i].cell.x - c.edits[i - 1].cell.x) == 1);  // no gaps
    CHECK(std::abs(c.edits[i].cell.y - c.edits[i - 1].cell.y) <= 1);
  }
  Frame f;
  f.view = c.view;
  f.counts.assign(static_cast<std::size_t>(16 * 12), 0);
  for (const CellEdit& e : want) f.counts[static_cast<std::size_t>(e.cell.y * 16 + e.cell.x)] = 1;
  d.show(f);
  push_key_with(SDLK_z, KMOD_LCTRL);
  c = d.poll(0);
  std::vector<CellEdit> undo;
  for (auto it = want.rbegin(); it != want.rend(); ++it)
    undo.push_back({it->cell, CellChange::clear});
  CHECK(c.edits == undo);
  push_key_with(SDLK_z, KMOD_LCTRL | KMOD_LSHIFT);
  c = d.poll(0);
  CHECK(c.edits == want);
  push_key_with(SDLK_r, KMOD_RCTRL);
  c = d.poll(0);
  CHECK(c.reset);
  push_key_with(SDLK_r, KMOD_NONE);  // plain r: not a reset
  CHECK_FALSE(d.poll(0).reset);
}

TEST_CASE("a copy goes to the system clipboard; F4, Ctrl+A, Ctrl+C and Delete keys") {
  SdlDisplay d(window(320, 320));
  d.open(source_for(16, 12));
  d.poll(0);
  push_key(SDLK_F4);
  push_key_with(SDLK_a, KMOD_LCTRL);
  push_key_with(SDLK_c, KMOD_LCTRL);
  Controls c = d.poll(0);
  CHECK(c.copy_region.w == 16);
  CHECK(c.copy_region.h == 12);
  d.copied("x = 3, y = 1, rule = B3/S23\n3o!\n", "copied the 16x12 selection as RLE");
  char* text = SDL_GetClipboardText();
  REQUIRE(text != nullptr);
  CHECK(std::string(text) == "x = 3, y = 1, rule = B3/S23\n3o!\n");
  SDL_free(text);
  push_key(SDLK_DELETE);
  c = d.poll(0);
  CHECK(c.clear_region.w == 16);
  // Ctrl+V hands the clipboard's text to the run; what it read comes back as a preview.
  push_key_with(SDLK_v, KMOD_LCTRL);
  c = d.poll(0);
  CHECK(c.paste_text == "x = 3, y = 1, rule = B3/S23\n3o!\n");
  d.pasted({{0, 0}, {1, 0}, {2, 0}}, 3, 1, "Ctrl+V: 3x1 pattern");
  push_key(SDLK_r);
  c = d.poll(0);
  CHECK(c.paste_text.empty());
}

TEST_CASE("screenshots save what the window shows") {
  SdlDisplay d(window(240, 240));
  d.open(source_for(8, 8));
  const Controls c = d.poll(0);
  const CellArray grid = grid_with(8, 8, glider_at(2, 2));
  d.show(frame_for(grid, c.view));
  const auto dir = std::filesystem::temp_directory_path();
  const std::string bmp = (dir / "mpilife_viz_test.bmp").string();
  d.save_screenshot(bmp);
  SDL_Surface* loaded = SDL_LoadBMP(bmp.c_str());
  REQUIRE(loaded != nullptr);
  SDL_Surface* argb = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  REQUIRE(argb != nullptr);
  const std::vector<std::uint32_t> px = d.read_pixels();
  const Viewport& v = d.viewport();
  const std::int64_t p = v.pixels_per_cell();
  for (const Cell& cell : {Cell{3, 2}, Cell{2, 2}, Cell{4, 4}}) {
    const std::int64_t sx = v.origin_x() + p * cell.x + p / 2;
    const std::int64_t sy = v.origin_y() + p * cell.y + p / 2;
    const auto* row = static_cast<const std::uint8_t*>(argb->pixels) + sy * argb->pitch;
    std::uint32_t saved = 0;
    std::memcpy(&saved, row + sx * 4, 4);
    CHECK((saved | 0xFF000000) == pixel(px, d, sx, sy));
    CHECK(pixel(px, d, sx, sy) == (grid(cell.y, cell.x) ? kColours.alive : kColours.dead));
  }
  SDL_FreeSurface(argb);
  std::filesystem::remove(bmp);
  const std::string png = (dir / "mpilife_viz_test.png").string();
  try {
    d.save_screenshot(png);
    std::ifstream in(png, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    CHECK(std::string(magic + 1, 3) == "PNG");
    std::filesystem::remove(png);
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("bmp only") != std::string::npos);  // no SDL2_image
  }
}

TEST_CASE("an unknown key name in a script is refused when the display opens") {
  CHECK_THROWS_AS(SdlDisplay(window(100, 100, "key NoSuchKey")), Error);
}

TEST_CASE("a script drives the display one command per poll") {
  SdlDisplay d(window(320, 320, "stop; step 3; key ]; wait 2; click 168,168; quit"));
  d.open(source_for(16, 12));
  Controls c = d.poll(0);  // stop
  CHECK_FALSE(c.running);
  c = d.poll(0);  // step 3
  CHECK(c.steps == 3);
  const int z = d.viewport().zoom();
  c = d.poll(0);  // waits for generation 3
  CHECK(d.viewport().zoom() == z);
  Frame f;
  f.generation = 3;
  f.view = c.view;
  d.show(f);
  c = d.poll(0);  // ]
  CHECK(d.viewport().zoom() == z + 1);
  c = d.poll(0);  // wait 2
  c = d.poll(0);
  c = d.poll(0);
  CHECK(c.edits.empty());
  c = d.poll(0);  // click
  CHECK(c.edits.size() == 1);
  CHECK_FALSE(c.quit);
  c = d.poll(0);
  CHECK(c.quit);
}

TEST_CASE("replay keys: play/pause, frame back and forward, jump, timeline click") {
  SdlDisplay d(window(400, 300));
  d.open(source_for(20, 20, 50));
  Controls c = d.poll(0);
  CHECK(c.running);
  CHECK(c.speed == -2);
  push_key(SDLK_RETURN);
  push_key(SDLK_BACKSPACE);
  c = d.poll(0);
  CHECK_FALSE(c.running);
  CHECK(c.steps == -1);
  push_key(SDLK_PERIOD);
  push_key(SDLK_PERIOD);
  c = d.poll(0);
  CHECK(c.steps == 2);
  push_key(SDLK_1);
  push_key(SDLK_2);
  push_key(SDLK_g);
  c = d.poll(0);
  CHECK(c.seek == 11);  // frame 12 counting from 1, as the overlay does
  push_key(SDLK_9);
  push_key(SDLK_9);
  push_key(SDLK_RETURN);
  c = d.poll(0);
  CHECK(c.seek == 49);  // clamped to the last frame
  CHECK_FALSE(c.running);
  push_key(SDLK_HOME);
  c = d.poll(0);
  CHECK(c.seek == 0);
  push_click(200, 295);  // the middle of the timeline
  c = d.poll(0);
  CHECK(c.seek == 25);
  CHECK(c.edits.empty());
}

namespace {

void push_motion(int x, int y) {
  SDL_Event m{};
  m.type = SDL_MOUSEMOTION;
  m.motion.x = x;
  m.motion.y = y;
  SDL_PushEvent(&m);
}

bool has_text(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Frames 0..n-1 of a w x h grid: frame i has cell (i % w, 0) alive; generation 10 i.
class Numbered final : public FrameSource {
 public:
  Numbered(std::int64_t n, std::int64_t w, std::int64_t h) : n_(n), w_(w), h_(h) {}
  std::int64_t frames() const override { return n_; }
  CellArray frame(std::int64_t i) const override { return grid_with(w_, h_, {{i % w_, 0}}); }
  std::int64_t generation(std::int64_t i) const override { return 10 * i; }
  std::int64_t population(std::int64_t) const override { return 1; }

 private:
  std::int64_t n_, w_, h_;
};

}  // namespace

TEST_CASE("the window title follows the state at once when the run stops") {
  SdlDisplay d(window(320, 320));
  d.open(source_for(16, 12));
  Controls c = d.poll(0);
  Frame f = frame_for(grid_with(16, 12, glider_at(2, 2)), c.view);
  f.running = true;
  f.generations_per_second = 60;
  for (std::int64_t g = 1; g <= 49; ++g) {  // far faster than the title's running updates
    f.generation = g;
    d.show(f);
  }
  f.generation = 50;
  f.running = false;  // -g 50 reached: the source stops
  d.show(f);
  CHECK(has_text(d.title(), "gen 50,"));
  CHECK(has_text(d.title(), "stopped"));
  CHECK_FALSE(has_text(d.title(), "gen/s"));
  push_key(SDLK_RETURN);  // run again: the title says so (not "stopped") once drawn
  c = d.poll(0);
  f.running = true;
  f.generation = 51;
  d.show(f);
  CHECK_FALSE(has_text(d.title(), "stopped"));
}

TEST_CASE("h: the help panel lies beside the grid; the grid narrows, the pattern stays uncovered") {
  SdlDisplay d(window(640, 480));
  d.open(source_for(64, 48));
  Controls c = d.poll(0);
  const CellArray grid = grid_with(64, 48, pulsar_at(26, 18));  // centred: cell (32, 24) alive
  REQUIRE(grid(24, 32) == 0);
  REQUIRE(grid(18 + 5, 26 + 4) == 1);
  d.show(frame_for(grid, c.view));
  const int wide = d.viewport().window_width();
  CHECK(wide == 640);
  push_key(SDLK_h);
  c = d.poll(0);
  CHECK(d.help_shown());
  CHECK(d.viewport().window_width() < wide);
  CHECK(d.viewport().window_width() == 640 - d.state().layout.side.w);
  d.show(frame_for(grid, c.view));
  const std::vector<std::uint32_t> px = d.read_pixels();
  const Viewport& v = d.viewport();
  const std::int64_t p = v.pixels_per_cell();
  // The pattern's cells, its centre among them, show their own colours: nothing covers them.
  for (std::int64_t y = 18; y < 31; ++y) {
    for (std::int64_t x = 26; x < 39; ++x) {
      const std::int64_t sx = v.origin_x() + p * x + p / 2;
      const std::int64_t sy = v.origin_y() + p * y + p / 2;
      REQUIRE(sx < v.window_width());
      INFO("cell ", x, ",", y);
      CHECK(pixel(px, d, sx, sy) == (grid(y, x) ? kColours.alive : kColours.dead));
    }
  }
  const Rect& help = d.state().layout.help;
  CHECK(pixel(px, d, help.x + help.w - 3, help.y + 3) == kColours.side);
  push_key(SDLK_h);
  d.poll(0);
  CHECK(d.viewport().window_width() == 640);
}

TEST_CASE("replay: typing 42 then g shows the frame the overlay calls 42") {
  const Numbered frames(121, 130, 10);
  ViewSource info = source_for(130, 10, 121);
  SdlDisplay d(window(400, 300, "stop; seek 42; wait 2; quit"));
  run_replay(frames, info, d);
  CHECK(d.state().frame.index == 41);
  CHECK(d.state().frame.generation == 410);
  CHECK(has_text(viz::status_lines(d.state())[0], "frame 42/121 "));
  CHECK(has_text(d.title(), "frame 42/121,"));
  CHECK(has_text(d.state_line(), " frame=42 "));
}

TEST_CASE("replay: dragging along the timeline scrubs to the frame under the pointer") {
  SdlDisplay d(window(400, 300));
  d.open(source_for(20, 20, 50));
  d.poll(0);
  const std::int64_t ox = d.viewport().origin_x();
  push_button(SDL_MOUSEBUTTONDOWN, 20, 296);
  push_motion(120, 296);
  push_motion(240, 296);
  Controls c = d.poll(0);
  CHECK(c.seek == 30);  // 240 * 50 / 400
  CHECK_FALSE(c.running);
  push_motion(320, 296);
  push_button(SDL_MOUSEBUTTONUP, 320, 296);
  c = d.poll(0);
  CHECK(c.seek == 40);
  CHECK(d.viewport().origin_x() == ox);  // not panned
}

TEST_CASE("the cell under the pointer, in Golly coordinates, in the status line and print") {
  ViewSource s = source_for(64, 48);
  s.origin_x = -32;  // a 64x48 torus centred on 0,0, as mpilife places it
  s.origin_y = -24;
  SdlDisplay d(window(640, 480, "move 100,100; print"));
  d.open(s);
  d.poll(0);  // move: cell (4, 6) at 1:8 from the corner at (64, 48)
  REQUIRE(d.viewport().zoom() == 3);
  CHECK(has_text(viz::status_lines(d.state())[0], "  cell -28,-18"));
  CHECK(has_text(d.state_line(), " cursor=-28,-18 "));
  push_motion(64 + 8 * 63, 48);  // SDL motion events: the top-right cell
  d.poll(0);
  CHECK(has_text(d.state_line(), " cursor=31,-24 "));
}

TEST_CASE("i shows the pattern's comments and rule; p the population plot and its history") {
  ViewSource s = source_for(64, 48);
  s.name = "glider";
  s.rule = "B3/S23:T64,48";
  s.topology = "torus";
  s.comments = {"The smallest, most common, and first discovered spaceship."};
  SdlDisplay d(window(800, 600));
  d.open(s);
  Controls c = d.poll(0);
  push_key(SDLK_i);
  c = d.poll(0);
  const std::vector<std::string>& info = d.state().layout.info_lines;
  const auto shown = [&](const std::string& part) {
    return std::any_of(info.begin(), info.end(),
                       [&](const std::string& l) { return has_text(l, part); });
  };
  CHECK(shown("The smallest, most common"));
  CHECK(shown("rule B3/S23:T64,48"));
  CHECK(shown("grid 64x48, torus"));
  const CellArray grid = grid_with(64, 48, glider_at(10, 10));
  Frame f = frame_for(grid, c.view);
  d.show(f);
  const std::vector<std::uint32_t> px = d.read_pixels();
  const Rect& r = d.state().layout.info;
  int text = 0;  // the panel has text drawn in it
  for (int y = r.y; y < r.y + r.h; ++y) {
    for (int x = r.x; x < r.x + r.w; ++x) text += pixel(px, d, x, y) == kColours.text ? 1 : 0;
  }
  CHECK(text > 100);

  push_key(SDLK_p);
  c = d.poll(0);
  CHECK(d.state().plot);
  const std::size_t before = d.state().history.size();
  for (std::int64_t g = 1; g <= 40; ++g) {
    f = frame_for(grid, c.view, g);
    d.show(f);
  }
  CHECK(d.state().history.size() == before + 40);
  CHECK(d.state().history.samples().back().generation == 40);
  push_key(SDLK_p);
  d.poll(0);
  CHECK_FALSE(d.state().plot);
}
