#include "mpilife/core/clock.hpp"

#include <chrono>

namespace mpilife {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace mpilife
