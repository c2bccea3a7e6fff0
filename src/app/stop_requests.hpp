#pragma once
// Private to the app layer: the requests that stop a run early, from signals (SIGINT, SIGTERM,
// SIGUSR1) and from the --max-time deadline, as a code that the ranks agree on by a max-reduce.

#include <cstdint>
#include <string>

#include "mpilife/app/report.hpp"

namespace mpilife {

/// Why to stop, as agreed over ranks with a max-reduce: the most urgent request wins.
enum class StopCode : std::int64_t { none = 0, max_time = 1, sigusr1 = 2, sigint = 3, sigterm = 4 };

/// Catches SIGINT, SIGTERM and SIGUSR1 for the lifetime of the object (restoring the previous
/// handlers after) and knows the --max-time deadline.
class StopRequests {
 public:
  /// Installs the handlers; `max_seconds` > 0 sets a deadline that many seconds from now.
  explicit StopRequests(std::int64_t max_seconds);
  ~StopRequests();
  StopRequests(const StopRequests&) = delete;
  StopRequests& operator=(const StopRequests&) = delete;

  /// What this rank has seen so far: the most urgent signal, else the deadline if it has passed.
  StopCode local() const;

 private:
  double deadline_;
  void (*previous_[3])(int);
};

/// How a run stopped by `code` (not none) ended: interrupted for SIGINT/SIGTERM, else time-limit.
StopReason stop_reason(StopCode code);

/// What stopped the run, as --summary's "stopped_by" says it: "SIGTERM", "--max-time"...
std::string stop_cause(StopCode code);

}  // namespace mpilife
