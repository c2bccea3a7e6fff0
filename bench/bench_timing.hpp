#pragma once

// What the C++ bench drivers share: CPU time and medians.

#include <algorithm>
#include <ctime>
#include <vector>

namespace mpilife::bench {

/// CPU seconds of this process: unlike the wall clock, blind to other processes sharing the core.
inline double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

/// The median of `v` (the mean of the two middle values for an even count); `v` is not empty.
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace mpilife::bench
