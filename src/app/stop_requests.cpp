#include "stop_requests.hpp"

#include <csignal>
#include <limits>

#include "mpilife/core/clock.hpp"

namespace mpilife {

namespace {

constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGUSR1};

volatile std::sig_atomic_t g_stop_code = 0;

extern "C" void on_stop_signal(int sig) {
  const StopCode code = sig == SIGTERM  ? StopCode::sigterm
                        : sig == SIGINT ? StopCode::sigint
                                        : StopCode::sigusr1;
  if (static_cast<std::sig_atomic_t>(code) > g_stop_code) {
    g_stop_code = static_cast<std::sig_atomic_t>(code);
  }
}

}  // namespace

StopRequests::StopRequests(std::int64_t max_seconds)
    : deadline_(max_seconds > 0 ? now_seconds() + static_cast<double>(max_seconds)
                                : std::numeric_limits<double>::infinity()) {
  g_stop_code = 0;
  for (int i = 0; i < 3; ++i) previous_[i] = std::signal(kSignals[i], on_stop_signal);
}

StopRequests::~StopRequests() {
  for (int i = 0; i < 3; ++i) {
    if (previous_[i] != SIG_ERR) std::signal(kSignals[i], previous_[i]);
  }
}

StopCode StopRequests::local() const {
  if (g_stop_code != 0) return static_cast<StopCode>(g_stop_code);
  return now_seconds() >= deadline_ ? StopCode::max_time : StopCode::none;
}

StopReason stop_reason(StopCode code) {
  return code >= StopCode::sigint ? StopReason::interrupted : StopReason::time_limit;
}

std::string stop_cause(StopCode code) {
  switch (code) {
    case StopCode::sigterm:
      return "SIGTERM";
    case StopCode::sigint:
      return "SIGINT";
    case StopCode::sigusr1:
      return "SIGUSR1";
    case StopCode::max_time:
      return "--max-time";
    case StopCode::none:
      break;
  }
  return "";
}

}  // namespace mpilife
