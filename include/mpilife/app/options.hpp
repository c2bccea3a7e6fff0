#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/kernel/blocking.hpp"
#include "mpilife/kernel/isa.hpp"
#include "mpilife/kernel/tile.hpp"

namespace mpilife {

/// The files a run writes (--final, --stats, --summary, --output, --checkpoint) and their settings.
struct OutputOptions {
  std::string final_path;                 ///< --final: RLE or macrocell file, "" for none
  std::string stats_path;                 ///< --stats: CSV file, "" for none
  std::string summary_path;               ///< --summary: JSON file, "" for none
  std::string output_path;                ///< --output: HDF5 recording, "" for none
  std::int64_t every = 1;                 ///< --every: record every K-th generation
  std::int64_t frame_scale = 1;           ///< --frame-scale: cells per pixel side
  std::string checkpoint_path;            ///< --checkpoint: HDF5 checkpoint, "" for none
  std::int64_t checkpoint_every = 0;      ///< --checkpoint-every, 0 = only the last
  bool force = false;                     ///< --force: overwrite existing outputs
  int compression = kDefaultCompression;  ///< --compression: deflate level of HDF5 outputs
};

/// What `mpilife run` was asked to do, parsed and checked (before reading the pattern).
struct RunOptions {
  std::string pattern;                              ///< pattern file, "" for none
  std::int64_t generations = 100;                   ///< target generation
  bool generations_given = false;                   ///< -g was typed (--view pauses there)
  std::optional<std::array<std::int64_t, 2>> size;  ///< --size W x H
  std::string rule;                                 ///< --rule text, "" when not given
  std::optional<Topology> topology;                 ///< --topology, none when not given
  std::optional<double> density;                    ///< --random
  std::uint64_t seed = 1;                           ///< --seed
  std::optional<std::array<std::int64_t, 2>> at;    ///< --at X,Y
  std::int64_t max_cells = 0;  ///< --max-cells: largest unbounded grid, 0 = what memory holds
  DecompSpec decomp;           ///< --decomp
  KernelKind kernel = KernelKind::fast;  ///< --kernel
  Isa isa = Isa::automatic;    ///< --isa as rank 0 read it (each rank runs its own: isa_argument)
  Blocking blocking = {0, 0};  ///< --halo-depth, --time-block (0 = auto)
  IoChoice io = IoChoice::automatic;                 ///< --io: HDF5 I/O of outputs and --restart
  OutputOptions outputs;                             ///< the files to write
  bool stop_when_stable = false;                     ///< --stop-when-stable
  bool quiet = false;                                ///< --quiet: no summary line or progress
  double progress_seconds = 5.0;                     ///< --progress: seconds between progress lines
  std::string restart_path;                          ///< --restart: checkpoint to continue
  std::int64_t max_seconds = 0;                      ///< --max-time in seconds, 0 for none
  bool view = false;                                 ///< --view: live SDL2 viewer on rank 0
  std::array<std::int64_t, 2> window = {1024, 768};  ///< --window: viewer size in pixels
  std::string view_script;                           ///< --view-script: scripted viewer input
  std::string command_line;                          ///< argv as typed (shell-quoted), for metadata
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

/// What `mpilife census` was asked to do.
struct CensusOptions {
  std::vector<std::string> inputs;  ///< pattern files and folders (searched recursively)
  std::int64_t soups = 0;           ///< --soups: how many soups of --seed
  std::string seed = "mpilife";     ///< --seed: soup i is SHA-256 of seed followed by i
  std::string rule = "B3/S23";      ///< --rule: a Life-like rule without B0
  std::string csv_path;             ///< --csv: CSV file, "" for none
  std::string json_path;            ///< --json: JSON file, "" for none
  std::int64_t chunk = 0;           ///< --chunk: tasks per message, 0 = automatic
  bool quiet = false;               ///< -q: no progress and no summary line
  bool force = false;               ///< --force: overwrite --csv and --json, fill a used --samples
  std::string samples_dir;          ///< --samples: folder for rare objects' soups, "" for none
  std::int64_t rare = 10;           ///< --rare: an apgcode seen at most this often gets a sample
  std::optional<std::pair<std::string, std::int64_t>> show_soup;  ///< --show-soup SEED INDEX
};

/// The parsed command line.
struct Command {
  enum class Kind { run, help, version, info, export_frame, view, census };
  Kind kind = Kind::help;  ///< what to do
  std::string text;        ///< help or version text to print for help/version
  RunOptions run;          ///< options of `run`
  InspectOptions inspect;  ///< options of `info` and `export`
  ViewOptions view;        ///< options of `view`
  CensusOptions census;    ///< options of `census`
};

/// Parses argv (CLI11); throws Error (exit 64) with CLI11's message plus a hint on bad input.
Command parse_command_line(int argc, const char* const* argv);

/// The --isa of this process's own command line (Isa::automatic when absent): in an MPMD run
/// (`mpiexec -n 1 mpilife run ... --isa avx512 : -n 1 mpilife run ... --isa portable`) every
/// rank runs the instruction set it was given, while rank 0 parses everything else. Throws Error
/// (64) on a value that names no instruction set.
Isa isa_argument(int argc, const char* const* argv);

}  // namespace mpilife
