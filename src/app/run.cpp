#include "mpilife/app/run.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include "mpilife/app/grid_memory.hpp"
#include "mpilife/app/live.hpp"
#include "mpilife/app/options.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/app/progress.hpp"
#include "mpilife/app/report.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/clock.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/io/files.hpp"
#include "mpilife/io/hdf5/checkpoint.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/io/hdf5/metadata.hpp"
#include "mpilife/io/hdf5/recorder.hpp"
#include "mpilife/io/rle_writer.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/observer.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "mpilife/view/display.hpp"

namespace mpilife {

namespace {

volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int sig) {
  g_stop_signal = sig;
}

// Seconds between two collective control points (signal and stability checks).
constexpr double kControlSeconds = 0.1;

// Every `interval` generations all ranks agree whether to stop: a signal on any rank, or (with
// --stop-when-stable) an empty grid or one the last step left unchanged. Rank 0 picks the next
// interval from its own timing, so the check costs one small allreduce about ten times a second
// whatever the generation rate.
class Control {
 public:
  Control(const Simulation& sim, bool stop_when_stable)
      : sim_(sim),
        stop_when_stable_(stop_when_stable),
        first_(sim.generation()),
        next_(first_ + 1) {}

  bool due() const { return sim_.generation() >= next_; }

  // Collective; returns why to stop, or none to go on.
  std::optional<StopReason> check(double elapsed) {
    std::int64_t v[4] = {g_stop_signal != 0 ? 1 : 0, 0, 0, 0};
    if (sim_.cart().comm().rank() == 0) {
      const auto done = static_cast<double>(std::max<std::int64_t>(1, sim_.generation() - first_));
      const double per_gen = std::max(elapsed / done, 1e-9);
      v[1] = std::clamp<std::int64_t>(static_cast<std::int64_t>(kControlSeconds / per_gen), 1,
                                      1 << 16);
    }
    if (stop_when_stable_) {
      v[2] = sim_.tile().population() > 0 ? 1 : 0;
      v[3] = sim_.tile().changed() ? 1 : 0;
    }
    mpi::allreduce(v, 4, mpi::Op::max, sim_.cart().comm());
    const std::int64_t* out = v;
    // Stability is checked every generation, so the run stops exactly where it settles.
    next_ = sim_.generation() + (stop_when_stable_ ? 1 : out[1]);
    if (out[0]) return StopReason::interrupted;
    if (stop_when_stable_ && out[2] == 0) return StopReason::died_out;
    if (stop_when_stable_ && out[3] == 0) return StopReason::stable;
    return std::nullopt;
  }

 private:
  const Simulation& sim_;
  bool stop_when_stable_;
  std::int64_t first_;
  std::int64_t next_;
};

// --stats: the population of every generation, summed over ranks once at the end.
class StatsWriter final : public Observer {
 public:
  explicit StatsWriter(std::string path) : path_(std::move(path)) {}

  void start(const Simulation& sim) override {
    first_ = sim.generation();
    populations_.push_back(sim.tile().population());
  }
  void after_step(const Simulation& sim) override {
    populations_.push_back(sim.tile().population());
  }
  void finish(const Simulation& sim) override {
    const mpi::Comm& comm = sim.cart().comm();
    mpi::reduce(populations_.data(), populations_.size(), mpi::Op::sum, 0, comm);
    mpi::on_root_agreed(comm, [&] {
      write_file_atomically(path_, [&](std::ostream& out) {
        out << "generation,population\n";
        for (std::size_t i = 0; i < populations_.size(); ++i) {
          out << first_ + static_cast<std::int64_t>(i) << ',' << populations_[i] << '\n';
        }
      });
    });
  }

 private:
  std::string path_;
  std::int64_t first_ = 0;
  std::vector<std::int64_t> populations_;
};

// --final: the last grid, gathered to rank 0 and written as RLE with the :T/:P suffix.
class FinalWriter final : public Observer {
 public:
  FinalWriter(std::string path, std::string rule, std::string source)
      : path_(std::move(path)), rule_(std::move(rule)), source_(std::move(source)) {}

  void finish(const Simulation& sim) override {
    const CellArray grid = gather_grid(sim);
    mpi::on_root_agreed(sim.cart().comm(), [&] {
      write_file_atomically(path_, [&](std::ostream& out) {
        write_rle(out, grid.data(), grid.cols(), grid.rows(), rule_,
                  {"generation " + std::to_string(sim.generation()) + " of " + source_ +
                   ", written by mpilife"});
      });
    });
  }

 private:
  std::string path_;
  std::string rule_;
  std::string source_;
};

// The frame (or checkpoint grid) size the --io choice depends on.
IoMode io_mode_for(const RunPlan& plan, int ranks, std::int64_t scale) {
  const std::int64_t w = (plan.width + scale - 1) / scale;
  const std::int64_t h = (plan.height + scale - 1) / scale;
  return choose_io_mode(plan.options.io, ranks, w * h);
}

RunMetadata run_metadata(const RunPlan& plan) {
  RunMetadata m;
  m.rule = plan.rule_with_suffix();
  m.topology = plan.topology;
  m.width = plan.width;
  m.height = plan.height;
  m.seed = plan.options.seed;
  m.pattern = plan.pattern_name;
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

// The observers of a run's outputs; the recorder also learns how the run ended.
struct Observers {
  std::vector<std::unique_ptr<Observer>> all;
  Recorder* recorder = nullptr;

  void after_step(const Simulation& sim) {
    for (auto& o : all) o->after_step(sim);
  }
};

Observers make_observers(const RunPlan& plan, int ranks) {
  const OutputOptions& out = plan.options.outputs;
  Observers observers;
  if (!out.stats_path.empty()) {
    observers.all.push_back(std::make_unique<StatsWriter>(out.stats_path));
  }
  if (!out.final_path.empty()) {
    observers.all.push_back(std::make_unique<FinalWriter>(
        out.final_path, plan.rule_with_suffix(),
        plan.pattern_name.empty() ? std::string("a random soup") : plan.pattern_name));
  }
  if (!out.output_path.empty()) {
    const IoMode io = io_mode_for(plan, ranks, out.frame_scale);
    auto r = std::make_unique<Recorder>(
        RecorderSettings{out.output_path, out.every, out.frame_scale, io}, run_metadata(plan));
    observers.recorder = r.get();
    observers.all.push_back(std::move(r));
  }
  if (!out.checkpoint_path.empty()) {
    observers.all.push_back(std::make_unique<Checkpointer>(
        CheckpointSettings{out.checkpoint_path, out.checkpoint_every, io_mode_for(plan, ranks, 1)},
        run_metadata(plan)));
  }
  return observers;
}

// Steps to the target generation unless the control points say stop; returns why it ended.
StopReason step_to_target(Simulation& sim, const RunPlan& plan, Observers& observers,
                          Progress& progress, double t0) {
  Control control(sim, plan.options.stop_when_stable);
  while (sim.generation() < plan.options.generations) {
    if (control.due()) {
      const std::optional<StopReason> reason = control.check(now_seconds() - t0);
      if (reason) return *reason;
    }
    sim.step();
    observers.after_step(sim);
    progress.update(sim.generation());
  }
  return StopReason::completed;
}

// Runs the generations (under the live viewer with --view); returns why the run ended and sets
// `wall` to this rank's stepping time.
StopReason run_generations(const mpi::Comm& world, Simulation& sim, const RunPlan& plan,
                           Observers& observers, const DisplayFactory& make_display, double& wall) {
  const RunOptions& opt = plan.options;
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  for (auto& o : observers.all) o->start(sim);
  Progress progress(sim.generation(), opt.generations, opt.progress_seconds,
                    world.rank() == 0 && !opt.quiet);
  StopReason stopped = StopReason::completed;
  mpi::barrier(world);
  const double t0 = now_seconds();
  if (opt.view) {
    InteractiveOptions viewing;
    viewing.after_step = [&] { observers.after_step(sim); };
    viewing.stop_requested = [] { return g_stop_signal != 0; };
    if (run_viewer(sim, plan, make_display, viewing).interrupted) {
      stopped = StopReason::interrupted;
    }
  } else {
    stopped = step_to_target(sim, plan, observers, progress, t0);
  }
  wall = now_seconds() - t0;
  progress.finish();
  return stopped;
}

// The report of the run: the slowest rank's wall time and the mean halo wait. Collective.
RunReport make_report(const mpi::Comm& world, const Simulation& sim, const RunPlan& plan,
                      StopReason stopped, double wall) {
  RunReport report;
  report.generations = sim.generation() - plan.start_generation;
  report.final_generation = sim.generation();
  report.width = plan.width;
  report.height = plan.height;
  report.ranks = world.size();
  report.process_grid = plan.procs;
  report.kernel = plan.options.kernel;
  report.rule = plan.rule_with_suffix();
  report.topology = plan.topology;
  report.stopped = stopped;
  double wait_fraction = wall > 0 ? sim.halo_wait_seconds() / wall : 0.0;
  wall = mpi::allreduce(wall, mpi::Op::max, world);
  wait_fraction = mpi::allreduce(wait_fraction, mpi::Op::sum, world);
  report.wall_seconds = wall;
  report.halo_wait_fraction = wait_fraction / world.size();
  report.final_population = sim.population();
  return report;
}

// Writes the outputs and the summary, prints the summary line; returns the exit code.
int finish_run(const mpi::Comm& world, const Simulation& sim, const RunPlan& plan,
               Observers& observers, const RunReport& report) {
  const RunOptions& opt = plan.options;
  if (observers.recorder != nullptr) observers.recorder->set_outcome(to_string(report.stopped));
  for (auto& o : observers.all) o->finish(sim);
  mpi::on_root_agreed(world, [&] {
    if (!opt.outputs.summary_path.empty()) {
      write_file_atomically(opt.outputs.summary_path,
                            [&](std::ostream& out) { out << report.json(); });
    }
    if (!opt.quiet) std::fprintf(stderr, "%s\n", report.line().c_str());
  });
  if (report.stopped == StopReason::interrupted) {
    if (world.rank() == 0) {
      std::fprintf(stderr, "mpilife: stopped by a signal at generation %lld; outputs written\n",
                   static_cast<long long>(sim.generation()));
    }
    return static_cast<int>(ExitCode::interrupted);
  }
  return 0;
}

}  // namespace

int run_command(const mpi::Comm& world, const RunPlan& plan, const DisplayFactory& make_display) {
  const std::unique_ptr<Simulation> owned = make_simulation(world, plan);
  Simulation& sim = *owned;
  seed_initial_state(sim, plan, world.size());
  Observers observers = make_observers(plan, world.size());
  double wall = 0.0;
  const StopReason stopped = run_generations(world, sim, plan, observers, make_display, wall);
  const RunReport report = make_report(world, sim, plan, stopped, wall);
  return finish_run(world, sim, plan, observers, report);
}

}  // namespace mpilife
