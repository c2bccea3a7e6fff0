#pragma once

#include <string>
#include <vector>

#include "input.hpp"

namespace mpilife::viz {

/// Where a row of the key table works.
enum class KeyScope {
  both,   ///< live runs and replays
  live,   ///< live runs only
  replay  ///< replays only
};

/// One row of the key table: what to press (or do with the mouse) and what it does.
struct KeyBinding {
  std::vector<Key> keys;  ///< the keys of the row (none for a mouse action)
  const char* label;      ///< how the help panel and the README name them: "]  [  wheel"
  const char* action;     ///< what they do
  KeyScope scope;         ///< where they work
};

/// Every key and mouse action of the viewer, in the order the help panel lists them: the one
/// table the help panel is made from, that the README's key table follows and the tests check
/// against the keys ViewerController handles.
const std::vector<KeyBinding>& key_table();

/// The rows of key_table that work in a replay (true) or a live run (false), one line each: the
/// label padded to 13 columns, then the action.
std::vector<std::string> key_help(bool replay);

}  // namespace mpilife::viz
