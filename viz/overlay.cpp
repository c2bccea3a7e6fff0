#include "overlay.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstddef>
#include <cstdio>

#include "mpilife/view/frame.hpp"

namespace mpilife::viz {

namespace {

// Height of the replay timeline at the bottom of the window.
constexpr int kTimelineHeight = 8;
// Pixels per line and per character of overlay text (the 6x13 font).
constexpr int kLineHeight = 15;
constexpr int kCharWidth = 6;
// Background of the help box.
constexpr std::uint32_t kHelpBackground = 0xE0000000;

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

std::string ranks_text(int ranks) {
  return std::to_string(ranks) + (ranks == 1 ? " rank" : " ranks");
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

std::vector<std::string> key_help(bool replay) {
  std::vector<std::string> lines;
  if (replay) {
    lines = {"Enter        play / pause",
             "Space  .     next frame",
             "Bksp   ,     previous frame",
             "Tab          forward one step of the step size",
             "Home  End    first / last frame",
             "digits g     jump to that frame (or click the timeline)"};
  } else {
    lines = {"Enter        run / stop", "Space        one generation (stops a run)",
             "Tab          one step of the step size (stops a run)",
             "click        toggle a cell (stopped, zoomed in)"};
  }
  const std::vector<std::string> common = {
      "+  -         faster / slower: step 2^n, then slower frames",
      "]  [  wheel  zoom in / out about the cursor",
      "arrows drag  pan",
      "f            fit the grid in the window",
      "s            screenshot (PNG or BMP) in the current folder",
      "h            show / hide this help",
      "q  Esc       quit"};
  lines.insert(lines.end(), common.begin(), common.end());
  return lines;
}

std::string state_line(const ViewerState& state) {
  const Frame& f = state.frame;
  const Controls& c = state.controls;
  const ViewRequest r = state.viewport.request();
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "view: generation=%" PRId64 " population=%" PRId64
                " running=%d speed=%d zoom=%s region=%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64
                " scale=%" PRId64 " frame=%" PRId64 " help=%d",
                f.generation, f.population, c.running ? 1 : 0, c.speed,
                state.viewport.zoom_text().c_str(), r.region.x0, r.region.y0, r.region.w,
                r.region.h, r.scale, f.index, state.help ? 1 : 0);
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
            (running ? "playing" : "paused");
    if (!state.digits.empty()) first += "  go to frame: " + state.digits + "_";
  } else {
    first = "gen " + grouped(f.generation) + "  pop " + grouped(f.population) + "  " +
            (running ? "running " + rate_text(f.generations_per_second) + " gen/s"
                     : std::string("stopped"));
  }
  first += "  " + rate_text(f.frames_per_second) + " fps";
  std::string second = grouped(s.width) + "x" + grouped(s.height) + " " + s.rule;
  if (!state.replay) {
    second += "  " + ranks_text(s.ranks) + " (" + std::to_string(s.proc_cols) + "x" +
              std::to_string(s.proc_rows) + ")";
  } else if (s.frame_scale > 1) {
    second += "  recorded 1 cell per " + std::to_string(s.frame_scale) + "x" +
              std::to_string(s.frame_scale);
  }
  second += "  zoom " + state.viewport.zoom_text() + "  " + speed_text(state.controls.speed) +
            "  h: help";
  return {first, second};
}

std::string window_title(const ViewerState& state) {
  const ViewSource& s = state.source;
  const Frame& f = state.frame;
  std::string title = "mpilife: " + s.name + " - ";
  if (state.replay) title += "frame " + grouped(f.index + 1) + "/" + grouped(s.frames) + ", ";
  title += "gen " + grouped(f.generation) + ", pop " + grouped(f.population);
  if (!state.replay) {
    title += ", " + rate_text(f.generations_per_second) + " gen/s, " + ranks_text(s.ranks);
  }
  return title;
}

void draw_overlay(Canvas& canvas, const ViewerState& state, const Palette& palette) {
  const int width = canvas.width();
  const int height = canvas.height();
  const std::vector<std::string> lines = status_lines(state);
  canvas.fill(4, 4, text_width(lines) + 12, static_cast<int>(lines.size()) * kLineHeight + 8,
              palette.panel);
  draw_lines(canvas, 10, 8, lines, palette.text);
  if (state.replay && state.source.frames > 0) {
    canvas.fill(0, height - kTimelineHeight, width, kTimelineHeight, palette.panel);
    const std::int64_t done = (state.frame.index + 1) * width / state.source.frames;
    canvas.fill(0, height - kTimelineHeight, done, kTimelineHeight, palette.accent);
  }
  if (state.help) {
    const std::vector<std::string> keys = key_help(state.replay);
    const int w = text_width(keys);
    const int h = static_cast<int>(keys.size()) * kLineHeight;
    const int x = (width - w) / 2;
    const int y = (height - h) / 2;
    canvas.fill(x - 12, y - 12, w + 24, h + 24, kHelpBackground);
    draw_lines(canvas, x, y, keys, palette.text);
  }
}

}  // namespace mpilife::viz
