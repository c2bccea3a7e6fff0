#pragma once

#include <cstdint>

namespace mpilife {

/// Progress on stderr for long runs: a live line on a terminal, otherwise a line every
/// `interval` seconds; silent for the first two seconds.
class Progress {
 public:
  /// Reports progress from `start` to `target`; does nothing when not `enabled`.
  Progress(std::int64_t start, std::int64_t target, double interval, bool enabled);
  /// Notes that generation `generation` is done (cheap; prints only when due).
  void update(std::int64_t generation);
  /// Clears the live line.
  void finish();

 private:
  std::int64_t start_;
  std::int64_t target_;
  double interval_;
  bool enabled_;
  bool tty_;
  bool shown_ = false;
  double t0_;
  double last_ = 0.0;
};

}  // namespace mpilife
