#pragma once

#include <string>

#include "mpilife/view/frame.hpp"
#include "viewport.hpp"

namespace mpilife::viz {

/// What the viewer knows besides its window: what it shows, where, and what the user asked for.
/// The overlay, the title and the script read it; ViewerController changes it.
struct ViewerState {
  ViewSource source;              ///< the grid shown (set by open)
  bool replay = false;            ///< a recording (source.frames > 0) rather than a live run
  Viewport viewport{1, 1, 1, 1};  ///< where the grid lies in the window
  Controls controls;              ///< what the user wants, as poll reports it
  Frame frame;                    ///< the frame shown last
  bool have_frame = false;        ///< whether a frame was shown since open
  bool help = false;              ///< whether the help overlay is shown
  std::string digits;             ///< replay: the frame number typed so far (digits, then g)
  bool dirty = false;             ///< whether the picture needs drawing again
};

}  // namespace mpilife::viz
