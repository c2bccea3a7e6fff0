#include "controller.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>

#include "keys.hpp"
#include "layout.hpp"
#include "mpilife/view/frame.hpp"
#include "overlay.hpp"

namespace mpilife::viz {

namespace {

// Pixels one arrow key press pans: an eighth of the window.
constexpr int kPanFraction = 8;
// Mouse travel (pixels) that turns a press into a drag instead of a click.
constexpr int kDragThreshold = 3;
// Height of the click target of the replay timeline at the bottom of the window.
constexpr int kTimelineTarget = 16;
// Longest frame number one can type.
constexpr std::size_t kMaxDigits = 18;

}  // namespace

void ViewerController::open(const ViewSource& source) {
  state_.source = source;
  state_.replay = source.frames > 0;
  update_layout();
  state_.viewport =
      Viewport(source.width, source.height, state_.layout.grid.w, state_.layout.grid.h);
  state_.history = PopulationHistory{};
  state_.controls = Controls{};
  state_.controls.running = true;
  state_.controls.speed = state_.replay ? kReplaySpeed : 0;
  state_.frame = Frame{};
  state_.have_frame = false;
}

void ViewerController::resize(int width, int height) {
  width_ = width;
  height_ = height;
  relayout();
}

void ViewerController::begin_poll() {
  state_.controls.steps = 0;
  state_.controls.seek = -1;
  state_.controls.edits.clear();
  state_.controls.reset = false;
  state_.controls.clear_region = Extent{};
  state_.controls.copy_region = Extent{};
  state_.controls.paste_text.clear();
  state_.controls.edit_region = Extent{};
  state_.controls.edit_op = SelectionOp::none;
  state_.controls.save_region = Extent{};
}

const Controls& ViewerController::end_poll() {
  state_.controls.view = state_.viewport.request();
  return state_.controls;
}

void ViewerController::key(const KeyPress& press) {
  Controls& c = state_.controls;
  if (!state_.notice.empty()) {
    state_.notice.clear();
    state_.dirty = true;
  }
  if (state_.paste && paste_key(press.key)) return;
  if (const auto d = digit_of(press.key); d && state_.replay) {
    if (state_.digits.size() < kMaxDigits) state_.digits.push_back(static_cast<char>('0' + *d));
    state_.dirty = true;
    return;
  }
  switch (press.key) {
    case Key::enter:
      if (!press.repeat) enter();
      break;
    case Key::g:
      if (state_.replay) seek_typed();
      break;
    case Key::space:
    case Key::period:
      step(1);
      break;
    case Key::tab:
      step(step_generations(c.speed));
      break;
    case Key::backspace:
    case Key::comma:
      step_back();
      break;
    case Key::home:
    case Key::end:
      jump_to_end(press.key == Key::end);
      break;
    case Key::plus:
      c.speed = std::min(c.speed + 1, kMaxSpeed);
      state_.dirty = true;
      break;
    case Key::minus:
      c.speed = std::max(c.speed - 1, kMinSpeed);
      state_.dirty = true;
      break;
    case Key::right_bracket:
    case Key::left_bracket:
      zoom_at_pointer(press.key == Key::right_bracket ? 1 : -1);
      break;
    case Key::left:
    case Key::right:
      pan((press.key == Key::left ? 1 : -1) * (state_.layout.grid.w / kPanFraction), 0);
      break;
    case Key::up:
    case Key::down:
      pan(0, (press.key == Key::up ? 1 : -1) * (state_.layout.grid.h / kPanFraction));
      break;
    case Key::f:
      state_.viewport.fit();
      state_.dirty = true;
      break;
    case Key::h:
      state_.help = !state_.help;
      relayout();
      break;
    case Key::i:
      state_.info = !state_.info;
      relayout();
      break;
    case Key::p:
      state_.plot = !state_.plot;
      relayout();
      break;
    case Key::f2:
    case Key::f4:
    case Key::f5:
      if (!state_.replay) {
        state_.mode = press.key == Key::f2   ? EditMode::draw
                      : press.key == Key::f4 ? EditMode::select
                                             : EditMode::move;
      }
      state_.dirty = true;
      break;
    case Key::ctrl_a:
      if (!state_.replay)
        state_.selection = Extent{0, 0, state_.source.width, state_.source.height};
      state_.dirty = true;
      break;
    case Key::ctrl_v:
      if (!state_.replay && !press.repeat) paste_request_ = true;
      break;
    case Key::ctrl_c:
    case Key::delete_key:
      selection_key(press.key == Key::delete_key);
      break;
    case Key::x:
      edit_selection(SelectionOp::flip_x);
      break;
    case Key::y:
      edit_selection(SelectionOp::flip_y);
      break;
    case Key::greater:
      edit_selection(SelectionOp::rotate_cw);
      break;
    case Key::less:
      edit_selection(SelectionOp::rotate_ccw);
      break;
    case Key::digit_5:
      edit_selection(SelectionOp::random_fill);
      break;
    case Key::ctrl_s:
      if (!press.repeat) save_selection();
      break;
    case Key::ctrl_r:
      if (!press.repeat) reset();
      break;
    case Key::ctrl_z:
    case Key::ctrl_shift_z:
    case Key::ctrl_y:
      undo(press.key != Key::ctrl_z);
      break;
    case Key::s:
      if (!press.repeat) screenshot_ = true;
      break;
    case Key::q:
    case Key::escape:
      c.quit = true;
      break;
    default:
      break;
  }
}

void ViewerController::mouse(const MouseEvent& event) {
  switch (event.kind) {
    case MouseEvent::Kind::move:
      move_pointer(event.x, event.y);
      break;
    case MouseEvent::Kind::press:
      pressed_ = true;
      dragging_ = false;
      press_x_ = last_x_ = state_.pointer_x = event.x;
      press_y_ = last_y_ = state_.pointer_y = event.y;
      scrubbing_ = event.button == MouseButton::left && on_timeline(event.x, event.y);
      if (scrubbing_) scrub(event.x);
      if (!scrubbing_ && event.button == MouseButton::left && state_.paste) {
        place_paste(event.x, event.y);
      } else if (!scrubbing_ && event.button == MouseButton::left) {
        start_stroke(event.x, event.y);
        start_selection(event.x, event.y);
      }
      break;
    case MouseEvent::Kind::release:
      if (scrubbing_) scrub(event.x);
      if (pencil_.active()) {
        continue_stroke(event.x, event.y);
        end_stroke();
      }
      if (selecting_) {
        extend_selection(event.x, event.y);
        selecting_ = false;
      }
      pressed_ = false;
      dragging_ = false;
      scrubbing_ = false;
      break;
    case MouseEvent::Kind::wheel:
      if (event.notches != 0 && state_.layout.grid.contains(event.x, event.y)) {
        zoom(event.notches, event.x, event.y);
      }
      break;
    case MouseEvent::Kind::leave:
      state_.pointer_x = state_.pointer_y = -1;
      state_.dirty = true;
      break;
  }
}

void ViewerController::quit() {
  state_.controls.quit = true;
}

void ViewerController::invalidate() {
  state_.dirty = true;
}

void ViewerController::show(const Frame& frame) {
  state_.frame = frame;
  state_.have_frame = true;
  pending_.clear();  // the edits sent before this frame are in it
  state_.undoable = edits_.undoable(frame.generation);
  state_.redoable = edits_.redoable(frame.generation);
  state_.history.record(frame.generation, frame.population);
  if (!frame.running) state_.controls.running = false;
}

bool ViewerController::should_draw() const {
  return state_.dirty && state_.have_frame && state_.controls.view == state_.frame.view;
}

void ViewerController::drawn() {
  state_.dirty = false;
}

bool ViewerController::take_screenshot_request() {
  return std::exchange(screenshot_, false);
}

// Enter: jumps to the typed frame if digits were typed, else runs / stops.
void ViewerController::enter() {
  if (!state_.digits.empty()) {
    seek_typed();
  } else {
    state_.controls.running = !state_.controls.running;
  }
  state_.dirty = true;
}

// Space / Tab: a step when stopped; when running they stop, as in Golly.
void ViewerController::step(std::int64_t generations) {
  if (state_.controls.running) {
    state_.controls.running = false;
  } else {
    state_.controls.steps += generations;
  }
  state_.dirty = true;
}

// Ctrl+R in a live run: back to the starting generation, stopped (as Golly's Reset), unless the
// run cannot (the refusal is shown instead). The view stays where it is.
void ViewerController::reset() {
  if (state_.replay) return;
  if (!state_.source.reset_refusal.empty()) {
    state_.notice = state_.source.reset_refusal;
  } else {
    state_.controls.reset = true;
    state_.controls.running = false;
    state_.controls.steps = 0;
    state_.controls.edits.clear();  // made before it, to the generation left behind
    edits_.clear();
    pending_.clear();
    state_.undoable = state_.redoable = 0;
  }
  state_.dirty = true;
}

// Ctrl+Z (redo false) and Ctrl+Shift+Z / Ctrl+Y (redo true): the last edit put back or made
// again, only while stopped at the generation it was made at (Golly without its history); the
// status panel says so when there is nothing to do.
void ViewerController::undo(bool redo) {
  if (state_.replay) return;
  Controls& c = state_.controls;
  std::optional<std::vector<CellEdit>> edits;
  if (!c.running && c.steps == 0 && !c.reset && state_.have_frame) {
    const std::int64_t gen = state_.frame.generation;
    edits = redo ? edits_.redo(gen) : edits_.undo(gen);
    state_.undoable = edits_.undoable(gen);
    state_.redoable = edits_.redoable(gen);
  }
  if (edits) {
    send_edits(*edits);
  } else {
    state_.notice = redo ? "nothing to redo (edits are undone while stopped at their generation)"
                         : "nothing to undo (edits are undone while stopped at their generation)";
  }
  state_.dirty = true;
}

// Sends `edits` with this poll's controls, and notes the state they give their cells until a
// frame shows it.
void ViewerController::send_edits(const std::vector<CellEdit>& edits) {
  for (const CellEdit& e : edits) {
    state_.controls.edits.push_back(e);
    const bool now = e.change == CellChange::set     ? true
                     : e.change == CellChange::clear ? false
                                                     : !alive_now(e.cell);
    pending_[e.cell] = now;
  }
}

// Whether `cell` is alive as far as the viewer knows: its last edit since the frame shown, else
// the frame (dead when the frame does not show it cell by cell).
bool ViewerController::alive_now(Cell cell) const {
  if (const auto it = pending_.find(cell); it != pending_.end()) return it->second;
  return shown_alive(state_.frame, cell).value_or(false);
}

// Ends the pencil's stroke: made while stopped, it becomes one edit Ctrl+Z can undo (undo puts
// back the cells it changed, in reverse order).
void ViewerController::end_stroke() {
  if (!pencil_.active()) return;
  pencil_.end();
  if (!state_.controls.running) {
    std::reverse(stroke_undo_.begin(), stroke_undo_.end());
    edits_.record(stroke_generation_, std::move(stroke_undo_), std::move(stroke_redo_));
    state_.undoable = edits_.undoable(stroke_generation_);
    state_.redoable = edits_.redoable(stroke_generation_);
  }
  stroke_undo_.clear();
  stroke_redo_.clear();
}

// Backspace: a frame back in a replay (pausing it).
void ViewerController::step_back() {
  if (state_.replay) {
    state_.controls.running = false;
    state_.controls.steps -= 1;
  }
  state_.dirty = true;
}

// Home / End: the first or last frame of a replay (pausing it).
void ViewerController::jump_to_end(bool last) {
  if (!state_.replay) return;
  state_.controls.seek = last ? last_index() : 0;
  state_.controls.running = false;
  state_.dirty = true;
}

// Digits then g (or Enter): the frame the overlay numbers N, counting from 1, is index N - 1.
void ViewerController::seek_typed() {
  if (state_.digits.empty()) return;
  state_.controls.seek = std::clamp<std::int64_t>(std::stoll(state_.digits) - 1, 0, last_index());
  state_.controls.steps = 0;
  state_.controls.running = false;
  state_.digits.clear();
  state_.dirty = true;
}

// ] and [ zoom about the pointer while it is over the grid, else about the grid's centre.
void ViewerController::zoom_at_pointer(int steps) {
  const Rect& grid = state_.layout.grid;
  if (grid.contains(state_.pointer_x, state_.pointer_y)) {
    zoom(steps, state_.pointer_x, state_.pointer_y);
  } else {
    zoom(steps, grid.x + grid.w / 2, grid.y + grid.h / 2);
  }
}

void ViewerController::zoom(int steps, int px, int py) {
  state_.viewport.zoom_by(steps, px, py);
  state_.dirty = true;
}

void ViewerController::pan(std::int64_t dx, std::int64_t dy) {
  state_.viewport.pan(dx, dy);
  state_.dirty = true;
}

// Pointer motion (the status line shows the cell under it); with a button held it scrubs the
// replay timeline when pressed there, else beyond kDragThreshold pixels it drags the picture.
void ViewerController::move_pointer(int x, int y) {
  state_.pointer_x = x;
  state_.pointer_y = y;
  state_.dirty = true;
  if (!pressed_) return;
  if (scrubbing_) {
    scrub(x);
    return;
  }
  if (pencil_.active()) {
    continue_stroke(x, y);
    return;
  }
  if (selecting_) {
    extend_selection(x, y);
    return;
  }
  if (!dragging_ &&
      (std::abs(x - press_x_) > kDragThreshold || std::abs(y - press_y_) > kDragThreshold)) {
    dragging_ = true;
  }
  if (dragging_) {
    pan(x - last_x_, y - last_y_);
    last_x_ = x;
    last_y_ = y;
  }
}

// A left press on the grid in draw mode starts a pencil stroke in a live run zoomed in (1 cell
// per pixel or more), running or not: the cell's state decides whether the stroke sets or clears.
// Its edits go out with this poll (the ranks apply them at the next generation boundary).
void ViewerController::start_stroke(int x, int y) {
  if (state_.replay || state_.mode != EditMode::draw || state_.viewport.zoom() < 0 ||
      !state_.layout.grid.contains(x, y)) {
    return;
  }
  const auto cell = state_.viewport.cell_at(x - state_.layout.grid.x, y - state_.layout.grid.y);
  if (!cell) return;
  const bool alive = alive_now(*cell);
  stroke_generation_ = state_.frame.generation;
  stroke_undo_.clear();
  stroke_redo_.clear();
  stroke({pencil_.begin(*cell, alive)});
}

// The pointer moved to (x, y) with the stroke on: the cells on the line from the last position.
// Beyond the grid the stroke waits for the pointer to come back.
void ViewerController::continue_stroke(int x, int y) {
  if (!state_.layout.grid.contains(x, y)) return;
  const auto cell = state_.viewport.cell_at(x - state_.layout.grid.x, y - state_.layout.grid.y);
  if (cell) stroke(pencil_.extend(*cell));
}

// Sends the stroke's `edits` and notes, for undo, the cells they change and what they were.
void ViewerController::stroke(const std::vector<CellEdit>& edits) {
  for (const CellEdit& e : edits) {
    const bool alive = alive_now(e.cell);
    if (alive != (e.change == CellChange::set)) {
      stroke_undo_.push_back({e.cell, alive ? CellChange::set : CellChange::clear});
      stroke_redo_.push_back(e);
    }
  }
  send_edits(edits);
  state_.dirty = true;
}

// A left press on the grid in select mode (live runs, any zoom) starts a selection at its cell.
void ViewerController::start_selection(int x, int y) {
  if (state_.replay || state_.mode != EditMode::select || !state_.layout.grid.contains(x, y)) {
    return;
  }
  const auto cell = state_.viewport.cell_at(x - state_.layout.grid.x, y - state_.layout.grid.y);
  if (!cell) return;
  selecting_ = true;
  anchor_ = *cell;
  state_.selection = Extent{cell->x, cell->y, 1, 1};
  state_.dirty = true;
}

// The selection is the rectangle from the anchor to the cell under (x, y), both included (the
// pointer beyond the grid selects to its edge).
void ViewerController::extend_selection(int x, int y) {
  const Viewport& v = state_.viewport;
  const Rect& g = state_.layout.grid;
  const auto clamp_cell = [](double c, std::int64_t n) {
    return std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(c)), 0, n - 1);
  };
  const double per =
      static_cast<double>(v.pixels_per_cell()) / static_cast<double>(v.cells_per_pixel());
  const std::int64_t cx =
      clamp_cell(static_cast<double>(x - g.x - v.origin_x()) / per, state_.source.width);
  const std::int64_t cy =
      clamp_cell(static_cast<double>(y - g.y - v.origin_y()) / per, state_.source.height);
  const std::int64_t x0 = std::min(anchor_.x, cx);
  const std::int64_t y0 = std::min(anchor_.y, cy);
  state_.selection =
      Extent{x0, y0, std::max(anchor_.x, cx) - x0 + 1, std::max(anchor_.y, cy) - y0 + 1};
  state_.dirty = true;
}

// Ctrl+C copies the selection (the ranks that own it send its cells; the window puts the RLE on
// the clipboard); Delete clears its cells, which forgets the edits Ctrl+Z could undo.
void ViewerController::selection_key(bool clear) {
  if (state_.replay) return;
  if (state_.selection.w <= 0) {
    state_.notice = clear ? "Delete: nothing is selected (F4, then drag; Ctrl+A: all)"
                          : "Ctrl+C: nothing is selected (F4, then drag; Ctrl+A: all)";
  } else if (clear) {
    state_.controls.clear_region = state_.selection;
    edits_.clear();
    pending_.clear();
    state_.undoable = state_.redoable = 0;
  } else {
    state_.controls.copy_region = state_.selection;
  }
  state_.dirty = true;
}

// x y > < 5 (when not pasting): the selection flipped, rotated about its centre or filled at
// random in place, by the ranks that own it (one edit at a time, each one a poll). A rotation
// that would take the selection beyond the grid is refused here, as in Golly. A random fill's
// seed counts 1, 2, 3... so a session can be repeated.
void ViewerController::edit_selection(SelectionOp op) {
  if (state_.replay) return;
  const Extent& s = state_.selection;
  const Extent to = transformed_rect(s, op);
  if (s.w <= 0) {
    state_.notice = "nothing is selected to edit (F4, then drag; Ctrl+A: all)";
  } else if (to.x0 < 0 || to.y0 < 0 || to.x0 + to.w > state_.source.width ||
             to.y0 + to.h > state_.source.height) {
    state_.notice = "cannot rotate: the turned selection would leave the grid";
  } else if (state_.controls.edit_region.w <= 0) {
    state_.controls.edit_region = s;
    state_.controls.edit_op = op;
    if (op == SelectionOp::random_fill) state_.controls.fill_seed = ++fill_seed_;
  }
  state_.dirty = true;
}

// Ctrl+S: the selection written as RLE to a new file (the run names it and says where).
void ViewerController::save_selection() {
  if (state_.replay) return;
  if (state_.selection.w <= 0) {
    state_.notice = "Ctrl+S: nothing is selected (F4, then drag; Ctrl+A: all)";
  } else {
    state_.controls.save_region = state_.selection;
  }
  state_.dirty = true;
}

void ViewerController::selection_edited(const SelectionEdit& edit) {
  state_.notice = edit.message;
  if (edit.done) {
    state_.selection = edit.selection;
    if (edit.undoable && !state_.controls.running) {
      edits_.record(edit.generation, edit.flips, edit.flips);
    } else {
      edits_.clear();  // the edits before it no longer fit the grid
    }
    pending_.clear();
    state_.undoable = edits_.undoable(edit.generation);
    state_.redoable = edits_.redoable(edit.generation);
  }
  state_.dirty = true;
}

// While pasting: r rotates, x and y flip the pattern, Esc cancels; true when the key was one of
// those (the others keep their meaning: zoom, pan, run).
bool ViewerController::paste_key(Key key) {
  Clip& clip = *state_.paste;
  switch (key) {
    case Key::r:
      clip = rotated(clip);
      break;
    case Key::x:
      clip = flipped_x(clip);
      break;
    case Key::y:
      clip = flipped_y(clip);
      break;
    case Key::escape:
      state_.paste.reset();
      state_.notice = "paste cancelled";
      break;
    default:
      return false;
  }
  state_.dirty = true;
  return true;
}

// A left press while pasting places the pattern with its top-left cell at the cell under (x, y):
// its live cells are set (Golly's "or" mode), as one edit Ctrl+Z can undo while stopped; cells
// beyond the grid are dropped.
void ViewerController::place_paste(int x, int y) {
  if (!state_.layout.grid.contains(x, y)) return;
  const auto at = state_.viewport.cell_at(x - state_.layout.grid.x, y - state_.layout.grid.y);
  if (!at) return;
  std::vector<CellEdit> edits;
  for (const Cell& c : state_.paste->cells) {
    const Cell cell{at->x + c.x, at->y + c.y};
    if (cell.x < state_.source.width && cell.y < state_.source.height) {
      edits.push_back({cell, CellChange::set});
    }
  }
  state_.paste.reset();
  state_.notice.clear();
  stroke_generation_ = state_.frame.generation;
  stroke_undo_.clear();
  stroke_redo_.clear();
  pencil_.begin(*at, false);  // the paste is recorded as a stroke: one edit for Ctrl+Z
  stroke(edits);
  end_stroke();
}

void ViewerController::pasted(std::optional<Clip> clip, const std::string& message) {
  state_.paste = std::move(clip);
  state_.notice = message;
  state_.dirty = true;
}

void ViewerController::paste_text(const std::string& text) {
  if (text.empty()) {
    state_.notice = "Ctrl+V: the clipboard holds no text";
  } else {
    state_.controls.paste_text = text;
  }
  state_.dirty = true;
}

bool ViewerController::take_paste_request() {
  return std::exchange(paste_request_, false);
}

void ViewerController::copied(const std::string& message) {
  state_.notice = message;
  state_.dirty = true;
}

bool ViewerController::on_timeline(int x, int y) const {
  return state_.replay && state_.source.frames > 0 && x >= 0 && x < width_ &&
         y >= height_ - kTimelineTarget && y < height_;
}

// The timeline under pixel column x, pressed or dragged along: the frame there, paused.
void ViewerController::scrub(int x) {
  const std::int64_t frames = state_.source.frames;
  state_.controls.seek = std::clamp<std::int64_t>(
      static_cast<std::int64_t>(x) * frames / std::max(1, width_), 0, last_index());
  state_.controls.running = false;
  state_.dirty = true;
}

// Computes the layout of the window for the panels shown.
void ViewerController::update_layout() {
  PanelContent content;
  if (state_.help) content.help = key_help(state_.replay);
  if (state_.info) content.info = info_lines(state_.source);
  content.plot = state_.plot;
  state_.layout = screen_layout(width_, height_, content);
}

// A panel appeared or went, or the window changed: the grid's part of the window follows, keeping
// the cell at its centre.
void ViewerController::relayout() {
  update_layout();
  state_.viewport.resize(state_.layout.grid.w, state_.layout.grid.h);
  state_.dirty = true;
}

std::int64_t ViewerController::last_index() const {
  return std::max<std::int64_t>(0, state_.source.frames - 1);
}

}  // namespace mpilife::viz
