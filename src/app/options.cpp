#include "mpilife/app/options.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "mpilife/app/numbers.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/duration.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/io/files.hpp"
#include "mpilife/kernel/isa.hpp"

#ifndef MPILIFE_VERSION
#define MPILIFE_VERSION "0.0.0"
#endif

namespace mpilife {

namespace {

constexpr const char* kFooter =
    R"(Exit codes: 0 success, 64 bad command line (also a grid too big for the ranks' memory),
65 bad pattern or rule, 66 input missing, 70 internal error, 73 output cannot be created,
74 I/O error during the run, 75 stopped early after writing the outputs: --max-time, SIGUSR1
or an unbounded universe that reached --max-cells (resubmit with --restart),
130 stopped by SIGINT/SIGTERM.
Every rank exits with the same code. See README.md for formats and examples.)";

constexpr const char* kRunFooter = R"(Examples:
  mpiexec -n 4 mpilife run patterns/gosper-glider-gun.rle -g 1000 --final out.rle
  mpiexec -n 4 mpilife run patterns/gosper-glider-gun.rle -g 1000 --size 256x256 --final t.rle
  mpiexec -n 2 mpilife run --random 0.5 --size 4096x4096 -g 1000 --decomp 1d --summary s.json
  mpiexec -n 2 mpilife run patterns/gosper-glider-gun.rle --size 160x120 --topology plane --view
  mpilife run patterns/acorn.rle --size 4096x4096 --topology plane -g 5206 --stats pop.csv

Without --size, and unless the pattern's rule has a :T/:P suffix (its bounded grid), a pattern
runs in Golly's unbounded universe: the grid starts as the pattern with a margin of max(32, its
larger side) dead cells on every side and grows (redistributed over the ranks) before any live
cell reaches its edge, up to --max-cells. Coordinates are Golly's: the pattern's #CXRLE Pos (or
its Life 1.05/1.06 or macrocell position; else its top-left at 0,0), and --final writes the live
cells' bounding box with its #CXRLE Pos and Gen. --size without --topology makes a torus;
--topology unbounded --size WxH starts the universe at that size (the window --output records).
A soup without --size is 256x256. Precedence: explicit options > the pattern's rule line and
suffix > defaults (B3/S23, unbounded).)";

// `mpilife --version`: the version, the fast kernel's compiled instruction sets and the one auto
// picks on this CPU.
std::string version_text() {
  std::string compiled;
  for (const Isa isa : compiled_isas()) compiled += (compiled.empty() ? "" : " ") + to_string(isa);
  return "mpilife " MPILIFE_VERSION "\nfast kernel instruction sets: " + compiled +
         "\nthis CPU supports: " + supported_isas_text() + "; --isa auto picks " +
         to_string(best_isa()) + "\n";
}

// The largest viewer window side in pixels (SDL's own limit on most drivers).
constexpr std::int64_t kMaxWindowSide = 16384;

// The options of `run` that CLI11 fills as text; finish_run parses each of them once.
struct RunText {
  std::string size;
  std::string at;
  std::string window;
  std::string topology;
  std::string decomp = "2d";
  std::string kernel = "fast";
  std::string isa = "auto";
  std::string halo_depth = "auto";
  std::string time_block = "auto";
  std::string io = "auto";
  std::string max_time;
  std::string generations = "100";
  std::string density;
  std::string seed = "1";
  std::string progress = "5";
  std::string every = "1";
  std::string frame_scale = "1";
  std::string checkpoint_every;
  std::string max_cells;
};

// The subcommands, for telling which one was parsed.
struct Subcommands {
  CLI::App* run = nullptr;
  CLI::App* view = nullptr;
  CLI::App* info = nullptr;
  CLI::App* exporter = nullptr;
  CLI::App* census = nullptr;
};

// The value `parsed` from `text` of `option`; an Error (64) when the text names nothing (CLI11's
// IsMember check normally rejects such text first, with its own message).
template <typename T>
T required(const std::optional<T>& parsed, const std::string& option, const std::string& text) {
  if (!parsed) throw Error(ExitCode::usage, option + ": unknown value '" + text + "'");
  return *parsed;
}

void add_grid_options(CLI::App& run, RunOptions& o, RunText& text) {
  run.add_option("PATTERN", o.pattern,
                 "Pattern file: .rle (incl. #CXRLE), .cells, .lif/.life (Life 1.05/1.06), .mc "
                 "(macrocell), .mcl (MCell); any of them gzip-compressed")
      ->type_name("FILE");
  run.add_option("-g,--generations", text.generations,
                 "Target generation to run to, 0 or more (after --restart: the generation to end "
                 "at, not a count)")
      ->type_name("N")
      ->default_val("100");
  run.add_option("--size", text.size,
                 "Grid width x height in cells, each 1 to 2^40, e.g. 4096x4096 (refused when the "
                 "tiles and outputs would not fit the nodes' memory)")
      ->type_name("WxH");
  run.add_option("--rule", o.rule,
                 "Life-like rule: B3/S23, b3s23, 23/3 (S/B), optionally with :T<W>,<H> (torus) "
                 "or :P<W>,<H> (plane) [default: the pattern's, else B3/S23]")
      ->type_name("RULE");
  run.add_option("--topology", text.topology,
                 "Grid edges: torus (wraps), plane (fixed size, dead outside) or unbounded "
                 "(Golly's universe: grows as needed) [default: unbounded, but torus with --size "
                 "or --random, and the pattern's :T/:P suffix if it has one]")
      ->check(CLI::IsMember({"torus", "plane", "unbounded"}));
  run.add_option("--max-cells", text.max_cells,
                 "Unbounded universe: the most cells its grid may grow to; on reaching it the run "
                 "stops, writes its outputs and exits 75 [default: what the nodes' memory holds]")
      ->type_name("N");
  run.add_option("--random", text.density,
                 "Random soup of this density (0 to 1) instead of a pattern")
      ->type_name("DENSITY");
  run.add_option("--seed", text.seed,
                 "Soup seed, 0 to 2^64-1; the soup is the same for any rank count")
      ->type_name("N")
      ->default_val("1");
  run.add_option("--at", text.at,
                 "Top-left X,Y of the pattern in the grid, each 0 or more [default: centred]; in "
                 "an unbounded universe Golly's coordinates, negative too [default: the "
                 "pattern's position]")
      ->type_name("X,Y");
}

void add_engine_options(CLI::App& run, RunText& text) {
  run.add_option("--decomp", text.decomp,
                 "1d = horizontal strips, 2d = MPI_Dims_create, CxR = C process columns by R "
                 "process rows")
      ->type_name("1d|2d|CxR")
      ->default_val("2d");
  run.add_option("--kernel", text.kernel, "fast = bit-packed SIMD kernel, reference = the oracle")
      ->default_val("fast")
      ->check(CLI::IsMember({"fast", "reference"}));
  run.add_option("--isa", text.isa,
                 "Instruction set of the fast kernel: auto = the best this CPU runs (see "
                 "--version), or avx512vbmi2, avx512, avx2, portable (native when built with "
                 "-DMPILIFE_NATIVE=ON); one this CPU or binary lacks is refused (64). Ranks of an "
                 "MPMD run may differ")
      ->type_name("auto|avx512vbmi2|avx512|avx2|portable")
      ->default_val("auto")
      ->check(CLI::IsMember(isa_names()));
  run.add_option("--halo-depth", text.halo_depth,
                 "Ghost cells this deep, exchanged once every that many generations (fast kernel; "
                 "1-64). auto = the time block, and deeper for small tiles: 2 below 1024x1024 "
                 "cells, 4 below 512x512, 8 below 256x256, 16 below 128x128. Cut to the thinnest "
                 "tile")
      ->type_name("auto|K")
      ->default_val("auto");
  run.add_option("--time-block", text.time_block,
                 "Generations per sweep over memory (fast kernel; 1 to the halo depth). auto = 1 "
                 "while the tile fits in this core's share of the last-level cache, else the "
                 "longest of 64, 32, 16, 8, 4, 2 whose wavefront fits in half the L2 cache and is "
                 "at most a sixteenth of the tile's height")
      ->type_name("auto|K")
      ->default_val("auto");
}

void add_report_options(CLI::App& run, RunOptions& o, RunText& text) {
  run.add_option("--final", o.outputs.final_path,
                 "Write the final grid as RLE (#CXRLE Pos and Gen, x = W, y = H, rule with :T/:P "
                 "suffix)")
      ->type_name("FILE.rle");
  run.add_option("--stats", o.outputs.stats_path,
                 "Write generation,population for every generation")
      ->type_name("FILE.csv");
  run.add_option("--summary", o.outputs.summary_path, "Write a JSON run summary")
      ->type_name("FILE.json");
  run.add_flag(
      "--stop-when-stable", o.stop_when_stable,
      "Stop once the grid is empty or a generation changes nothing (checked every generation)");
  run.add_flag("-q,--quiet", o.quiet, "No progress and no summary line on stderr");
  run.add_option("--progress", text.progress,
                 "Seconds between progress lines when stderr is not a terminal (more than 0)")
      ->type_name("SECONDS")
      ->default_val("5");
}

void add_hdf5_options(CLI::App& run, RunOptions& o, RunText& text) {
  OutputOptions& out = o.outputs;
  CLI::Option* output =
      run.add_option("--output", out.output_path,
                     "Record frames to HDF5 (/frames, /generations, /population) with an XDMF "
                     "sidecar FILE.xmf")
          ->type_name("FILE.h5");
  run.add_option("--every", text.every,
                 "Record every K-th generation (plus the first and last), 1 or more")
      ->type_name("K")
      ->default_val("1")
      ->needs(output);
  run.add_option("--frame-scale", text.frame_scale,
                 "Store each N x N block of cells as one pixel (its density 0..255), 1 to 2^40")
      ->type_name("N")
      ->default_val("1")
      ->needs(output);
  run.add_option("--io", text.io,
                 "HDF5 I/O of --output, --checkpoint and --restart: gather = rank 0 alone "
                 "(serial driver), parallel = every rank its own tile (collective MPI-IO), auto = "
                 "parallel on several ranks for planes above 1024x1024 pixels")
      ->default_val("auto")
      ->check(CLI::IsMember({"gather", "parallel", "auto"}));
  CLI::Option* checkpoint =
      run.add_option("--checkpoint", out.checkpoint_path,
                     "Write the full grid to this HDF5 checkpoint (atomically replaced), at the "
                     "end and every --checkpoint-every generations")
          ->type_name("FILE.h5");
  run.add_option("--checkpoint-every", text.checkpoint_every,
                 "Checkpoint every K-th generation, 1 or more [default: only the last]")
      ->type_name("K")
      ->needs(checkpoint);
  run.add_option(
         "--restart", o.restart_path,
         "Continue a checkpoint (any rank count); -g is the target generation, not before the "
         "checkpoint's")
      ->type_name("FILE.h5");
  run.add_flag(
      "--force", out.force,
      "Overwrite existing output files (--final, --stats, --summary, --output, --checkpoint)");
  run.add_option("--compression", out.compression,
                 "Deflate level of --output frames and --checkpoint grids: 0 = uncompressed, "
                 "1 = fastest, 9 = smallest")
      ->type_name("0..9")
      ->default_val(kDefaultCompression)
      ->check(CLI::Range(0, 9));
}

// argv as one line a shell would split back into the same words.
std::string quoted_command_line(int argc, const char* const* argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    const std::string word = argv[i];
    if (i > 0) line += ' ';
    if (!word.empty() &&
        word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789-_./=:,+@%") == std::string::npos) {
      line += word;
      continue;
    }
    line += '\'';
    for (const char c : word) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

void add_viewer_options(CLI::App& run, RunOptions& o, RunText& text) {
  CLI::Option* view = run.add_flag(
      "--view", o.view,
      "Watch the run live in an SDL2 window on rank 0 until you quit (-g N: pause at N); keys: "
      "Enter run/stop, Space step, +/- speed, ]/[ zoom, f fit, i info, p plot, h help (every "
      "key), q quit");
  run.add_option("--window", text.window,
                 "Viewer window size in pixels, each 1 to 16384 [default: 1024x768]")
      ->type_name("WxH")
      ->needs(view);
  run.add_option("--view-script", o.view_script,
                 "Scripted viewer input, e.g. \"stop; step 30; screenshot a.png; quit\" (commands: "
                 "key NAME, run, stop, step N, wait FRAMES, until GEN, sleep SECONDS, click X,Y, "
                 "move X,Y, wheel X,Y,N, drag X1,Y1,X2,Y2, seek FRAME, screenshot FILE, print, "
                 "quit)")
      ->type_name("SCRIPT")
      ->needs(view);
}

void add_batch_options(CLI::App& run, RunText& text) {
  run.add_option("--max-time", text.max_time,
                 "Stop cleanly after this long (90s, 15m, 11h30m, 1:30:00), as on SIGUSR1: write "
                 "the outputs and the last --checkpoint, exit 75 (resubmit with --restart)")
      ->type_name("DURATION");
}

// --max-time in seconds (0 when not given); Error 64 naming the text when it is no duration.
std::int64_t max_time_seconds(const CLI::App& run, const std::string& text) {
  if (run.count("--max-time") == 0) return 0;
  const std::optional<long long> seconds = parse_duration(text);
  if (seconds) return *seconds;
  std::string hint;
  if (text.find_first_not_of("0123456789") == std::string::npos) {
    hint = " (a bare number has no unit: write " + text + "s or " + text + "m)";
  }
  throw Error(ExitCode::usage,
              "--max-time: expected a duration of at most 366 days such as 90s, 15m, 11h30m, "
              "1:30:00 or 1-12:00:00, got '" +
                  text + "'" + hint);
}

CLI::App* add_run_command(CLI::App& app, RunOptions& o, RunText& text) {
  CLI::App* run = app.add_subcommand("run", "Run a pattern or a random soup");
  run->footer(kRunFooter);
  add_grid_options(*run, o, text);
  add_engine_options(*run, text);
  add_report_options(*run, o, text);
  add_hdf5_options(*run, o, text);
  add_viewer_options(*run, o, text);
  add_batch_options(*run, text);
  return run;
}

CLI::App* add_view_command(CLI::App& app, ViewOptions& vo, std::string& window) {
  CLI::App* viewer =
      app.add_subcommand("view", "Replay a recording (run --output FILE.h5) in the SDL2 viewer");
  viewer->add_option("FILE", vo.file, "HDF5 recording written by --output")
      ->type_name("FILE.h5")
      ->required();
  viewer
      ->add_option("--window", window, "Window size in pixels, each 1 to 16384 [default: 1024x768]")
      ->type_name("WxH");
  viewer->add_option("--view-script", vo.script, "Scripted input, as for run --view-script")
      ->type_name("SCRIPT");
  return viewer;
}

// The text options of `census` that finish_census parses.
struct CensusText {
  std::string soups;
  std::string chunk;
  std::string rare;
  std::vector<std::string> show_soup;
};

constexpr const char* kCensusFooter = R"(Examples:
  mpiexec -n 4 mpilife census --soups 10000 --seed k_mpilife --csv census.csv
  mpilife census --show-soup k_mpilife 0
  mpiexec -n 3 mpilife census /usr/share/golly/Patterns/Life/Methuselahs --json m.json

Rank 0 manages, the other ranks run soups (with 1 or 2 ranks rank 0 runs them too); the census is
the same for any rank count and --chunk. Soup i of --seed S is Catagolue's C1 soup: the 16x16
picture of the SHA-256 digest of "S" followed by i, as apgsearch derives it. Each soup runs in an
unbounded universe until it settles; escaping spaceships are counted and removed, the ash is split
into objects and each is named by its apgcode (e.g. block xs4_33, blinker xp2_7, glider xq4_153).
Exit codes: 0, 64 bad command line, 65 a pattern that could not be read (an error row; the census
goes on), 73 an output that cannot be created, 75 SIGUSR1, 130 SIGINT/SIGTERM (the census of the
soups finished so far is written).)";

CLI::App* add_census_command(CLI::App& app, CensusOptions& o, CensusText& text) {
  CLI::App* census = app.add_subcommand(
      "census", "Soup search: the objects random soups (or pattern files) turn into, by apgcode");
  census->footer(kCensusFooter);
  census->add_option("INPUT", o.inputs, "Pattern files or folders (searched recursively)")
      ->type_name("PATTERN|FOLDER ...");
  census->add_option("--soups", text.soups, "How many soups of --seed to run, 0 or more")
      ->type_name("N");
  census->add_option("--seed", o.seed, "Soup seed string [default: mpilife]")->type_name("STRING");
  census->add_option("--rule", o.rule, "Life-like rule without B0 [default: B3/S23]")
      ->type_name("RULE");
  census->add_option("--csv", o.csv_path, "Write the census as CSV: apgcode,count,first_soup")
      ->type_name("FILE.csv");
  census->add_option("--json", o.json_path, "Write the census as JSON")->type_name("FILE.json");
  census->add_option("--chunk", text.chunk, "Tasks per message [default: automatic]")
      ->type_name("N");
  census->add_option("--show-soup", text.show_soup, "Print soup INDEX of SEED as RLE and exit")
      ->type_name("SEED INDEX")
      ->expected(2);
  census->add_flag("-q,--quiet", o.quiet, "No progress and no summary line");
  census
      ->add_option("--samples", o.samples_dir,
                   "Write FOLDER/APGCODE.rle for each apgcode seen at most --rare times: the "
                   "first soup or pattern file that gave it")
      ->type_name("FOLDER");
  census
      ->add_option("--rare", text.rare, "Seen at most N times is rare, for --samples [default: 10]")
      ->type_name("N");
  census->add_flag("--force", o.force,
                   "Overwrite existing --csv and --json files, write into a --samples folder "
                   "that is not empty");
  return census;
}

// Throws Error unless `folder` can take --samples: empty name 64; a file, a folder that is not
// empty (without --force) or one whose parent does not exist 73.
void check_samples_folder(const std::string& folder, bool force) {
  namespace fs = std::filesystem;
  if (folder.empty()) throw Error(ExitCode::usage, "--samples: the folder name is empty; give one");
  std::error_code ec;
  if (fs::exists(folder, ec) && !fs::is_directory(folder, ec)) {
    throw Error(ExitCode::cant_create, "--samples " + folder + ": not a folder");
  }
  if (fs::is_directory(folder, ec)) {
    if (!force && !fs::is_empty(folder, ec)) {
      throw Error(ExitCode::cant_create,
                  "--samples " + folder + ": the folder is not empty (--force writes into it)");
    }
    return;
  }
  const fs::path parent = fs::absolute(folder, ec).parent_path();
  if (!fs::is_directory(parent, ec)) {
    throw Error(ExitCode::cant_create,
                "--samples " + folder + ": its folder " + parent.string() + " does not exist");
  }
}

// Parses the text options of `census` into `o` and checks how its inputs combine.
void finish_census(const CLI::App& census, const CensusText& text, CensusOptions& o) {
  if (census.count("--soups") > 0) {
    o.soups = parse_integer(text.soups, {"--soups", "how many soups to run", 0});
  }
  if (census.count("--chunk") > 0) {
    o.chunk = parse_integer(text.chunk, {"--chunk", "the tasks per message", 1});
  }
  if (!text.show_soup.empty()) {
    o.show_soup =
        std::make_pair(text.show_soup[0],
                       parse_integer(text.show_soup[1], {"--show-soup", "the soup's index", 0}));
    return;
  }
  if (o.inputs.empty() && o.soups == 0) {
    throw Error(ExitCode::usage,
                "census: give --soups N (soups of --seed), pattern files or folders, or "
                "--show-soup SEED INDEX");
  }
  for (const auto& [name, path] : {std::pair<const char*, const std::string*>{"--csv", &o.csv_path},
                                   {"--json", &o.json_path}}) {
    if (census.count(name) > 0 && path->empty()) {
      throw Error(ExitCode::usage, std::string(name) + ": the file name is empty; give a file");
    }
    if (!path->empty()) check_output_path(*path, name, o.force);
  }
  if (census.count("--rare") > 0) {
    if (census.count("--samples") == 0) {
      throw Error(ExitCode::usage, "--rare: it says which objects --samples keeps; give --samples");
    }
    o.rare = parse_integer(text.rare, {"--rare", "how often a rare object is seen at most", 1});
  }
  if (census.count("--samples") > 0) check_samples_folder(o.samples_dir, o.force);
}

CLI::App* add_info_command(CLI::App& app, InspectOptions& in) {
  CLI::App* info = app.add_subcommand("info", "Describe a recording or checkpoint file");
  info->add_option("FILE", in.file, "HDF5 file written by --output or --checkpoint")
      ->type_name("FILE.h5")
      ->required();
  return info;
}

CLI::App* add_export_command(CLI::App& app, InspectOptions& in, std::string& frame) {
  CLI::App* exporter = app.add_subcommand(
      "export", "Write a recorded frame (or a checkpoint's grid) as an RLE pattern");
  exporter->add_option("FILE", in.file, "HDF5 file written by --output or --checkpoint")
      ->type_name("FILE.h5")
      ->required();
  exporter
      ->add_option("--frame", frame,
                   "Frame index, negative counts from the end [default: -1, the last]")
      ->type_name("N");
  exporter->add_option("--out", in.out_path, "RLE file to write [default: stdout]")
      ->type_name("FILE.rle");
  return exporter;
}

constexpr PairSpec kSizeSpec{"--size", "xX", "WxH (e.g. 512x256)", "width", "height"};
constexpr PairSpec kAtSpec{"--at", ",", "X,Y (e.g. 10,20)", "X", "Y", -kMaxGridSide, kMaxGridSide};
constexpr PairSpec kWindowSpec{"--window", "xX", "WxH (e.g. 1280x800)", "width",
                               "height",   1,    kMaxWindowSide};

// Parses the numeric text options of `run` into `o`.
void finish_run_numbers(const CLI::App& run, const RunText& text, RunOptions& o) {
  o.generations = parse_integer(text.generations, {"-g", "the target generation", 0});
  o.generations_given = run.count("--generations") > 0;
  if (run.count("--size") > 0) o.size = parse_integer_pair(text.size, kSizeSpec);
  if (run.count("--at") > 0) o.at = parse_integer_pair(text.at, kAtSpec);
  if (run.count("--window") > 0) o.window = parse_integer_pair(text.window, kWindowSpec);
  if (run.count("--random") > 0) {
    o.density = parse_real(text.density, {"--random", "the soup's density", 0.0, 1.0});
  }
  o.seed = parse_seed(text.seed);
  o.progress_seconds = parse_real(text.progress, {"--progress", "seconds between progress lines",
                                                  0.0, std::numeric_limits<double>::max(), true});
  OutputOptions& out = o.outputs;
  out.every = parse_integer(text.every, {"--every", "how many generations apart frames are", 1});
  out.frame_scale = parse_integer(text.frame_scale,
                                  {"--frame-scale", "the cells per pixel side", 1, kMaxGridSide});
  if (run.count("--max-cells") > 0) {
    o.max_cells =
        parse_integer(text.max_cells, {"--max-cells", "the most cells the grid may grow to", 1});
  }
  const auto blocking = [](const std::string& value, const IntegerSpec& spec) {
    return value == "auto" ? 0 : static_cast<int>(parse_integer(value, spec));
  };
  o.blocking.halo_depth =
      blocking(text.halo_depth, {"--halo-depth", "auto or the ghost depth", 1, kMaxHaloDepth});
  o.blocking.time_block = blocking(
      text.time_block, {"--time-block", "auto or the generations per sweep", 1, kMaxHaloDepth});
  if (o.blocking.halo_depth > 0 && o.blocking.time_block > o.blocking.halo_depth) {
    throw Error(ExitCode::usage, "--time-block " + std::to_string(o.blocking.time_block) +
                                     " needs ghosts as deep: give --halo-depth " +
                                     std::to_string(o.blocking.time_block) +
                                     " or more, or leave it out");
  }
  if (run.count("--checkpoint-every") > 0) {
    out.checkpoint_every =
        parse_integer(text.checkpoint_every,
                      {"--checkpoint-every", "how many generations apart checkpoints are", 1});
  }
}

// An option given with an empty value (--rule '', --final '') is refused rather than read as
// "not given", which would silently run something else.
void refuse_empty_values(const CLI::App& run, const RunOptions& o) {
  if (run.count("--rule") > 0 && o.rule.find_first_not_of(" \t") == std::string::npos) {
    throw Error(ExitCode::data,
                "--rule: the rule is empty; give a rule such as B3/S23, or leave --rule out for "
                "the pattern's own rule");
  }
  const std::pair<const char*, const std::string*> files[] = {
      {"PATTERN", &o.pattern},
      {"--final", &o.outputs.final_path},
      {"--stats", &o.outputs.stats_path},
      {"--summary", &o.outputs.summary_path},
      {"--output", &o.outputs.output_path},
      {"--checkpoint", &o.outputs.checkpoint_path},
      {"--restart", &o.restart_path},
      {"--view-script", &o.view_script}};
  for (const auto& [name, value] : files) {
    if (run.count(name) > 0 && value->empty()) {
      throw Error(ExitCode::usage, std::string(name) + ": the file name is empty; give a file");
    }
  }
}

// Parses the text options of `run` into `o` and checks how its inputs combine.
void finish_run(const CLI::App& run, const RunText& text, RunOptions& o) {
  refuse_empty_values(run, o);
  finish_run_numbers(run, text, o);
  if (!text.topology.empty())
    o.topology = required(parse_topology(text.topology), "--topology", text.topology);
  o.kernel = required(parse_kernel(text.kernel), "--kernel", text.kernel);
  if (o.kernel == KernelKind::reference &&
      (o.blocking.halo_depth > 1 || o.blocking.time_block > 1)) {
    throw Error(ExitCode::usage,
                "--halo-depth and --time-block above 1 need --kernel fast (the reference kernel "
                "steps one generation at a time)");
  }
  o.isa = required(parse_isa(text.isa), "--isa", text.isa);
  o.io = required(parse_io_choice(text.io), "--io", text.io);
  o.decomp = parse_decomp(text.decomp);
  o.max_seconds = max_time_seconds(run, text.max_time);
  if (!o.restart_path.empty()) {
    if (!o.pattern.empty() || o.density || o.at) {
      throw Error(ExitCode::usage,
                  "run: --restart continues a checkpoint; give no PATTERN, --random or --at");
    }
    return;
  }
  if (o.pattern.empty() && !o.density) {
    throw Error(ExitCode::usage, "run: give a PATTERN file, --random DENSITY or --restart FILE.h5");
  }
  if (!o.pattern.empty() && o.density) {
    throw Error(ExitCode::usage, "run: give either a PATTERN file or --random, not both");
  }
  if (o.at && o.density) throw Error(ExitCode::usage, "run: --at places a pattern, not a soup");
}

// The text of the options outside `run` that finish_command parses.
struct OtherText {
  std::string view_window;
  std::string frame = "-1";
};

// Which command the parsed subcommands ask for; finishes the options of that command.
void finish_command(const CLI::App& app, const Subcommands& sub, const RunText& run_text,
                    const OtherText& other, const CensusText& census_text, Command& cmd) {
  if (sub.info->parsed()) {
    cmd.kind = Command::Kind::info;
  } else if (sub.exporter->parsed()) {
    cmd.kind = Command::Kind::export_frame;
    cmd.inspect.frame =
        parse_integer(other.frame, {"--frame", "a frame index (negative counts from the end)",
                                    std::numeric_limits<std::int64_t>::min() + 1});
  } else if (sub.view->parsed()) {
    cmd.kind = Command::Kind::view;
    if (sub.view->count("--window") > 0) {
      cmd.view.window = parse_integer_pair(other.view_window, kWindowSpec);
    }
  } else if (sub.run->parsed()) {
    cmd.kind = Command::Kind::run;
    finish_run(*sub.run, run_text, cmd.run);
  } else if (sub.census->parsed()) {
    cmd.kind = Command::Kind::census;
    finish_census(*sub.census, census_text, cmd.census);
  } else {
    throw Error(ExitCode::usage, "a command is required\n" + app.help());
  }
}

}  // namespace

Isa isa_argument(int argc, const char* const* argv) {
  const std::string_view prefix = "--isa=";
  std::optional<std::string> value;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--isa") {
      value = i + 1 < argc ? argv[i + 1] : "";
      ++i;
    } else if (arg.substr(0, prefix.size()) == prefix) {
      value = std::string(arg.substr(prefix.size()));
    }
  }
  if (!value) return Isa::automatic;
  const std::optional<Isa> isa = parse_isa(*value);
  if (!isa) {
    throw Error(ExitCode::usage, "--isa: unknown value '" + *value +
                                     "'; give auto, avx512vbmi2, avx512, avx2, portable or native");
  }
  return *isa;
}

Command parse_command_line(int argc, const char* const* argv) {
  Command cmd;
  CLI::App app{"mpilife " MPILIFE_VERSION
               " - Conway's Game of Life and other Life-like rules, distributed with MPI",
               "mpilife"};
  app.footer(kFooter);
  app.set_help_all_flag("--help-all", "Print help for every command");
  bool version = false;
  app.add_flag("--version", version, "Print the version and exit");
  RunText run_text;
  OtherText other;
  Subcommands sub;
  sub.run = add_run_command(app, cmd.run, run_text);
  sub.view = add_view_command(app, cmd.view, other.view_window);
  sub.info = add_info_command(app, cmd.inspect);
  sub.exporter = add_export_command(app, cmd.inspect, other.frame);
  CensusText census_text;
  sub.census = add_census_command(app, cmd.census, census_text);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    cmd.kind = Command::Kind::help;
    cmd.text = app.help();
    return cmd;
  } catch (const CLI::CallForAllHelp&) {
    cmd.kind = Command::Kind::help;
    cmd.text = app.help("", CLI::AppFormatMode::All);
    return cmd;
  } catch (const CLI::ParseError& e) {
    throw Error(ExitCode::usage, std::string(e.what()) + "\nRun 'mpilife --help' for usage.");
  }
  if (version) {
    cmd.kind = Command::Kind::version;
    cmd.text = version_text();
    return cmd;
  }
  finish_command(app, sub, run_text, other, census_text, cmd);
  cmd.run.command_line = quoted_command_line(argc, argv);
  return cmd;
}

}  // namespace mpilife
