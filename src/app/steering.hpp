#pragma once

// Private to the app layer: the control message rank 0 broadcasts every frame of a live run, and
// the rank-0 object that turns a display's controls into those messages.

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "mpilife/app/live.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife {

// The control message rank 0 broadcasts every frame, as int64 words.
enum Word : int {
  kQuit,         // 1: leave the loop
  kGenerations,  // generations every rank computes this frame
  kGather,       // 1: reduce the view to rank 0 after stepping
  kRegionX,      // the view region and scale
  kRegionY,
  kRegionW,
  kRegionH,
  kScale,
  kRunning,  // whether rank 0 is running (echoed in the frame)
  kReset,    // 1: rebuild the starting generation (InteractiveOptions::reset) before the rest
  kClearX,   // Delete: the region cleared (x, y, w, h; w 0: none), after the edits
  kClearY,
  kClearW,
  kClearH,
  kCopyX,  // Ctrl+C: the region copied (x, y, w, h; w 0: none), after the clear
  kCopyY,
  kCopyW,
  kCopyH,
  kEditOp,  // x y > < 5: the SelectionOp done to a region in place (0: none), after the copy
  kEditX,
  kEditY,
  kEditW,
  kEditH,
  kEditSeed,  // the random fill's seed
  kSaveX,     // Ctrl+S: the region saved as RLE to a new file (x, y, w, h; w 0: none), last
  kSaveY,
  kSaveW,
  kSaveH,
  kEdits,  // cell edits of this frame, sent to their owners after the message (apply_edits)
  kMessageWords
};
using Message = std::array<std::int64_t, kMessageWords>;
// Rank 0's side of the loop: turns the display's controls into control messages and paces the
// run (steps of 2^speed generations, at most one step per frame interval, large steps cut into
// pieces of about kStepBudgetSeconds).
class Steering {
 public:
  // Steers with the controls of `display`, pausing at options.pause_at.
  Steering(Display& display, const InteractiveOptions& options)
      : display_(display), options_(options), pause_at_(options.pause_at) {}

  // Polls the display and returns the next control message (kQuit set to leave the loop).
  Message next(const Simulation& sim);

  // Notes that `n` generations took `seconds` on this rank.
  void stepped(std::int64_t n, double seconds);

  // Takes the edits the last message counted (in the display's coordinates), all of them: the
  // edits of a frame travel together, whatever their number.
  std::vector<CellEdit> take_edits() { return std::exchange(edits_, {}); }

  // True when the loop ended because options.stop_requested said so (a signal).
  bool interrupted() const { return interrupted_; }

 private:
  // Generations to compute this frame under controls `c` at generation `gen` (running, owed
  // steps, the pause generation and the time budget).
  std::int64_t pace(const Controls& c, std::int64_t gen);
  // Reads `text` (the clipboard) as a pattern and tells the display what it holds, or why not.
  void paste(const std::string& text);
  // Counts this frame's edits, writes the view and running state into `m`.
  void encode(const Controls& c, std::int64_t n, Message& m);

  Display& display_;
  const InteractiveOptions& options_;
  std::int64_t pause_at_;
  bool running_ = false;
  bool last_running_ = false;
  bool first_ = true;
  bool interrupted_ = false;
  std::int64_t owed_ = 0;
  double next_step_at_ = 0.0;
  double seconds_per_generation_ = 0.0;
  std::int64_t ramp_ = 1;
  std::vector<CellEdit> edits_;
  ViewRequest last_view_;
};

}  // namespace mpilife
