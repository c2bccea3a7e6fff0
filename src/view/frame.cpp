#include "mpilife/view/frame.hpp"

#include <algorithm>

namespace mpilife {

std::int64_t step_generations(int speed) {
  return speed > 0 ? std::int64_t{1} << std::min(speed, kMaxSpeed) : 1;
}

double frame_interval(int speed) {
  const double tick = 1.0 / 60.0;
  return speed >= 0 ? tick : tick * static_cast<double>(1 << std::min(-speed, -kMinSpeed));
}

}  // namespace mpilife
