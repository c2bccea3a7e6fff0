#include "overlay.hpp"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstddef>
#include <cstdio>

#include "layout.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife::viz {

namespace {

// Height of the replay timeline at the bottom of the window.
constexpr int kTimelineHeight = 8;

// Widest of `lines` in pixels.
int text_width(const std::vector<std::string>& lines) {
  int w = 0;
  for (const std::string& l : lines) w = std::max(w, static_cast<int>(l.size()) * kCharWidth);
  return w;
}

void draw_lines(Canvas& canvas, int x, int y, const std::vector<std::string>& lines,
                std::uint32_t argb) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    canvas.text(x, y + static_cast<int>(i) * kLineHeight, lines[i], argb);
  }
}

// A side panel: its background, then as many of `lines` as fit.
void draw_panel(Canvas& canvas, const Rect& r, const std::vector<std::string>& lines,
                const Palette& palette) {
  if (r.empty()) return;
  canvas.fill(r.x, r.y, r.w, r.h, palette.side);
  canvas.fill(r.x, r.y, 1, r.h, palette.grid_major);
  const int fit = std::max(0, (r.h - 2 * kPanelPadding) / kLineHeight);
  const auto n = std::min(lines.size(), static_cast<std::size_t>(fit));
  draw_lines(
      canvas, r.x + kPanelPadding, r.y + kPanelPadding,
      std::vector<std::string>(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(n)),
      palette.text);
}

// The population plot: the history as a line, generation along, population up from 0.
void draw_plot(Canvas& canvas, const Rect& r, const PopulationHistory& history,
               const Palette& palette) {
  if (r.empty()) return;
  const auto& samples = history.samples();
  std::vector<std::string> title = {"population"};
  if (!samples.empty()) {
    title[0] +=
        " " + grouped(samples.back().population) + ", max " + grouped(history.max_population());
    title.push_back("gen " + grouped(samples.front().generation) + " to " +
                    grouped(samples.back().generation));
  }
  draw_panel(canvas, r, title, palette);
  const int gx = r.x + kPanelPadding;
  const int gy = r.y + kPanelPadding + 2 * kLineHeight + 4;
  const int gw = r.w - 2 * kPanelPadding;
  const int gh = r.y + r.h - kPanelPadding - gy;
  if (gw < 2 || gh < 2) return;
  canvas.fill(gx, gy + gh - 1, gw, 1, palette.grid_major);
  canvas.fill(gx, gy, 1, gh, palette.grid_major);
  if (samples.empty()) return;
  const std::int64_t g0 = samples.front().generation;
  const std::int64_t span = std::max<std::int64_t>(1, samples.back().generation - g0);
  // Population at the top of the plot: an eighth above the largest, so a flat line shows.
  const std::int64_t top = history.max_population() + history.max_population() / 8 + 1;
  const auto row_of = [&](std::int64_t population) {
    return static_cast<double>(gy + gh - 1) -
           static_cast<double>(population) / static_cast<double>(top) * static_cast<double>(gh - 1);
  };
  // A polyline through the samples: each pixel column joined to the one before.
  std::int64_t last_x = -1;
  double last_y = 0.0;
  for (const auto& s : samples) {
    const std::int64_t x = gx + (s.generation - g0) * (gw - 1) / span;
    const double y = row_of(s.population);
    if (last_x < 0 || x == last_x) {
      const std::int64_t y0 = std::llround(last_x < 0 ? y : std::min(y, last_y));
      const std::int64_t y1 = std::llround(last_x < 0 ? y : std::max(y, last_y));
      canvas.fill(x, y0, 1, y1 - y0 + 1, palette.accent);
    }
    for (std::int64_t c = last_x + 1; last_x >= 0 && c <= x; ++c) {
      const double t = static_cast<double>(c - last_x) / static_cast<double>(x - last_x);
      const double from = last_y + (y - last_y) * static_cast<double>(c - 1 - last_x) /
                                       static_cast<double>(x - last_x);
      const double to = last_y + (y - last_y) * t;
      const std::int64_t y0 = std::llround(std::min(from, to));
      const std::int64_t y1 = std::llround(std::max(from, to));
      canvas.fill(c, y0, 1, y1 - y0 + 1, palette.accent);
    }
    last_x = x;
    last_y = y;
  }
}

std::string ranks_text(int ranks) {
  return std::to_string(ranks) + (ranks == 1 ? " rank" : " ranks");
}

// The grid's size in cells: "1,200x800".
std::string grid_text(const ViewSource& s) {
  const std::int64_t w = s.grid_width > 0 ? s.grid_width : s.width * s.frame_scale;
  const std::int64_t h = s.grid_height > 0 ? s.grid_height : s.height * s.frame_scale;
  return grouped(w) + "x" + grouped(h);
}

}  // namespace

std::string grouped(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return v < 0 ? "-" + digits : digits;
}

std::string rate_text(double rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, rate >= 100 ? "%.0f" : "%.1f", rate);
  return buf;
}

std::string speed_text(int speed) {
  if (speed > 0) return "step 2^" + std::to_string(speed);
  if (speed == 0) return "step 1";
  return "step 1, " + rate_text(1.0 / frame_interval(speed)) + "/s max";
}

std::string mode_text(EditMode mode) {
  switch (mode) {
    case EditMode::draw:
      return "draw";
    case EditMode::move:
      return "move";
    case EditMode::select:
      return "select";
  }
  return "draw";
}

std::optional<Cell> cursor_cell(const ViewerState& state) {
  if (!state.layout.grid.contains(state.pointer_x, state.pointer_y)) return std::nullopt;
  const auto cell = state.viewport.cell_at(state.pointer_x - state.layout.grid.x,
                                           state.pointer_y - state.layout.grid.y);
  if (!cell) return std::nullopt;
  const ViewSource& s = state.source;
  const std::int64_t k = std::max<std::int64_t>(1, s.frame_scale);
  return Cell{s.origin_x + cell->x * k, s.origin_y + cell->y * k};
}

std::vector<std::string> info_lines(const ViewSource& s) {
  std::vector<std::string> lines = {s.name};
  if (s.frames > 0) {
    lines.push_back("a recording of " + (s.recorded_pattern.empty() ? std::string("a random soup")
                                                                    : s.recorded_pattern));
  }
  lines.insert(lines.end(), s.comments.begin(), s.comments.end());
  lines.push_back("");
  lines.push_back("rule " + s.rule);
  std::string grid = "grid " + grid_text(s);
  if (!s.topology.empty()) {
    grid += s.topology == "unbounded" ? ", unbounded (the starting window)" : ", " + s.topology;
  }
  lines.push_back(grid);
  lines.push_back("top-left cell at Golly " + std::to_string(s.origin_x) + "," +
                  std::to_string(s.origin_y));
  if (s.frames > 0) {
    std::string rec = "recording of " + grouped(s.frames) + (s.frames == 1 ? " frame" : " frames");
    if (s.frame_scale > 1) {
      rec += ", a point per " + std::to_string(s.frame_scale) + "x" +
             std::to_string(s.frame_scale) + " cells";
    }
    lines.push_back(rec);
  } else {
    lines.push_back(ranks_text(s.ranks) + " (" + std::to_string(s.proc_cols) + "x" +
                    std::to_string(s.proc_rows) + ")");
  }
  return lines;
}

std::string state_line(const ViewerState& state) {
  const Frame& f = state.frame;
  const Controls& c = state.controls;
  const ViewRequest r = state.viewport.request();
  const std::optional<Cell> cursor = cursor_cell(state);
  const std::string at =
      cursor ? std::to_string(cursor->x) + "," + std::to_string(cursor->y) : std::string("none");
  const Extent& s = state.selection;
  const std::string selection = s.w > 0 ? std::to_string(s.x0) + "," + std::to_string(s.y0) + "," +
                                              std::to_string(s.w) + "," + std::to_string(s.h)
                                        : std::string("none");
  char buf[768];
  std::snprintf(buf, sizeof buf,
                "view: generation=%" PRId64 " population=%" PRId64
                " running=%d speed=%d zoom=%s region=%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64
                " scale=%" PRId64 " frame=%" PRId64
                " help=%d info=%d plot=%d mode=%s cursor=%s history=%zu undo=%zu redo=%zu"
                " selection=%s",
                f.generation, f.population, c.running ? 1 : 0, c.speed,
                cell_zoom_text(state.viewport, state.source.frame_scale).c_str(), r.region.x0,
                r.region.y0, r.region.w, r.region.h, r.scale, state.replay ? f.index + 1 : 0,
                state.help ? 1 : 0, state.info ? 1 : 0, state.plot ? 1 : 0,
                mode_text(state.mode).c_str(), at.c_str(), state.history.size(), state.undoable,
                state.redoable, selection.c_str());
  return buf;
}

std::vector<std::string> status_lines(const ViewerState& state) {
  const ViewSource& s = state.source;
  const Frame& f = state.frame;
  const bool running = state.controls.running;
  std::string first;
  if (state.replay) {
    first = "frame " + grouped(f.index + 1) + "/" + grouped(s.frames) + "  gen " +
            grouped(f.generation) + "  pop " + grouped(f.population) + "  " +
            (running ? "playing  " + rate_text(f.frames_per_second) + " fps" : "paused");
    if (!state.digits.empty()) first += "  go to frame: " + state.digits + "_";
  } else {
    first = "gen " + grouped(f.generation) + "  pop " + grouped(f.population) + "  " +
            (running ? "running " + rate_text(f.generations_per_second) + " gen/s  " +
                           rate_text(f.frames_per_second) + " fps"
                     : std::string("stopped")) +
            "  " + mode_text(state.mode);
  }
  if (const std::optional<Cell> c = cursor_cell(state)) {
    first += "  cell " + std::to_string(c->x) + "," + std::to_string(c->y);
  }
  if (state.selection.w > 0) {
    first += "  selected " + grouped(state.selection.w) + "x" + grouped(state.selection.h);
  }
  std::string second = grid_text(s) + " " + s.rule;
  if (!state.replay) {
    second += "  " + ranks_text(s.ranks) + " (" + std::to_string(s.proc_cols) + "x" +
              std::to_string(s.proc_rows) + ")";
  } else if (s.frame_scale > 1) {
    second += "  recorded a point per " + std::to_string(s.frame_scale) + "x" +
              std::to_string(s.frame_scale) + " cells";
  }
  second += "  zoom " + cell_zoom_text(state.viewport, s.frame_scale) + "  " +
            speed_text(state.controls.speed) + "  h: help";
  if (!state.notice.empty()) return {first, second, state.notice};
  if (state.paste) {
    return {first, second,
            "pasting " + grouped(state.paste->width) + "x" + grouped(state.paste->height) +
                ": click to place, r rotates, x y flip, Esc cancels"};
  }
  return {first, second};
}

std::string window_title(const ViewerState& state) {
  const ViewSource& s = state.source;
  const Frame& f = state.frame;
  const bool running = state.controls.running;
  std::string title = "mpilife: " + s.name + " - ";
  if (state.replay) title += "frame " + grouped(f.index + 1) + "/" + grouped(s.frames) + ", ";
  title += "gen " + grouped(f.generation) + ", pop " + grouped(f.population);
  if (state.replay) {
    if (!running) title += ", paused";
  } else {
    title += running ? ", " + rate_text(f.generations_per_second) + " gen/s" : ", stopped";
    title += ", " + ranks_text(s.ranks);
  }
  return title;
}

void draw_overlay(Canvas& canvas, const ViewerState& state, const Palette& palette) {
  const int width = canvas.width();
  const int height = canvas.height();
  if (state.paste && state.layout.grid.contains(state.pointer_x, state.pointer_y)) {
    // The pattern being pasted, its top-left cell under the pointer.
    const Viewport& v = state.viewport;
    const Rect& g = state.layout.grid;
    if (const auto at = v.cell_at(state.pointer_x - g.x, state.pointer_y - g.y)) {
      const std::int64_t ppc = v.pixels_per_cell();
      const std::int64_t cpp = v.cells_per_pixel();
      const std::int64_t side = std::max<std::int64_t>(1, ppc > 2 ? ppc - 1 : ppc);
      for (const Cell& c : state.paste->cells) {
        canvas.fill(g.x + v.origin_x() + (at->x + c.x) * ppc / cpp,
                    g.y + v.origin_y() + (at->y + c.y) * ppc / cpp, side, side, palette.accent);
      }
    }
  }
  if (state.selection.w > 0) {
    // The selection's outline, two pixels wide, inside the grid's part of the window.
    const Viewport& v = state.viewport;
    const Rect& g = state.layout.grid;
    const auto px = [&](std::int64_t cells, std::int64_t origin, int base) {
      return base + origin + cells * v.pixels_per_cell() / v.cells_per_pixel();
    };
    const Extent& s = state.selection;
    const std::int64_t x0 = px(s.x0, v.origin_x(), g.x);
    const std::int64_t y0 = px(s.y0, v.origin_y(), g.y);
    const std::int64_t x1 = std::max(x0 + 2, px(s.x0 + s.w, v.origin_x(), g.x));
    const std::int64_t y1 = std::max(y0 + 2, px(s.y0 + s.h, v.origin_y(), g.y));
    canvas.fill(x0, y0, x1 - x0, 2, palette.accent);
    canvas.fill(x0, y1 - 2, x1 - x0, 2, palette.accent);
    canvas.fill(x0, y0, 2, y1 - y0, palette.accent);
    canvas.fill(x1 - 2, y0, 2, y1 - y0, palette.accent);
  }
  const std::vector<std::string> lines = status_lines(state);
  canvas.fill(4, 4, text_width(lines) + 12, static_cast<int>(lines.size()) * kLineHeight + 8,
              palette.panel);
  draw_lines(canvas, 10, 8, lines, palette.text);
  const ScreenLayout& l = state.layout;
  if (!l.side.empty()) canvas.fill(l.side.x, l.side.y, l.side.w, l.side.h, palette.outside);
  draw_panel(canvas, l.help, l.help_lines, palette);
  draw_plot(canvas, l.plot, state.history, palette);
  draw_panel(canvas, l.info, l.info_lines, palette);
  if (state.replay && state.source.frames > 0) {
    canvas.fill(0, height - kTimelineHeight, width, kTimelineHeight, palette.panel);
    const std::int64_t done = (state.frame.index + 1) * width / state.source.frames;
    canvas.fill(0, height - kTimelineHeight, done, kTimelineHeight, palette.accent);
  }
}

}  // namespace mpilife::viz
