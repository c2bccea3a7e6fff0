#include "mpilife/app/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "mpilife/core/clock.hpp"

namespace mpilife {

Progress::Progress(std::int64_t start, std::int64_t target, double interval, bool enabled)
    : start_(start),
      target_(target),
      interval_(interval),
      enabled_(enabled),
      tty_(::isatty(STDERR_FILENO) != 0),
      t0_(now_seconds()),
      last_(t0_) {}

void Progress::update(std::int64_t generation) {
  if (!enabled_) return;
  const double t = now_seconds();
  const double every = tty_ ? 0.25 : interval_;
  if (t - t0_ < 2.0 || t - last_ < every) return;
  last_ = t;
  const double done = static_cast<double>(generation - start_);
  const double total = static_cast<double>(target_ - start_);
  const double per_gen = (t - t0_) / std::max(done, 1.0);
  const double eta = per_gen * (total - done);
  std::fprintf(stderr, "%smpilife: generation %lld of %lld (%.0f%%), %.1f gen/s, ETA %.0f s%s",
               tty_ ? "\r" : "", static_cast<long long>(generation),
               static_cast<long long>(target_), total > 0 ? 100.0 * done / total : 100.0,
               per_gen > 0 ? 1.0 / per_gen : 0.0, std::ceil(eta), tty_ ? "\033[K" : "\n");
  std::fflush(stderr);
  shown_ = true;
}

void Progress::finish() {
  if (enabled_ && tty_ && shown_) std::fprintf(stderr, "\r\033[K");
}

}  // namespace mpilife
