#pragma once

#include <cstdio>
#include <cstdlib>

namespace mpilife::fuzz {

/// Stops the run with a message when a property does not hold (libFuzzer saves the input).
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz property failed: %s\n", what);
  std::abort();
}

}  // namespace mpilife::fuzz
