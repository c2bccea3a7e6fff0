#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "controller.hpp"
#include "input.hpp"
#include "script.hpp"

namespace mpilife::viz {

/// What one poll's script command asks of the display besides input.
struct ScriptStep {
  bool pending = false;    ///< commands remained: poll again within a tick
  bool fed_input = false;  ///< the command pressed keys, used the mouse or quit: do not wait
  std::string screenshot;  ///< save the picture to this file ("" for none)
  bool print = false;      ///< print state_line on stdout
};

/// Plays a --view-script into a ViewerController: one command per poll, each once the wait of
/// its predecessor is over. Key and mouse commands feed the controller the events a user would.
class ScriptPlayer {
 public:
  /// The key a script's key name stands for: nullopt when the name is no key at all, Key::none
  /// for a key the viewer does not use.
  using KeyNamer = std::function<std::optional<Key>(const std::string&)>;

  /// Parses `script` and resolves its key names with `key_named`; throws Error (exit 64) for a
  /// bad command or an unknown key.
  ScriptPlayer(const std::string& script, const KeyNamer& key_named);

  /// At time `now` (seconds, any monotonic clock), runs the next command into `viewer` if the
  /// previous command's wait is over.
  ScriptStep step(double now, ViewerController& viewer);

 private:
  void run(const ScriptCommand& command, Key key, double now, ViewerController& viewer,
           ScriptStep& out);

  std::vector<ScriptCommand> commands_;
  std::vector<Key> keys_;
  std::size_t next_ = 0;
  std::int64_t wait_polls_ = 0;
  double wait_until_ = 0.0;
  std::int64_t wait_generation_ = -1;
};

}  // namespace mpilife::viz
