#pragma once

#include <optional>

namespace mpilife::viz {

/// The keys the viewer knows, whatever the window system calls them; a window translates its own
/// key codes into these (several codes may make one key: Return and keypad Enter are both enter).
enum class Key {
  none,           ///< a key the viewer does not use
  enter,          ///< run / stop, play / pause, or jump to the typed frame
  space,          ///< one generation, or next frame
  period,         ///< next frame (same as space)
  tab,            ///< one step of the step size
  backspace,      ///< previous frame
  comma,          ///< previous frame (same as backspace)
  home,           ///< first frame
  end,            ///< last frame
  plus,           ///< faster
  minus,          ///< slower
  right_bracket,  ///< zoom in
  left_bracket,   ///< zoom out
  left,           ///< pan left
  right,          ///< pan right
  up,             ///< pan up
  down,           ///< pan down
  f,              ///< fit the grid in the window
  g,              ///< jump to the typed frame
  h,              ///< show / hide the help panel
  i,              ///< show / hide the pattern information panel
  p,              ///< show / hide the population plot
  f2,             ///< draw mode: a click or a drag draws with the pencil
  f5,             ///< move mode: clicks do not edit, dragging pans
  s,              ///< screenshot
  q,              ///< quit
  escape,         ///< quit
  ctrl_r,         ///< Ctrl+R: reset to the starting generation
  ctrl_z,         ///< Ctrl+Z: undo the last edit
  ctrl_shift_z,   ///< Ctrl+Shift+Z: redo
  ctrl_y,         ///< Ctrl+Y: redo
  f4,             ///< select mode: dragging selects a rectangle of cells
  ctrl_a,         ///< Ctrl+A: select the whole grid
  ctrl_c,         ///< Ctrl+C: copy the selection as RLE to the clipboard
  delete_key,     ///< Delete: clear the selection's cells
  ctrl_v,         ///< Ctrl+V: paste the clipboard's pattern (then place it with a click)
  r,              ///< while pasting: rotate the pattern clockwise
  x,              ///< flip the pattern being pasted, else the selection, left to right
  y,              ///< flip the pattern being pasted, else the selection, top to bottom
  greater,        ///< > (Shift+.): rotate the selection clockwise
  less,           ///< < (Shift+,): rotate the selection anticlockwise
  ctrl_s,         ///< Ctrl+S: save the selection as RLE to a new file
  digit_0,        ///< digit keys type a frame number in a replay; digit_1..digit_9 follow in order
  digit_1,        ///< the digit 1
  digit_2,        ///< the digit 2
  digit_3,        ///< the digit 3
  digit_4,        ///< the digit 4
  digit_5,        ///< the digit 5
  digit_6,        ///< the digit 6
  digit_7,        ///< the digit 7
  digit_8,        ///< the digit 8
  digit_9         ///< the digit 9
};

/// The key for digit `d` (0..9).
constexpr Key digit_key(int d) {
  return static_cast<Key>(static_cast<int>(Key::digit_0) + d);
}

/// The digit of a digit key, nullopt for other keys.
constexpr std::optional<int> digit_of(Key key) {
  const int d = static_cast<int>(key) - static_cast<int>(Key::digit_0);
  if (d < 0 || d > 9) return std::nullopt;
  return d;
}

/// One key going down.
struct KeyPress {
  Key key = Key::none;  ///< which key
  bool repeat = false;  ///< auto-repeat of a held key (Enter and s ignore these)
};

/// Mouse buttons.
enum class MouseButton { left, middle, right, other };

/// One mouse event, in window pixels.
struct MouseEvent {
  /// What happened.
  enum class Kind {
    move,     ///< the pointer moved to (x, y)
    press,    ///< `button` went down at (x, y)
    release,  ///< `button` went up at (x, y)
    wheel,    ///< the wheel turned `notches` (positive: away from the user) at (x, y)
    leave     ///< the pointer left the window
  };
  Kind kind = Kind::move;                  ///< what happened
  int x = 0;                               ///< pixel column
  int y = 0;                               ///< pixel row
  MouseButton button = MouseButton::left;  ///< the button of a press or release
  int notches = 0;                         ///< wheel notches
};

}  // namespace mpilife::viz
