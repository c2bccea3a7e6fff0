#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "mpilife/cli.hpp"

#ifndef MPILIFE_VERSION
#define MPILIFE_VERSION "0.0.0"
#endif

namespace mpilife {

namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string rate_text(double per_second) {
  if (per_second >= 1e9) return fixed(per_second / 1e9, 1) + " Gcell-updates/s";
  if (per_second >= 1e6) return fixed(per_second / 1e6, 1) + " Mcell-updates/s";
  return fixed(per_second, 0) + " cell-updates/s";
}

}  // namespace

double RunReport::cell_updates_per_second() const {
  return wall_seconds > 0 ? static_cast<double>(generations) * static_cast<double>(width) *
                                static_cast<double>(height) / wall_seconds
                          : 0.0;
}

std::string RunReport::line() const {
  std::string s = "mpilife: " + std::to_string(generations) + " generations of " +
                  std::to_string(width) + "x" + std::to_string(height) + " on " +
                  std::to_string(ranks) + (ranks == 1 ? " rank (" : " ranks (") +
                  std::to_string(procs.cols) + "x" + std::to_string(procs.rows) + ") in " +
                  fixed(wall_seconds, wall_seconds < 10 ? 2 : 1) +
                  " s = " + rate_text(cell_updates_per_second()) + ", halo wait " +
                  fixed(100.0 * halo_wait_fraction, 0) + "%";
  if (stopped != "completed")
    s += " (" + stopped + " at generation " + std::to_string(final_generation) + ")";
  return s;
}

std::string RunReport::json() const {
  nlohmann::json j;
  j["mpilife_version"] = MPILIFE_VERSION;
  j["generations"] = generations;
  j["final_generation"] = final_generation;
  j["width"] = width;
  j["height"] = height;
  j["ranks"] = ranks;
  j["process_grid"] = {procs.cols, procs.rows};
  j["kernel"] = kernel;
  j["rule"] = rule;
  j["topology"] = topology;
  j["wall_seconds"] = wall_seconds;
  j["cell_updates_per_second"] = cell_updates_per_second();
  j["halo_wait_fraction"] = halo_wait_fraction;
  j["final_population"] = final_population;
  j["stopped"] = stopped;
  return j.dump(2) + "\n";
}

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
