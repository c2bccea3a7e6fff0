#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"

namespace mpilife {

/// Why a run ended: it reached the target generation, the grid died out or stopped changing
/// (--stop-when-stable), a signal (SIGINT, SIGTERM) stopped it, its time ran out (--max-time,
/// SIGUSR1), or an unbounded universe had to grow past --max-cells (or the nodes' memory).
enum class StopReason { completed, died_out, stable, interrupted, time_limit, cell_limit };

/// The name used in --summary and recordings: "completed", "died-out", "stable", "interrupted",
/// "time-limit", "cell-limit".
std::string to_string(StopReason reason);

/// The reason `text` names (as written by to_string); none for any other text.
std::optional<StopReason> parse_stop_reason(std::string_view text);

/// What a finished run reports: the stderr summary line and the --summary JSON.
struct RunReport {
  std::int64_t generations = 0;          ///< generations computed by this invocation
  std::int64_t final_generation = 0;     ///< generation of the final state
  std::int64_t width = 0;                ///< grid width (at the end)
  std::int64_t height = 0;               ///< grid height (at the end)
  std::int64_t origin_x = 0;             ///< Golly x of the grid's column 0 (at the end)
  std::int64_t origin_y = 0;             ///< Golly y of the grid's row 0 (at the end)
  double cell_updates = 0;               ///< cells updated over all generations (grids grow)
  int growths = 0;                       ///< unbounded: times the grid grew
  double growth_seconds = 0;             ///< unbounded: time spent growing, slowest rank
  int ranks = 1;                         ///< MPI processes
  ProcessGrid process_grid;              ///< process grid
  KernelKind kernel = KernelKind::fast;  ///< kernel that ran
  /// The fast kernel's instruction set that ran ("avx512"; ranks that differ: "avx512,portable",
  /// best first); "portable C++" for the reference kernel.
  std::string kernel_isa;
  std::string rule;                     ///< rule with suffix
  Topology topology = Topology::torus;  ///< grid edges
  double wall_seconds = 0.0;            ///< time stepping, slowest rank
  double halo_wait_fraction = 0.0;      ///< mean over ranks of halo wait / wall time
  int halo_depth = 1;                   ///< ghost depth: generations between halo exchanges
  int time_block = 1;                   ///< generations per sweep over memory (rank 0's)
  std::int64_t halo_messages = 0;       ///< halo messages sent, all ranks together
  double output_seconds = 0.0;  ///< time in the outputs (frames, checkpoints, files), slowest rank
  double output_wait_fraction = 0.0;  ///< mean over ranks of output time while stepping / wall time
  std::int64_t final_population = 0;  ///< live cells at the end
  StopReason stopped = StopReason::completed;  ///< why the run ended
  std::string stopped_by;  ///< what stopped it early: "SIGTERM", "SIGINT", "SIGUSR1", "--max-time"
  std::int64_t edge_reached_generation = -1;       ///< plane: first generation with a live cell on
                                                   ///< the grid's edge, -1 for none
  std::vector<std::int64_t> peak_memory_bytes;     ///< per rank: peak resident memory (VmHWM)
  std::vector<std::int64_t> planned_memory_bytes;  ///< per rank: the memory plan's need

  /// Cell updates per second over the run.
  double cell_updates_per_second() const;
  /// "mpilife: 1000 generations of 4096x4096 on 4 ranks (2x2) in 0.42 s = 40.0 Gcell-updates/s,
  /// halo wait 3%, peak memory 57 MiB per rank" (the largest rank's peak, when measured).
  std::string line() const;
  /// On a plane whose edge live cells reached: the warning that says so; "" otherwise.
  std::string edge_warning() const;
  /// The --summary JSON document.
  std::string json() const;
};

}  // namespace mpilife
