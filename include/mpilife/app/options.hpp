#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "mpilife/io/hdf5/inspect.hpp"

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

}  // namespace mpilife
