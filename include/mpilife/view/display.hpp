#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife {

/// What an edit of a selection in place (Controls::edit_region) did, for the display.
struct SelectionEdit {
  bool done = false;            ///< the cells changed (false: refused, `message` says why)
  bool undoable = false;        ///< `flips` undo it, and then redo it, at `generation`
  std::vector<CellEdit> flips;  ///< the cells that changed, as flips (the display's coordinates)
  Extent selection;             ///< the selection after it (a rotation turns it)
  std::int64_t generation = 0;  ///< the generation the edit was made at
  std::string message;          ///< a line saying what happened
};

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
  /// The answer to a paste the last poll asked for (Controls::paste_text): the pattern's live
  /// cells in its width x height box, or no cells and a message saying why it cannot be pasted.
  virtual void pasted(const std::vector<Cell>& cells, std::int64_t width, std::int64_t height,
                      const std::string& message) {
    static_cast<void>(cells);
    static_cast<void>(width);
    static_cast<void>(height);
    static_cast<void>(message);
  }
  /// The answer to a copy the last poll asked for (Controls::copy_region): the cells as RLE, or
  /// "" when refused, and a line saying what happened. Ignored unless a display copies.
  virtual void copied(const std::string& rle, const std::string& message) {
    static_cast<void>(rle);
    static_cast<void>(message);
  }
  /// The answer to an edit of a selection in place the last poll asked for
  /// (Controls::edit_region). Ignored unless a display edits selections.
  virtual void selection_edited(const SelectionEdit& edit) { static_cast<void>(edit); }
  /// The answer to a save the last poll asked for (Controls::save_region): the file written, or
  /// "" when refused, and a line saying what happened.
  virtual void saved(const std::string& path, const std::string& message) {
    static_cast<void>(path);
    static_cast<void>(message);
  }
};

/// How a display window starts (from the command line).
struct DisplayOptions {
  int window_width = 1024;  ///< window width in pixels
  int window_height = 768;  ///< window height in pixels
  std::string script;       ///< scripted input (--view-script), "" for none
};

/// Creates the display of this build; set by a main that links the SDL2 viewer.
using DisplayFactory = std::function<std::unique_ptr<Display>(const DisplayOptions&)>;

/// What --view and `mpilife view` say (exit 64) in a build without the SDL2 viewer.
inline constexpr const char* kNoViewerMessage =
    "this mpilife was built without the SDL2 viewer (install libsdl2-dev, then rebuild)";

}  // namespace mpilife
