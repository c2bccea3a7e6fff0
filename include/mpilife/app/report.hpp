#pragma once

#include <cstdint>
#include <string>

#include "mpilife/core/decomposition.hpp"

namespace mpilife {

/// What a finished run reports: the stderr summary line and the --summary JSON.
struct RunReport {
  std::int64_t generations = 0;       ///< generations computed by this invocation
  std::int64_t final_generation = 0;  ///< generation of the final state
  std::int64_t width = 0;             ///< grid width
  std::int64_t height = 0;            ///< grid height
  int ranks = 1;                      ///< MPI processes
  ProcessGrid procs;                  ///< process grid
  std::string kernel;                 ///< "fast" or "reference"
  std::string rule;                   ///< rule with suffix
  std::string topology;               ///< "torus" or "plane"
  double wall_seconds = 0.0;          ///< time stepping, slowest rank
  double halo_wait_fraction = 0.0;    ///< mean over ranks of time blocked on halos / wall time
  std::int64_t final_population = 0;  ///< live cells at the end
  std::string stopped = "completed";  ///< completed, died-out, stable, interrupted

  /// Cell updates per second over the run.
  double cell_updates_per_second() const;
  /// "mpilife: 1000 generations of 4096x4096 on 4 ranks (2x2) in 0.42 s = 40.0 Gcell-updates/s,
  /// halo wait 3%".
  std::string line() const;
  /// The --summary JSON document.
  std::string json() const;
};

}  // namespace mpilife
