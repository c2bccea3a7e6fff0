#pragma once

// What reading a pattern file raises, for the format tests.

#include <string>
#include <utility>

#include "mpilife/core/error.hpp"
#include "mpilife/io/pattern.hpp"

namespace mpilife::test {

/// The message and exit code of reading `path` (the message is "no error" when it reads).
inline std::pair<std::string, ExitCode> read_error(const std::string& path,
                                                   const PatternLimits& limits = {}) {
  try {
    read_pattern(path, limits);
  } catch (const Error& e) {
    return {e.what(), e.code()};
  }
  return {"no error", ExitCode::ok};
}

}  // namespace mpilife::test
