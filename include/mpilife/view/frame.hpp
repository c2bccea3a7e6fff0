#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/view/selection.hpp"

namespace mpilife {

/// The part of the grid a display wants next: a region of cells and how many cells (along each
/// side) make one pixel, so the data sent costs pixels, not cells.
struct ViewRequest {
  Extent region;           ///< visible cells, inside the grid (w or h 0 when nothing is visible)
  std::int64_t scale = 1;  ///< cells per pixel along each side (1 when zoomed in)

  /// True when both ask for the same data.
  friend bool operator==(const ViewRequest& a, const ViewRequest& b) {
    return a.region.x0 == b.region.x0 && a.region.y0 == b.region.y0 && a.region.w == b.region.w &&
           a.region.h == b.region.h && a.scale == b.scale;
  }
  /// True when they ask for different data.
  friend bool operator!=(const ViewRequest& a, const ViewRequest& b) { return !(a == b); }
};

/// What a display shows: the grid and where its pictures come from (told once, before any frame).
struct ViewSource {
  std::int64_t width = 0;             ///< grid width in cells
  std::int64_t height = 0;            ///< grid height in cells
  std::string name;                   ///< pattern name, "random soup" or the recording's file name
  std::string rule;                   ///< rule with its bounded-grid suffix
  int ranks = 1;                      ///< MPI processes computing it (live runs)
  int proc_cols = 1;                  ///< process columns (live runs)
  int proc_rows = 1;                  ///< process rows (live runs)
  std::int64_t frames = 0;            ///< recorded frames for a replay, 0 for a live run
  std::int64_t frame_scale = 1;       ///< grid cells per recorded cell along each side (replays)
  std::int64_t grid_width = 0;        ///< grid width in cells (0: width x frame_scale)
  std::int64_t grid_height = 0;       ///< grid height in cells (0: height x frame_scale)
  std::string topology;               ///< "torus", "plane" or "unbounded" ("" when unknown)
  std::int64_t origin_x = 0;          ///< Golly x of the grid's column 0 (the shown window's, live)
  std::int64_t origin_y = 0;          ///< Golly y of the grid's row 0 (the shown window's, live)
  std::vector<std::string> comments;  ///< the pattern file's comment lines (#C...), if any
  std::string recorded_pattern;       ///< replays: the recorded run's pattern name ("" for a soup)
  std::string reset_refusal;          ///< live: why Ctrl+R cannot reset ("" when it can)
};

/// One picture of the grid: live-cell counts of the requested blocks plus the numbers a title
/// or overlay shows.
struct Frame {
  std::int64_t generation = 0;          ///< generation shown
  std::int64_t population = 0;          ///< live cells on the whole grid
  ViewRequest view;                     ///< the region and scale `counts` cover
  std::vector<std::uint32_t> counts;    ///< live cells per block, row-major ceil(h/s) x ceil(w/s)
  std::uint32_t full = 1;               ///< what one all-alive cell adds to a count (255: density)
  bool running = false;                 ///< whether the source is advancing on its own
  double generations_per_second = 0.0;  ///< measured generation rate (0 when stopped)
  double frames_per_second = 0.0;       ///< measured frame rate
  std::int64_t index = 0;               ///< frame number in a replay (0 for a live run)
};

/// What the user wants, as a display reports it after handling its pending input.
struct Controls {
  bool quit = false;            ///< q, Esc or the window was closed
  bool running = false;         ///< run (true) or stop (false); Enter toggles
  int speed = 0;                ///< speed level, see step_generations and frame_interval
  std::int64_t steps = 0;       ///< generations (replay: frames, maybe negative) asked for once
  std::int64_t seek = -1;       ///< replay: jump to this frame index, -1 for none
  std::vector<CellEdit> edits;  ///< cells to set, clear or flip (the shown grid's coordinates),
                                ///< applied in order before this poll's generations
  bool reset = false;           ///< Ctrl+R: back to the starting generation (once, then cleared)
  Extent clear_region;          ///< Delete: these cells made dead (w 0: none; once)
  Extent copy_region;           ///< Ctrl+C: these cells copied as RLE (w 0: none; once)
  std::string paste_text;       ///< Ctrl+V: the clipboard's text to read as a pattern ("": none)
  Extent edit_region;           ///< x y > < 5: the selection edited in place (w 0: none; once)
  SelectionOp edit_op = SelectionOp::none;  ///< what is done to edit_region
  std::uint64_t fill_seed = 0;              ///< the seed of a random fill (edit_op random_fill)
  Extent save_region;  ///< Ctrl+S: these cells saved as RLE to a new file (w 0: none; once)
  ViewRequest view;    ///< the data the display wants in the next frame
};

/// Slowest speed level: one generation every 64 ticks of 1/60 s.
inline constexpr int kMinSpeed = -6;
/// Fastest speed level: 2^20 generations per step.
inline constexpr int kMaxSpeed = 20;

/// Generations in one step at speed level `speed`: 2^speed for speed > 0, otherwise 1.
std::int64_t step_generations(int speed);

/// Shortest time between two steps while running at `speed`: 1/60 s for speed >= 0, doubling
/// for each level below 0.
double frame_interval(int speed);

}  // namespace mpilife
