#include "mpilife/view/rate_meter.hpp"

namespace mpilife {

void RateMeter::add(double t, std::int64_t total) {
  samples_.push_back({t, total});
  while (samples_.size() > 2 && t - samples_[1].first >= 1.0) samples_.pop_front();
}

double RateMeter::rate() const {
  if (samples_.size() < 2) return 0.0;
  const double dt = samples_.back().first - samples_.front().first;
  return dt > 0 ? static_cast<double>(samples_.back().second - samples_.front().second) / dt : 0.0;
}

}  // namespace mpilife
