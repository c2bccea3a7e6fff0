#include "mpilife/app/report.hpp"

#include <algorithm>
#include <cstdio>

#include "json_types.hpp"
#include "mpilife/app/node_memory.hpp"

#ifndef MPILIFE_VERSION
#define MPILIFE_VERSION "0.0.0"
#endif

namespace mpilife {

namespace {

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

std::string to_string(StopReason reason) {
  switch (reason) {
    case StopReason::completed:
      return "completed";
    case StopReason::died_out:
      return "died-out";
    case StopReason::stable:
      return "stable";
    case StopReason::interrupted:
      return "interrupted";
    case StopReason::time_limit:
      return "time-limit";
    case StopReason::cell_limit:
      return "cell-limit";
  }
  return "completed";
}

std::optional<StopReason> parse_stop_reason(std::string_view text) {
  for (const StopReason r :
       {StopReason::completed, StopReason::died_out, StopReason::stable, StopReason::interrupted,
        StopReason::time_limit, StopReason::cell_limit}) {
    if (text == to_string(r)) return r;
  }
  return std::nullopt;
}

double RunReport::cell_updates_per_second() const {
  return wall_seconds > 0 ? cell_updates / wall_seconds : 0.0;
}

std::string RunReport::line() const {
  std::string s = "mpilife: " + std::to_string(generations) + " generations of " +
                  std::to_string(width) + "x" + std::to_string(height) + " on " +
                  std::to_string(ranks) + (ranks == 1 ? " rank (" : " ranks (") +
                  std::to_string(process_grid.cols) + "x" + std::to_string(process_grid.rows) +
                  ") in " + fixed(wall_seconds, wall_seconds < 10 ? 2 : 1) +
                  " s = " + rate_text(cell_updates_per_second()) + ", halo wait " +
                  fixed(100.0 * halo_wait_fraction, 0) + "%";
  if (halo_depth > 1 || time_block > 1) {
    s += " (halo depth " + std::to_string(halo_depth) + ", time block " +
         std::to_string(time_block) + ")";
  }
  if (topology == Topology::unbounded) {
    s += ", unbounded: grew " + std::to_string(growths) + (growths == 1 ? " time" : " times") +
         " in " + fixed(growth_seconds, growth_seconds < 10 ? 2 : 1) + " s";
  }
  if (!peak_memory_bytes.empty()) {
    const std::int64_t peak = *std::max_element(peak_memory_bytes.begin(), peak_memory_bytes.end());
    if (peak > 0) s += ", peak memory " + bytes_text(static_cast<long double>(peak)) + " per rank";
  }
  if (stopped != StopReason::completed) {
    s += " (" + to_string(stopped) + (stopped_by.empty() ? "" : " by " + stopped_by) +
         " at generation " + std::to_string(final_generation) + ")";
  }
  return s;
}

std::string RunReport::edge_warning() const {
  if (topology != Topology::plane || edge_reached_generation < 0) return "";
  return "mpilife: warning: live cells reached the edge of the " + std::to_string(width) + "x" +
         std::to_string(height) + " plane at generation " +
         std::to_string(edge_reached_generation) +
         "; from there on the result may differ from an unbounded universe (Golly's default), "
         "where cells beyond the edge can be born: give a larger --size to keep the pattern "
         "away from it";
}

std::string RunReport::json() const {
  nlohmann::json j = *this;
  // On a plane only: the first generation a live cell lay on the edge, null for never.
  if (topology == Topology::plane) {
    j["edge_reached_generation"] =
        edge_reached_generation >= 0 ? nlohmann::json(edge_reached_generation) : nlohmann::json();
  }
  j["mpilife_version"] = MPILIFE_VERSION;
  j["cell_updates_per_second"] = cell_updates_per_second();
  if (!stopped_by.empty()) j["stopped_by"] = stopped_by;
  return j.dump(2) + "\n";
}

}  // namespace mpilife
