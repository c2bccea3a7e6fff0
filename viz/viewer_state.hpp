#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "editing.hpp"
#include "history.hpp"
#include "layout.hpp"
#include "mpilife/view/frame.hpp"
#include "viewport.hpp"

namespace mpilife::viz {

/// What a click on the grid of a live run does (Golly's cursor modes).
enum class EditMode {
  draw,   ///< F2: a click or a stroke draws with the pencil (zoomed in)
  move,   ///< F5: clicks do not edit; dragging pans
  select  ///< F4: dragging selects a rectangle of cells
};

/// What the viewer knows besides its window: what it shows, where, and what the user asked for.
/// The overlay, the title and the script read it; ViewerController changes it.
struct ViewerState {
  ViewSource source;               ///< the grid shown (set by open)
  bool replay = false;             ///< a recording (source.frames > 0) rather than a live run
  Viewport viewport{1, 1, 1, 1};   ///< where the grid lies in layout.grid
  ScreenLayout layout;             ///< the grid's part of the window and the panels beside it
  Controls controls;               ///< what the user wants, as poll reports it
  Frame frame;                     ///< the frame shown last
  bool have_frame = false;         ///< whether a frame was shown since open
  bool help = false;               ///< whether the help panel is shown
  bool info = false;               ///< whether the information panel is shown
  bool plot = false;               ///< whether the population plot is shown
  EditMode mode = EditMode::draw;  ///< what a click does in a live run
  int pointer_x = -1;              ///< window column of the mouse pointer (-1: not in the window)
  int pointer_y = -1;              ///< window row of the mouse pointer (-1: not in the window)
  PopulationHistory history;       ///< population by generation, from the frames shown
  std::string digits;              ///< replay: the frame number typed so far (digits, then g)
  std::string notice;              ///< a line for the status panel (a refused key), until a key
  std::size_t undoable = 0;        ///< edits Ctrl+Z can undo now
  std::size_t redoable = 0;        ///< edits Ctrl+Shift+Z can redo now
  Extent selection;                ///< the selected cells (w 0: none)
  std::optional<Clip> paste;       ///< the pattern being pasted (shown at the pointer), if any
  bool dirty = false;              ///< whether the picture needs drawing again
};

}  // namespace mpilife::viz
