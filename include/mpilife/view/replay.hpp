#pragma once

#include <cstdint>

#include "mpilife/core/cells.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife {

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
