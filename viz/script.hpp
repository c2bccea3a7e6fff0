#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mpilife::viz {

/// One command of a --view-script, e.g. "key Return" or "wait 30".
struct ScriptCommand {
  /// What the command does.
  enum class Op {
    key,         ///< press and release the key named `text` (SDL key names: Return, Space, ])
    run,         ///< press Return unless running
    stop,        ///< press Return if running
    step,        ///< press Space args[0] times; the next command waits until they are done
    wait,        ///< let args[0] frames (loop iterations, about 1/60 s each) pass
    until,       ///< wait until the generation shown reaches args[0]
    sleep,       ///< wait args[0] milliseconds
    click,       ///< left click at pixel (args[0], args[1])
    move,        ///< move the mouse pointer to pixel (args[0], args[1])
    wheel,       ///< turn the wheel args[2] notches (positive: zoom in) at (args[0], args[1])
    drag,        ///< drag with the left button from (args[0], args[1]) to (args[2], args[3])
    seek,        ///< replay: jump to frame args[0], numbered from 1 (types the digits, then g)
    screenshot,  ///< save the window to the file `text` (.png or .bmp)
    print,       ///< print the viewer's state as one "view: ..." line on stdout
    quit         ///< close the window
  };
  Op op = Op::wait;                ///< the command
  std::string text;                ///< key name or file name
  std::vector<std::int64_t> args;  ///< numbers
};

/// Parses "cmd arg; cmd arg; ..." (also newline-separated; '#' starts a comment); throws
/// Error (exit 64) naming the bad command.
std::vector<ScriptCommand> parse_script(const std::string& text);

/// The script language in a few lines, for --help.
std::string script_help();

}  // namespace mpilife::viz
