#include "keys.hpp"

#include <algorithm>
#include <cstddef>

namespace mpilife::viz {

namespace {

// Columns of the label in a help line.
constexpr std::size_t kLabelColumns = 13;

std::vector<Key> digits_and_g() {
  std::vector<Key> keys;
  for (int d = 0; d <= 9; ++d) keys.push_back(digit_key(d));
  keys.push_back(Key::g);
  return keys;
}

}  // namespace

const std::vector<KeyBinding>& key_table() {
  static const std::vector<KeyBinding> table = {
      {{Key::enter}, "Enter", "run / stop", KeyScope::live},
      {{Key::space, Key::period}, "Space  .", "one generation (stops a run)", KeyScope::live},
      {{Key::tab}, "Tab", "one step of the step size (stops a run)", KeyScope::live},
      {{},
       "click drag",
       "pencil: first cell alive clears, else draws (draw mode, zoomed in)",
       KeyScope::live},
      {{Key::f2}, "F2", "draw mode: click or drag draws, also running", KeyScope::live},
      {{Key::f5}, "F5", "move mode: drag pans, clicks do not edit", KeyScope::live},
      {{Key::ctrl_r}, "Ctrl+R", "reset to the starting generation (stops)", KeyScope::live},
      {{Key::ctrl_z}, "Ctrl+Z", "undo an edit (stopped, same generation)", KeyScope::live},
      {{Key::ctrl_shift_z, Key::ctrl_y}, "Ctrl+Shift+Z  Ctrl+Y", "redo", KeyScope::live},
      {{Key::f4}, "F4", "select mode: drag a rectangle of cells", KeyScope::live},
      {{Key::ctrl_a}, "Ctrl+A", "select the whole grid", KeyScope::live},
      {{Key::ctrl_c}, "Ctrl+C", "copy the selection as RLE to the clipboard", KeyScope::live},
      {{Key::delete_key}, "Delete", "clear the selection's cells", KeyScope::live},
      {{Key::x, Key::y},
       "x  y",
       "flip the selection left-right, top-bottom (undoable)",
       KeyScope::live},
      {{Key::greater, Key::less},
       ">  <",
       "rotate the selection clockwise, anticlockwise",
       KeyScope::live},
      {{Key::digit_5}, "5", "fill the selection at random (50%, seed shown)", KeyScope::live},
      {{Key::ctrl_s}, "Ctrl+S", "save the selection as selection-GEN.rle here", KeyScope::live},
      {{Key::ctrl_v}, "Ctrl+V", "paste the clipboard's pattern at the pointer", KeyScope::live},
      {{Key::r, Key::x, Key::y},
       "r  x  y",
       "pasting: rotate clockwise, flip left-right, top-bottom",
       KeyScope::live},
      {{}, "click Esc", "pasting: place the pattern there, or cancel", KeyScope::live},
      {{Key::enter}, "Enter", "play / pause (after digits: jump)", KeyScope::replay},
      {{Key::space, Key::period}, "Space  .", "next frame", KeyScope::replay},
      {{Key::backspace, Key::comma}, "Bksp   ,", "previous frame", KeyScope::replay},
      {{Key::tab}, "Tab", "forward one step of the step size", KeyScope::replay},
      {{Key::home, Key::end}, "Home  End", "first / last frame", KeyScope::replay},
      {digits_and_g(), "digits g", "jump to that frame (numbered as shown)", KeyScope::replay},
      {{}, "timeline", "click or drag along it to scrub", KeyScope::replay},
      {{Key::plus, Key::minus},
       "+  -",
       "faster / slower: step 2^n, then slower frames",
       KeyScope::both},
      {{Key::right_bracket, Key::left_bracket},
       "]  [  wheel",
       "zoom in / out about the cursor",
       KeyScope::both},
      {{Key::left, Key::right, Key::up, Key::down},
       "arrows drag",
       "pan (drag: right button; left in move mode, zoomed out, replays)",
       KeyScope::both},
      {{Key::f}, "f", "fit the grid in the window", KeyScope::both},
      {{Key::i}, "i", "show / hide the pattern information", KeyScope::both},
      {{Key::p}, "p", "show / hide the population plot", KeyScope::both},
      {{Key::s}, "s", "screenshot (PNG or BMP) in the current folder", KeyScope::both},
      {{Key::h}, "h", "show / hide this help", KeyScope::both},
      {{Key::q, Key::escape}, "q  Esc", "quit", KeyScope::both},
  };
  return table;
}

std::vector<std::string> key_help(bool replay) {
  std::vector<std::string> lines;
  const KeyScope mine = replay ? KeyScope::replay : KeyScope::live;
  for (const KeyBinding& b : key_table()) {
    if (b.scope != KeyScope::both && b.scope != mine) continue;
    std::string line = b.label;
    line.resize(std::max(line.size() + 1, kLabelColumns), ' ');
    lines.push_back(line + b.action);
  }
  return lines;
}

}  // namespace mpilife::viz
