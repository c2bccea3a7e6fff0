#include "mpilife/app/run.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "mpilife/app/live.hpp"
#include "mpilife/app/memory_plan.hpp"
#include "mpilife/app/node_memory.hpp"
#include "mpilife/app/options.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/app/progress.hpp"
#include "mpilife/app/report.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/clock.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/io/files.hpp"
#include "mpilife/io/hdf5/checkpoint.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/io/hdf5/metadata.hpp"
#include "mpilife/io/hdf5/recorder.hpp"
#include "mpilife/io/macrocell_writer.hpp"
#include "mpilife/io/rle_writer.hpp"
#include "mpilife/kernel/fast.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/observer.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "mpilife/parallel/universe.hpp"
#include "mpilife/view/display.hpp"
#include "stop_requests.hpp"

namespace mpilife {

namespace {

// Seconds between two collective control points (signal and stability checks).
constexpr double kControlSeconds = 0.1;

// Every `interval` generations all ranks agree whether to stop: a signal or the --max-time
// deadline on any rank, or (with --stop-when-stable) an empty grid or one the last step left
// unchanged. Rank 0 picks the next interval from its own timing, so the check costs one small
// allreduce about ten times a second whatever the generation rate.
class Control {
 public:
  Control(const Universe& universe, const StopRequests& stops, bool stop_when_stable)
      : universe_(universe),
        stops_(stops),
        stop_when_stable_(stop_when_stable),
        first_(universe.sim().generation()),
        next_(first_ + 1) {}

  bool due() const { return universe_.sim().generation() >= next_; }
  // The generation of the next check.
  std::int64_t next() const { return next_; }

  // Collective; returns why to stop (setting `code` for a signal or the deadline), or none.
  std::optional<StopReason> check(double elapsed, StopCode& code) {
    const Simulation& sim = universe_.sim();  // the current grid (a universe's grows)
    std::int64_t v[4] = {static_cast<std::int64_t>(stops_.local()), 0, 0, 0};
    if (sim.cart().comm().rank() == 0) {
      const auto done = static_cast<double>(std::max<std::int64_t>(1, sim.generation() - first_));
      const double per_gen = std::max(elapsed / done, 1e-9);
      v[1] = std::clamp<std::int64_t>(static_cast<std::int64_t>(kControlSeconds / per_gen), 1,
                                      1 << 16);
    }
    if (stop_when_stable_) {
      v[2] = sim.tile().population() > 0 ? 1 : 0;
      v[3] = sim.tile().changed() ? 1 : 0;
    }
    mpi::allreduce(v, 4, mpi::Op::max, sim.cart().comm());
    const std::int64_t* out = v;
    // Stability is checked every generation, so the run stops exactly where it settles.
    next_ = sim.generation() + (stop_when_stable_ ? 1 : out[1]);
    if (out[0] != 0) {
      code = static_cast<StopCode>(out[0]);
      return stop_reason(code);
    }
    if (stop_when_stable_ && out[2] == 0) return StopReason::died_out;
    if (stop_when_stable_ && out[3] == 0) return StopReason::stable;
    return std::nullopt;
  }

 private:
  const Universe& universe_;
  const StopRequests& stops_;
  bool stop_when_stable_;
  std::int64_t first_;
  std::int64_t next_;
};

// Writes all of `text` to `fd`; false (errno set) on failure.
bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Opens --stats for streaming: a file is created or truncated (following a link to its target);
// a stream (FIFO, /dev/stdout) is written through, appending, as every output is.
int open_stats(const std::string& path) {
  const OutputTarget target = resolve_output(path, "--stats");
  const int truncate = target.kind == OutputKind::file ? O_CREAT | O_TRUNC : O_APPEND;
  return ::open(target.real.c_str(), O_WRONLY | O_CLOEXEC | truncate, 0666);
}

// --stats: the population of every generation, streamed. Each rank keeps the populations of its
// tile since the last flush; a flush (collective: at every control point, every viewer frame and
// at the end) sums them on rank 0, which appends the rows with one write(), so the file always
// ends with a whole row and a killed run keeps every generation up to its last flush.
class StatsWriter final : public Observer {
 public:
  StatsWriter(std::string path, const mpi::Comm& comm) : path_(std::move(path)), comm_(comm) {}
  ~StatsWriter() override {
    if (fd_ >= 0) ::close(fd_);
  }
  StatsWriter(const StatsWriter&) = delete;
  StatsWriter& operator=(const StatsWriter&) = delete;

  void start(const Simulation& sim) override {
    next_ = sim.generation();
    populations_.push_back(sim.tile().population());
  }
  void after_step(const Simulation& sim) override {
    populations_.push_back(sim.tile().population());
  }
  // Collective: appends the rows gathered since the last flush. The file is created (truncated)
  // at the first flush, once every output has started.
  void flush() {
    if (populations_.empty()) return;
    mpi::reduce(populations_.data(), populations_.size(), mpi::Op::sum, 0, comm_);
    mpi::on_root_agreed(comm_, [&] {
      std::string rows = fd_ < 0 ? "generation,population\n" : "";
      for (std::size_t i = 0; i < populations_.size(); ++i) {
        rows += std::to_string(next_ + static_cast<std::int64_t>(i)) + ',' +
                std::to_string(populations_[i]) + '\n';
      }
      if (fd_ < 0) fd_ = open_stats(path_);
      if (fd_ < 0 || !write_all(fd_, rows)) failed("writing");
    });
    next_ += static_cast<std::int64_t>(populations_.size());
    populations_.clear();
  }
  void finish(const Simulation&) override {
    flush();
    mpi::on_root_agreed(comm_, [&] {
      const int fd = std::exchange(fd_, -1);
      if (fd < 0) return;
      // A stream (a FIFO, /dev/stdout) cannot be fsync'd: EINVAL or EROFS there is no failure.
      const bool synced = ::fsync(fd) == 0 || errno == EINVAL || errno == EROFS;
      if (!synced || ::close(fd) != 0) failed("closing");
    });
  }

 private:
  [[noreturn]] void failed(const char* what) const {
    throw Error(ExitCode::io,
                "--stats: " + std::string(what) + " " + path_ + " failed: " + std::strerror(errno));
  }

  std::string path_;
  const mpi::Comm& comm_;
  int fd_ = -1;
  std::int64_t next_ = 0;
  std::vector<std::int64_t> populations_;
};

// --final: the last grid, streamed to rank 0 a band of rows at a time (for_each_band) and
// written row by row as RLE with its #CXRLE position and generation and its :T/:P suffix; rank 0
// never holds the whole grid. Of an unbounded universe it writes the live cells' bounding box.
// A name ending in .mc writes Golly's macrocell instead (for huge sparse results): rank 0 then
// collects the live cells (16 bytes each) and writes their quadtree.
class FinalWriter final : public Observer {
 public:
  FinalWriter(std::string path, std::string rule, std::string source, bool crop)
      : path_(std::move(path)), rule_(std::move(rule)), source_(std::move(source)), crop_(crop) {}

  // Only the last generation: the run may step as far as it likes.
  std::int64_t next_wanted(std::int64_t) const override {
    return std::numeric_limits<std::int64_t>::max();
  }

  void finish(const Simulation& sim) override {
    const mpi::Comm& comm = sim.cart().comm();
    const Layout& lay = sim.layout();
    const Extent box = crop_ ? live_extent(sim) : Extent{0, 0, lay.width, lay.height};
    const std::int64_t rows = band_rows(lay.width);
    const BandVisitor nothing = [](std::int64_t, std::int64_t, const std::uint8_t*) {};
    // The rows of each band that lie in the box, from its left column.
    const auto box_rows = [&](const std::function<void(std::int64_t, const std::uint8_t*)>& row) {
      for_each_band(sim, rows, [&](std::int64_t y0, std::int64_t n, const std::uint8_t* cells) {
        for (std::int64_t y = std::max(y0, box.y0); y < std::min(y0 + n, box.y0 + box.h); ++y) {
          row(y - box.y0, cells + (y - y0) * lay.width + box.x0);
        }
      });
    };
    std::exception_ptr failure;
    if (comm.rank() == 0) {
      bool gathered = false;
      try {
        write_file_atomically(path_, [&](std::ostream& out) {
          const std::string comment = "generation " + std::to_string(sim.generation()) + " of " +
                                      source_ + ", written by mpilife";
          const RlePlacement at{lay.origin_x + box.x0, lay.origin_y + box.y0, sim.generation()};
          gathered = true;
          if (is_macrocell_name(path_)) {
            std::vector<Cell> live;
            box_rows([&](std::int64_t y, const std::uint8_t* row) {
              for (std::int64_t x = 0; x < box.w; ++x) {
                if (row[x] != 0) live.push_back({at.x + x, at.y + y});
              }
            });
            write_macrocell(out, std::move(live), rule_, sim.generation(), {comment});
            return;
          }
          RleWriter rle(out, box.w, box.h, rule_, {comment}, at);
          box_rows([&](std::int64_t, const std::uint8_t* row) { rle.add_row(row); });
          rle.finish();
        });
      } catch (...) {
        failure = std::current_exception();
      }
      // The other ranks send their bands whatever happened here.
      if (!gathered) for_each_band(sim, rows, nothing);
    } else {
      for_each_band(sim, rows, nothing);
    }
    mpi::on_root_agreed(comm, [&] {
      if (failure) std::rethrow_exception(failure);
    });
  }

 private:
  // True for a name ending in ".mc" (any case).
  static bool is_macrocell_name(const std::string& path) {
    return path.size() >= 3 && (path[path.size() - 3] == '.') &&
           std::tolower(static_cast<unsigned char>(path[path.size() - 2])) == 'm' &&
           std::tolower(static_cast<unsigned char>(path[path.size() - 1])) == 'c';
  }

 private:
  std::string path_;
  std::string rule_;
  std::string source_;
  bool crop_;
};

// The frame (or checkpoint grid) size the --io choice depends on.
IoMode io_mode_for(const RunPlan& plan, int ranks, std::int64_t scale) {
  const std::int64_t w = (plan.width + scale - 1) / scale;
  const std::int64_t h = (plan.height + scale - 1) / scale;
  return choose_io_mode(plan.options.io, ranks, w * h);
}

// The instruction set(s) the ranks' fast kernels run, best first and comma-separated ("avx512";
// "avx512,portable" in an MPMD run whose ranks differ); "portable C++" for the reference kernel.
// Collective.
std::string kernel_isa_text(const RunPlan& plan, const mpi::Comm& world) {
  if (plan.options.kernel != KernelKind::fast) return "portable C++";
  const std::vector<Isa> isas = all_isas();
  std::vector<int> ranks(isas.size(), 0);
  for (std::size_t i = 0; i < isas.size(); ++i) ranks[i] = isas[i] == selected_fast_isa() ? 1 : 0;
  mpi::allreduce(ranks.data(), ranks.size(), mpi::Op::sum, world);
  std::string text;
  for (std::size_t i = 0; i < isas.size(); ++i) {
    if (ranks[i] > 0) text += (text.empty() ? "" : ",") + to_string(isas[i]);
  }
  return text;
}

RunMetadata run_metadata(const RunPlan& plan, const std::string& kernel_isa) {
  RunMetadata m;
  m.rule = plan.rule_with_suffix();
  m.topology = plan.topology;
  m.width = plan.width;
  m.height = plan.height;
  m.origin_x = plan.origin_x;
  m.origin_y = plan.origin_y;
  m.seed = plan.options.seed;
  m.pattern = plan.pattern_name;
  m.density = plan.options.density;
  m.command_line = plan.options.command_line;
  m.kernel = to_string(plan.options.kernel);
  m.kernel_isa = kernel_isa;
  return m;
}

void seed_initial_state(Simulation& sim, const RunPlan& plan, int ranks) {
  if (!plan.options.restart_path.empty()) {
    load_checkpoint(sim, plan.options.restart_path, io_mode_for(plan, ranks, 1));
  } else if (plan.options.density) {
    fill_soup(sim, plan.options.seed, *plan.options.density);
  } else {
    place_cells(sim, plan.cells);
  }
}

// The grid of the run's first generation, seeded on every rank from `plan`; `planned` is this
// rank's planned memory. Collective.
std::unique_ptr<Simulation> starting_simulation(const mpi::Comm& world, const RunPlan& plan,
                                                long double& planned) {
  std::unique_ptr<Simulation> sim = make_simulation(world, plan, planned);
  sim->place_at(plan.origin_x, plan.origin_y);
  seed_initial_state(*sim, plan, world.size());
  return sim;
}

// The observers of a run's outputs; the recorder also learns how the run ended, and --stats is
// flushed at the control points.
struct Observers {
  std::vector<std::unique_ptr<Observer>> all;
  Recorder* recorder = nullptr;
  StatsWriter* stats = nullptr;

  // This rank's seconds in the outputs so far (the run waits for them: they are collective).
  double seconds = 0.0;

  void start(const Simulation& sim) {
    timed([&] {
      for (auto& o : all) o->start(sim);
    });
  }
  void after_step(const Simulation& sim) {
    timed([&] {
      for (auto& o : all) o->after_step(sim);
    });
  }
  // The first generation after `generation` that some output must see.
  std::int64_t next_wanted(std::int64_t generation) const {
    std::int64_t next = std::numeric_limits<std::int64_t>::max();
    for (const auto& o : all) next = std::min(next, o->next_wanted(generation));
    return next;
  }
  // Collective.
  void flush() {
    timed([&] {
      if (stats != nullptr) stats->flush();
    });
  }
  void finish(const Simulation& sim) {
    timed([&] {
      for (auto& o : all) o->finish(sim);
    });
  }

 private:
  template <typename F>
  void timed(F f) {
    const double t = now_seconds();
    f();
    seconds += now_seconds() - t;
  }
};

Observers make_observers(const RunPlan& plan, const mpi::Comm& world) {
  const int ranks = world.size();
  const OutputOptions& out = plan.options.outputs;
  Observers observers;
  const std::string kernel_isa = kernel_isa_text(plan, world);
  if (!out.stats_path.empty()) {
    auto stats = std::make_unique<StatsWriter>(out.stats_path, world);
    observers.stats = stats.get();
    observers.all.push_back(std::move(stats));
  }
  if (!out.final_path.empty()) {
    observers.all.push_back(std::make_unique<FinalWriter>(
        out.final_path, plan.rule_with_suffix(),
        plan.pattern_name.empty() ? std::string("a random soup") : plan.pattern_name,
        plan.topology == Topology::unbounded));
  }
  if (!out.output_path.empty()) {
    // A growing universe's recording shows a window of a grid that moves: rank 0 writes it.
    const IoMode io = plan.topology == Topology::unbounded
                          ? IoMode::gather
                          : io_mode_for(plan, ranks, out.frame_scale);
    // A restart continues the recording of the run it continues (an existing file, unless
    // --force replaces it).
    const bool append = !plan.options.restart_path.empty() && !out.force;
    auto r = std::make_unique<Recorder>(
        RecorderSettings{out.output_path, out.every, out.frame_scale, io, out.compression, append},
        run_metadata(plan, kernel_isa));
    observers.recorder = r.get();
    observers.all.push_back(std::move(r));
  }
  if (!out.checkpoint_path.empty()) {
    observers.all.push_back(std::make_unique<Checkpointer>(
        CheckpointSettings{out.checkpoint_path, out.checkpoint_every, io_mode_for(plan, ranks, 1),
                           out.compression},
        run_metadata(plan, kernel_isa)));
  }
  return observers;
}

// Steps to the target generation unless the control points say stop; returns why it ended (and
// in `code` what stopped it early).
StopReason step_to_target(Universe& universe, const RunPlan& plan, Observers& observers,
                          const StopRequests& stops, Progress& progress, double t0,
                          StopCode& code) {
  Control control(universe, stops, plan.options.stop_when_stable);
  const std::int64_t first = universe.sim().generation();
  while (universe.sim().generation() < plan.options.generations) {
    if (control.due()) {
      const std::optional<StopReason> reason = control.check(now_seconds() - t0, code);
      observers.flush();
      if (reason) return *reason;
    }
    // As far as the outputs, the next check and the target allow: the fast kernel's deep halos
    // and time blocks pay over several generations. Nothing here writes cells (observers and
    // checks read), so deep ghosts last from one step to the next.
    const std::int64_t g = universe.sim().generation();
    const std::int64_t n =
        std::min({plan.options.generations, observers.next_wanted(g), control.next()}) - g;
    const SinceLastStep since = g == first ? SinceLastStep::maybe_edited : SinceLastStep::untouched;
    if (universe.step(n, since) == GrowthCheck::limited) return StopReason::cell_limit;
    observers.after_step(universe.sim());
    progress.update(universe.sim().generation());
  }
  return StopReason::completed;
}

// Runs the live viewer on `display` (rank 0; null elsewhere) until the user quits or a stop
// request arrives; returns why it ended. Collective.
StopReason view_generations(const mpi::Comm& world, Universe& universe, const RunPlan& plan,
                            Observers& observers, Display* display, const StopRequests& stops,
                            StopCode& code) {
  InteractiveOptions viewing;
  viewing.after_step = [&] { observers.after_step(universe.sim()); };
  viewing.after_frame = [&] { observers.flush(); };
  viewing.stop_requested = [&] { return stops.local() != StopCode::none; };
  if (observers.stats == nullptr && observers.recorder == nullptr &&
      plan.options.outputs.checkpoint_path.empty()) {
    // Ctrl+R: the starting generation rebuilt from the plan on every rank (the pattern placed
    // again, the soup regenerated or the checkpoint read again), no copy of the grid kept. Not
    // while --stats, --output or --checkpoint record the run: their generations would go back
    // (--final is written on quit and does not mind).
    viewing.reset = [&] {
      universe.restart([&] {
        long double planned = 0;
        return starting_simulation(world, plan, planned);
      });
    };
    viewing.reset_generation = plan.start_generation;
  }
  const InteractiveResult viewed = run_viewer(universe, plan, display, viewing);
  if (viewed.cell_limit) return StopReason::cell_limit;
  if (!viewed.interrupted) return StopReason::completed;
  // Rank 0 saw the request; the most urgent one seen anywhere names it.
  code = static_cast<StopCode>(
      mpi::allreduce(static_cast<std::int64_t>(stops.local()), mpi::Op::max, world));
  if (code == StopCode::none) code = StopCode::sigterm;
  return stop_reason(code);
}

// Runs the generations (under the live viewer with --view); returns why the run ended and sets
// `wall` to this rank's stepping time.
StopReason run_generations(const mpi::Comm& world, Universe& universe, const RunPlan& plan,
                           Observers& observers, const DisplayFactory& make_display,
                           const StopRequests& stops, double& wall, StopCode& code) {
  const RunOptions& opt = plan.options;
  // The window first: a viewer that cannot show anything stops the run before any output starts.
  std::unique_ptr<Display> display;
  if (opt.view) display = open_viewer(world, plan, make_display);
  observers.start(universe.sim());
  Progress progress(universe.sim().generation(), opt.generations, opt.progress_seconds,
                    world.rank() == 0 && !opt.quiet);
  mpi::barrier(world);
  const double t0 = now_seconds();
  const StopReason stopped =
      opt.view ? view_generations(world, universe, plan, observers, display.get(), stops, code)
               : step_to_target(universe, plan, observers, stops, progress, t0, code);
  wall = now_seconds() - t0;
  progress.finish();
  return stopped;
}

// The report of the run: the slowest rank's wall time, the mean halo and output waits.
// Collective.
RunReport make_report(const mpi::Comm& world, const Universe& universe, const RunPlan& plan,
                      const Observers& observers, StopReason stopped, StopCode code, double wall) {
  const Simulation& sim = universe.sim();
  RunReport report;
  report.generations = sim.generation() - plan.start_generation;
  report.final_generation = sim.generation();
  report.width = sim.layout().width;
  report.height = sim.layout().height;
  report.origin_x = sim.layout().origin_x;
  report.origin_y = sim.layout().origin_y;
  report.cell_updates = universe.cell_updates();
  report.growths = universe.growths();
  report.growth_seconds = mpi::allreduce(universe.growth_seconds(), mpi::Op::max, world);
  report.ranks = world.size();
  report.process_grid = sim.layout().procs;
  report.kernel = plan.options.kernel;
  report.kernel_isa = kernel_isa_text(plan, world);
  report.rule = plan.rule_with_suffix();
  report.topology = plan.topology;
  report.stopped = stopped;
  report.stopped_by = stop_cause(code);
  double wait_fraction = wall > 0 ? universe.halo_wait_seconds() / wall : 0.0;
  const double output_fraction = wall > 0 ? observers.seconds / wall : 0.0;
  report.output_wait_fraction = mpi::allreduce(output_fraction, mpi::Op::sum, world) / world.size();
  wall = mpi::allreduce(wall, mpi::Op::max, world);
  wait_fraction = mpi::allreduce(wait_fraction, mpi::Op::sum, world);
  report.wall_seconds = wall;
  report.halo_wait_fraction = wait_fraction / world.size();
  report.halo_depth = sim.blocking().halo_depth;
  report.time_block = sim.blocking().time_block;
  report.halo_messages = mpi::allreduce(universe.halo_messages(), mpi::Op::sum, world);
  report.final_population = sim.population();
  report.edge_reached_generation = sim.first_edge_contact();
  return report;
}

// Rank 0's note on a run stopped early by a signal, --max-time or the universe's cell limit: what
// was written, what next.
void print_stop_note(const RunPlan& plan, const RunReport& report, const Universe& universe,
                     std::int64_t max_cells) {
  const auto gen = static_cast<long long>(report.final_generation);
  if (report.stopped == StopReason::cell_limit) {
    const std::string& ck = plan.options.outputs.checkpoint_path;
    const std::string limit =
        plan.options.max_cells > 0
            ? "--max-cells " + std::to_string(max_cells)
            : "the " + std::to_string(max_cells) + " cells the nodes' memory holds";
    std::fprintf(stderr,
                 "mpilife: stopped at generation %lld: the unbounded universe had to grow from "
                 "%lldx%lld to %lldx%lld cells, beyond %s; outputs written, exact up to here. "
                 "%s (exit 75)\n",
                 gen, static_cast<long long>(report.width), static_cast<long long>(report.height),
                 static_cast<long long>(universe.wanted_width()),
                 static_cast<long long>(universe.wanted_height()), limit.c_str(),
                 ck.empty() ? "Rerun with more ranks or nodes (or a larger --max-cells); with "
                              "--checkpoint a later run can continue from here"
                            : ("Continue with --restart " + ck +
                               " on more ranks or nodes (or a larger --max-cells)")
                                  .c_str());
    return;
  }
  if (report.stopped == StopReason::interrupted) {
    std::fprintf(stderr, "mpilife: stopped by %s at generation %lld; outputs written\n",
                 report.stopped_by.c_str(), gen);
  } else if (report.stopped == StopReason::time_limit) {
    const std::string& ck = plan.options.outputs.checkpoint_path;
    if (ck.empty()) {
      std::fprintf(stderr,
                   "mpilife: stopped by %s at generation %lld (time limit); outputs written, but "
                   "without --checkpoint there is nothing to continue from\n",
                   report.stopped_by.c_str(), gen);
    } else {
      std::fprintf(stderr,
                   "mpilife: stopped by %s at generation %lld (time limit); outputs and "
                   "checkpoint %s written: continue with --restart %s -g %lld (exit 75)\n",
                   report.stopped_by.c_str(), gen, ck.c_str(), ck.c_str(),
                   static_cast<long long>(plan.options.generations));
    }
  }
}

// Every rank's `bytes`, in rank order, on rank 0 (empty elsewhere). Collective.
std::vector<std::int64_t> per_rank(const mpi::Comm& world, long double bytes) {
  std::vector<std::int64_t> all(static_cast<std::size_t>(world.size()), 0);
  all[static_cast<std::size_t>(world.rank())] = static_cast<std::int64_t>(bytes);
  mpi::reduce(all.data(), all.size(), mpi::Op::sum, 0, world);
  if (world.rank() != 0) all.clear();
  return all;
}

// Writes the outputs and the summary, prints the summary line; returns the exit code.
int finish_run(const mpi::Comm& world, const Universe& universe, const RunPlan& plan,
               Observers& observers, RunReport report, long double planned,
               std::int64_t max_cells) {
  const RunOptions& opt = plan.options;
  const Simulation& sim = universe.sim();
  if (observers.recorder != nullptr) observers.recorder->set_outcome(to_string(report.stopped));
  observers.finish(sim);
  report.output_seconds = mpi::allreduce(observers.seconds, mpi::Op::max, world);
  report.peak_memory_bytes = per_rank(world, peak_resident_bytes());
  report.planned_memory_bytes = per_rank(world, planned);
  mpi::on_root_agreed(world, [&] {
    if (!opt.outputs.summary_path.empty()) {
      write_file_atomically(opt.outputs.summary_path,
                            [&](std::ostream& out) { out << report.json(); });
    }
    if (!opt.quiet) std::fprintf(stderr, "%s\n", report.line().c_str());
  });
  if (world.rank() == 0) {
    const std::string warning = report.edge_warning();
    if (!warning.empty()) std::fprintf(stderr, "%s\n", warning.c_str());
    print_stop_note(plan, report, universe, max_cells);
  }
  if (report.stopped == StopReason::interrupted) return static_cast<int>(ExitCode::interrupted);
  if (report.stopped == StopReason::time_limit || report.stopped == StopReason::cell_limit) {
    return static_cast<int>(ExitCode::time_limit);
  }
  return 0;
}

}  // namespace

int run_command(const mpi::Comm& world, const RunPlan& plan, const DisplayFactory& make_display) {
  const StopRequests stops(plan.options.max_seconds);
  long double planned = 0;
  std::unique_ptr<Simulation> sim = starting_simulation(world, plan, planned);
  std::optional<Growth> growth;
  if (plan.topology == Topology::unbounded) growth = unbounded_growth(world, plan, planned);
  const int ranks = world.size();
  Universe universe(std::move(sim), plan.options.kernel, plan.rule, growth,
                    [&plan, ranks](std::int64_t w, std::int64_t h) {
                      return choose_process_grid(plan.options.decomp, ranks, w, h,
                                                 mpi::dims_create(ranks));
                    });
  Observers observers = make_observers(plan, world);
  double wall = 0.0;
  StopCode code = StopCode::none;
  const StopReason stopped =
      run_generations(world, universe, plan, observers, make_display, stops, wall, code);
  const RunReport report = make_report(world, universe, plan, observers, stopped, code, wall);
  return finish_run(world, universe, plan, observers, report, planned,
                    growth ? growth->max_cells : 0);
}

}  // namespace mpilife
