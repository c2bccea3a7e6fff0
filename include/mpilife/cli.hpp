#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mpilife/decomposition.hpp"
#include "mpilife/kernel.hpp"
#include "mpilife/pattern.hpp"
#include "mpilife/rule.hpp"

namespace mpilife {

/// What `mpilife run` was asked to do, as typed (before reading the pattern).
struct RunOptions {
  std::string pattern;                               ///< pattern file, "" for none
  std::int64_t generations = 100;                    ///< target generation
  std::optional<std::array<std::int64_t, 2>> size;   ///< --size W x H
  std::string rule;                                  ///< --rule text, "" when not given
  std::string topology;                              ///< "torus", "plane" or "" when not given
  std::optional<double> density;                     ///< --random
  std::uint64_t seed = 1;                            ///< --seed
  std::optional<std::array<std::int64_t, 2>> at;     ///< --at X,Y
  std::string decomp = "2d";                         ///< --decomp
  std::string kernel = "fast";                       ///< --kernel
  std::string final_path;                            ///< --final
  std::string stats_path;                            ///< --stats
  std::string summary_path;                          ///< --summary
  bool stop_when_stable = false;                     ///< --stop-when-stable
  bool force = false;                                ///< --force: overwrite existing outputs
  bool quiet = false;                                ///< --quiet: no summary line or progress
  double progress_seconds = 5.0;                     ///< --progress: seconds between progress lines
  std::string output_path;                           ///< --output: HDF5 recording, "" for none
  std::int64_t every = 1;                            ///< --every: record every K-th generation
  std::string io = "auto";                           ///< --io: gather, parallel or auto
  std::int64_t frame_scale = 1;                      ///< --frame-scale: cells per pixel side
  std::string checkpoint_path;                       ///< --checkpoint: HDF5 checkpoint, "" for none
  std::int64_t checkpoint_every = 0;                 ///< --checkpoint-every, 0 = only the last
  std::string restart_path;                          ///< --restart: checkpoint to continue
  bool view = false;                                 ///< --view: live SDL2 viewer on rank 0
  bool generations_given = false;                    ///< -g was typed (--view pauses there)
  std::array<std::int64_t, 2> window = {1024, 768};  ///< --window: viewer size in pixels
  std::string view_script;                           ///< --view-script: scripted viewer input
};

/// What `mpilife info` and `mpilife export` were asked to do.
struct InspectOptions {
  std::string file;         ///< the recording or checkpoint
  std::int64_t frame = -1;  ///< export: frame index, negative counts from the end
  std::string out_path;     ///< export: RLE file, "" for stdout
};

/// What `mpilife view` was asked to do.
struct ViewOptions {
  std::string file;                                  ///< the recording to replay
  std::array<std::int64_t, 2> window = {1024, 768};  ///< --window: size in pixels
  std::string script;                                ///< --view-script: scripted input
};

/// The parsed command line.
struct Command {
  enum class Kind { run, help, version, info, export_frame, view };
  Kind kind = Kind::help;  ///< what to do
  std::string text;        ///< help or version text to print for help/version
  RunOptions run;          ///< options of `run`
  InspectOptions inspect;  ///< options of `info` and `export`
  ViewOptions view;        ///< options of `view`
};

/// Parses argv (CLI11); throws Error (exit 64) with CLI11's message plus a hint on bad input.
Command parse_command_line(int argc, const char* const* argv);

/// A run with every choice made and validated: what all ranks need to start.
struct RunPlan {
  RunOptions options;                    ///< the options as typed
  std::int64_t width = 0;                ///< grid width
  std::int64_t height = 0;               ///< grid height
  Rule rule;                             ///< rule in force
  Topology topology = Topology::torus;   ///< topology in force
  KernelKind kernel = KernelKind::fast;  ///< kernel in force
  DecompSpec decomp;                     ///< decomposition request
  std::string pattern_name;              ///< #N name or file stem, "" for a soup
  std::int64_t start_generation = 0;     ///< generation of the initial state
  ProcessGrid procs;                     ///< process grid chosen for the ranks
  std::vector<Cell> cells;               ///< live cells in global coordinates (rank 0 only)

  /// The rule with its bounded-grid suffix, e.g. "B3/S23:T64,64".
  std::string rule_with_suffix() const;
  /// Serialises everything but `cells` (for the broadcast).
  std::string to_json() const;
  /// Inverse of to_json.
  static RunPlan from_json(const std::string& text);
};

/// Margin of dead cells added on every side of a pattern when no size is given: max(32, the
/// pattern's larger side).
std::int64_t default_margin(std::int64_t pattern_width, std::int64_t pattern_height);

/// Reads the pattern and resolves rule, topology, size and placement (explicit options > the
/// pattern's rule/suffix > defaults); checks the outputs can be created. Throws Error.
RunPlan resolve_plan(const RunOptions& options);

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
