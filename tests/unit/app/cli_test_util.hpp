#pragma once
// Command-line parsing helpers shared by the unit tests of the cli module.
#include <vector>

#include "mpilife/app/options.hpp"
#include "mpilife/core/error.hpp"

namespace mpilife::test {

/// Parses `mpilife ARGS...`.
inline Command parse(std::vector<const char*> args) {
  args.insert(args.begin(), "mpilife");
  return parse_command_line(static_cast<int>(args.size()), args.data());
}

/// The exit code parsing `mpilife ARGS...` ends with (ok when it parses).
inline ExitCode code_of(std::vector<const char*> args) {
  try {
    parse(std::move(args));
  } catch (const Error& e) {
    return e.code();
  }
  return ExitCode::ok;
}

}  // namespace mpilife::test
