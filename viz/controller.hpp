#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "editing.hpp"
#include "input.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"
#include "mpilife/view/selection.hpp"
#include "viewer_state.hpp"

namespace mpilife::viz {

/// Turns key presses and mouse events into changes of the Controls, the Viewport and the overlay
/// state, the way Golly's keys work. Knows nothing of SDL: a window translates its events into
/// KeyPress and MouseEvent, and tests drive it directly.
class ViewerController {
 public:
  /// Speed level a replay starts at: 15 frames per second.
  static constexpr int kReplaySpeed = -2;

  /// Fits `source` into the window and starts it running (a replay at kReplaySpeed).
  void open(const ViewSource& source);
  /// Follows a window resize to `width` x `height` pixels (at least 1 x 1).
  void resize(int width, int height);
  /// Clears the one-shot controls (steps, seek, edits, reset) at the start of a poll.
  void begin_poll();
  /// Sets the view the controls ask for from the viewport at the end of a poll, and returns them.
  const Controls& end_poll();

  /// Handles one key press.
  void key(const KeyPress& press);
  /// Handles one mouse event.
  void mouse(const MouseEvent& event);
  /// Starts pasting `clip` (none: shows why not), `message` in the status panel.
  void pasted(std::optional<Clip> clip, const std::string& message);
  /// The clipboard's text, for the paste Ctrl+V asked for (the window reads the clipboard).
  void paste_text(const std::string& text);
  /// True once after each Ctrl+V: the window should read the clipboard and call paste_text.
  bool take_paste_request();
  /// Shows `message`, the outcome of a copy (or a save), in the status panel.
  void copied(const std::string& message);
  /// Takes the outcome of an edit of the selection in place (x y > < 5): its new rectangle, the
  /// undo of the edit when it was made stopped, and its message.
  void selection_edited(const SelectionEdit& edit);
  /// Quits (the window was closed).
  void quit();
  /// Asks for the picture to be drawn again (the window was uncovered).
  void invalidate();

  /// Records `frame` as the one shown; a frame of a source that stopped stops the run.
  void show(const Frame& frame);
  /// Whether the picture needs drawing now: it changed, and the last frame covers the view.
  bool should_draw() const;
  /// Records that the picture was drawn.
  void drawn();
  /// True once after each s press: the window should save a screenshot.
  bool take_screenshot_request();

  /// Everything the overlay, the title and the script read.
  const ViewerState& state() const { return state_; }

 private:
  void enter();
  void step(std::int64_t generations);
  void step_back();
  void reset();
  void undo(bool redo);
  void send_edits(const std::vector<CellEdit>& edits);
  bool alive_now(Cell cell) const;
  void end_stroke();
  void jump_to_end(bool last);
  void seek_typed();
  void zoom_at_pointer(int steps);
  void zoom(int steps, int px, int py);
  void pan(std::int64_t dx, std::int64_t dy);
  void move_pointer(int x, int y);
  bool paste_key(Key key);
  void place_paste(int x, int y);
  void start_selection(int x, int y);
  void extend_selection(int x, int y);
  void selection_key(bool clear);
  void edit_selection(SelectionOp op);
  void save_selection();
  void start_stroke(int x, int y);
  void continue_stroke(int x, int y);
  void stroke(const std::vector<CellEdit>& edits);
  bool on_timeline(int x, int y) const;
  void scrub(int x);
  void update_layout();
  void relayout();
  std::int64_t last_index() const;

  ViewerState state_;
  int width_ = 1;
  int height_ = 1;
  bool screenshot_ = false;
  bool pressed_ = false;
  bool dragging_ = false;
  bool scrubbing_ = false;
  int press_x_ = 0;
  int press_y_ = 0;
  int last_x_ = 0;
  int last_y_ = 0;
  bool selecting_ = false;
  bool paste_request_ = false;
  std::uint64_t fill_seed_ = 0;  // the last random fill's seed
  Cell anchor_;
  Pencil pencil_;
  EditHistory edits_;
  // What the current stroke did and how to put it back (cells it changed, as far as known).
  std::vector<CellEdit> stroke_undo_;
  std::vector<CellEdit> stroke_redo_;
  std::int64_t stroke_generation_ = 0;
  // Cells edited since the last frame shown (which shows them all once it comes): their state.
  struct CellHash {
    std::size_t operator()(const Cell& c) const {
      return std::hash<std::int64_t>()(c.x * 1000003 + c.y);
    }
  };
  std::unordered_map<Cell, bool, CellHash> pending_;
};

}  // namespace mpilife::viz
