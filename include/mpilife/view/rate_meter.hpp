#pragma once

#include <cstdint>
#include <deque>
#include <utility>

namespace mpilife {

/// A rate (events per second) over about the last second, for the viewer's overlay.
class RateMeter {
 public:
  /// Records that `total` events had happened by time `t` (seconds).
  void add(double t, std::int64_t total);
  /// Events per second over the samples kept; 0 before two samples.
  double rate() const;
  /// Forgets every sample (after a pause).
  void clear() { samples_.clear(); }

 private:
  std::deque<std::pair<double, std::int64_t>> samples_;
};

}  // namespace mpilife
