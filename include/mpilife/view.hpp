#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "mpilife/grid.hpp"
#include "mpilife/pattern.hpp"

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
  std::int64_t width = 0;        ///< grid width in cells
  std::int64_t height = 0;       ///< grid height in cells
  std::string name;              ///< pattern name, "random soup" or the recording's file name
  std::string rule;              ///< rule with its bounded-grid suffix
  int ranks = 1;                 ///< MPI processes computing it (live runs)
  int proc_cols = 1;             ///< process columns (live runs)
  int proc_rows = 1;             ///< process rows (live runs)
  std::int64_t frames = 0;       ///< recorded frames for a replay, 0 for a live run
  std::int64_t frame_scale = 1;  ///< grid cells per recorded cell along each side (replays)
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
  bool quit = false;          ///< q, Esc or the window was closed
  bool running = false;       ///< run (true) or stop (false); Enter toggles
  int speed = 0;              ///< speed level, see step_generations and frame_interval
  std::int64_t steps = 0;     ///< generations (replay: frames, maybe negative) asked for once
  std::int64_t seek = -1;     ///< replay: jump to this frame index, -1 for none
  std::vector<Cell> toggles;  ///< cells to flip (global coordinates), clicked while stopped
  ViewRequest view;           ///< the data the display wants in the next frame
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

/// A window (or a test double) that shows frames and reports the user's controls. The loops that
/// drive it (run_interactive, run_replay) call open once, then poll and show alternately.
class Display {
 public:
  virtual ~Display() = default;
  /// Prepares to show `source`; called once before anything else.
  virtual void open(const ViewSource& source) = 0;
  /// Handles input, waiting for it at most `wait_seconds`, and returns the controls now in force.
  virtual Controls poll(double wait_seconds) = 0;
  /// Shows `frame`, the data for the view the last poll asked for.
  virtual void show(const Frame& frame) = 0;
};

/// How a display window starts (from the command line).
struct DisplayOptions {
  int window_width = 1024;  ///< window width in pixels
  int window_height = 768;  ///< window height in pixels
  std::string script;       ///< scripted input (--view-script), "" for none
};

/// Creates the display of this build; set by a main that links the SDL2 viewer.
using DisplayFactory = std::function<std::unique_ptr<Display>(const DisplayOptions&)>;

/// Live-cell counts of the `scale` x `scale` blocks tiling `region` of `cells` (a whole grid),
/// row-major ceil(h/scale) x ceil(w/scale): what gather_block_counts returns for a distributed
/// grid, computed locally.
std::vector<std::uint32_t> block_counts(const CellArray& cells, const Extent& region,
                                        std::int64_t scale);

/// Sums of the values in the `scale` x `scale` blocks tiling `region` of `values` (density
/// pixels 0..255 of a scaled recording), laid out as block_counts.
std::vector<std::uint32_t> block_sums(const CellArray& values, const Extent& region,
                                      std::int64_t scale);

/// A rate (events per second) over about the last second, for the viewer's overlay.
class RateMeter {
 public:
  /// Records that `total` events had happened by time `t` (seconds).
  void add(double t, std::int64_t total);
  /// Events per second over the samples kept; 0 before two samples.
  double rate() const;
  /// Forgets every sample (after a pause).
  void clear() { samples_.clear(); }

 private:
  std::deque<std::pair<double, std::int64_t>> samples_;
};

/// Recorded frames a display can replay.
class FrameSource {
 public:
  virtual ~FrameSource() = default;
  /// Number of frames.
  virtual std::int64_t frames() const = 0;
  /// Frame `i` (0-based), height x width of the view source: 0/1 cells, or density pixels
  /// 0..255 when the view source's frame_scale is above 1.
  virtual CellArray frame(std::int64_t i) const = 0;
  /// Generation of frame `i`.
  virtual std::int64_t generation(std::int64_t i) const = 0;
  /// Population of frame `i`.
  virtual std::int64_t population(std::int64_t i) const = 0;
};

/// Plays `source` in `display` (opened with `info`) until the user quits: Enter play/pause,
/// Space/Tab/Backspace step, seek jumps; frames advance at the display's speed. No MPI.
void run_replay(const FrameSource& source, const ViewSource& info, Display& display);

}  // namespace mpilife
