#include "mpilife/app.hpp"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <numeric>

#include "mpilife/cli.hpp"
#include "mpilife/error.hpp"
#include "mpilife/io.hpp"
#include "mpilife/mpi.hpp"
#include "mpilife/simulation.hpp"

namespace mpilife {

namespace {

volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int sig) { g_stop_signal = sig; }

// Seconds between two collective control points (signal check, stability check).
constexpr double kControlSeconds = 0.1;

void report_error(const std::string& what) { std::fprintf(stderr, "mpilife: %s\n", what.c_str()); }

// Runs `body` on rank 0 only; every rank returns the exit code it produced (0 on success).
template <typename Body>
int on_root_agreed(const mpi::Comm& world, Body&& body) {
  int code = 0;
  if (world.rank() == 0) {
    try {
      body();
    } catch (const Error& e) {
      report_error(e.what());
      code = static_cast<int>(e.code());
    } catch (const std::exception& e) {
      report_error(std::string("internal error: ") + e.what());
      code = static_cast<int>(ExitCode::io);
    }
  }
  MPI_Bcast(&code, 1, MPI_INT, 0, world.get());
  return code;
}

struct Outcome {
  std::string stopped = "completed";
  int code = 0;
};

// Every `interval` generations all ranks agree on whether to stop: a signal on any rank, or
// (with --stop-when-stable) an empty grid. Rank 0 also picks the next interval from its timing.
class Control {
 public:
  Control(const Simulation& sim, bool stop_when_stable)
      : sim_(sim), stop_when_stable_(stop_when_stable), next_(sim.generation() + 1) {}

  bool due() const { return sim_.generation() >= next_; }

  // Collective; returns a non-empty reason to stop.
  std::string check(double elapsed) {
    const bool root = sim_.cart().comm().rank() == 0;
    long long v[3] = {g_stop_signal != 0 ? 1 : 0, 0, 0};
    if (root) {
      const double per_gen = elapsed / static_cast<double>(std::max<std::int64_t>(1, gens_done()));
      v[1] = std::clamp<long long>(static_cast<long long>(kControlSeconds / std::max(per_gen, 1e-9)),
                                   1, 1 << 16);
    }
    if (stop_when_stable_) v[2] = -sim_.tile().population();
    long long out[3];
    MPI_Allreduce(v, out, 2, MPI_LONG_LONG, MPI_MAX, sim_.cart().comm().get());
    if (stop_when_stable_) MPI_Allreduce(&v[2], &out[2], 1, MPI_LONG_LONG, MPI_SUM, sim_.cart().comm().get());
    next_ = sim_.generation() + out[1];
    if (out[0]) return "interrupted";
    if (stop_when_stable_ && out[2] == 0) return "died-out";
    return {};
  }

 private:
  std::int64_t gens_done() const { return sim_.generation() - first_; }
  const Simulation& sim_;
  bool stop_when_stable_;
  std::int64_t next_;
  std::int64_t first_ = sim_.generation();
};

int run(const mpi::Comm& world, const RunPlan& plan) {
  const bool root = world.rank() == 0;
  Simulation sim(world, plan.width, plan.height, plan.topology, plan.procs, plan.kernel, plan.rule,
                 plan.start_generation);
  if (plan.options.density) {
    fill_soup(sim, plan.options.seed, *plan.options.density);
  } else {
    place_cells(sim, plan.cells);
  }

  const bool want_stats = !plan.options.stats_path.empty();
  std::vector<long long> populations;
  if (want_stats) populations.push_back(sim.tile().population());

  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  Control control(sim, plan.options.stop_when_stable);
  Progress progress(sim.generation(), plan.options.generations, plan.options.progress_seconds,
                    root && !plan.options.quiet);
  Outcome outcome;
  MPI_Barrier(world.get());
  const double t0 = MPI_Wtime();
  while (sim.generation() < plan.options.generations) {
    if (control.due()) {
      const std::string reason = control.check(MPI_Wtime() - t0);
      if (!reason.empty()) {
        outcome.stopped = reason;
        break;
      }
    }
    sim.step();
    if (want_stats) populations.push_back(sim.tile().population());
    progress.update(sim.generation());
  }
  double wall = MPI_Wtime() - t0;
  progress.finish();
  if (outcome.stopped == "interrupted") outcome.code = static_cast<int>(ExitCode::interrupted);

  RunReport report;
  report.generations = sim.generation() - plan.start_generation;
  report.final_generation = sim.generation();
  report.width = plan.width;
  report.height = plan.height;
  report.ranks = world.size();
  report.procs = plan.procs;
  report.kernel = to_string(plan.kernel);
  report.rule = plan.rule_with_suffix();
  report.topology = to_string(plan.topology);
  report.stopped = outcome.stopped;
  double wait_fraction = wall > 0 ? sim.halo_wait_seconds() / wall : 0.0;
  MPI_Allreduce(MPI_IN_PLACE, &wall, 1, MPI_DOUBLE, MPI_MAX, world.get());
  MPI_Allreduce(MPI_IN_PLACE, &wait_fraction, 1, MPI_DOUBLE, MPI_SUM, world.get());
  report.wall_seconds = wall;
  report.halo_wait_fraction = wait_fraction / world.size();
  report.final_population = sim.population();

  if (want_stats) {
    MPI_Reduce(root ? MPI_IN_PLACE : populations.data(), populations.data(),
               static_cast<int>(populations.size()), MPI_LONG_LONG, MPI_SUM, 0, world.get());
  }
  CellArray grid;
  if (!plan.options.final_path.empty()) grid = gather_grid(sim);

  const int code = on_root_agreed(world, [&] {
    if (!plan.options.final_path.empty()) {
      write_file_atomically(plan.options.final_path, [&](std::ostream& out) {
        write_rle(out, grid.data(), plan.width, plan.height, plan.rule_with_suffix(),
                  {"generation " + std::to_string(sim.generation()) + " of " +
                   (plan.pattern_name.empty() ? std::string("a random soup") : plan.pattern_name) +
                   ", written by mpilife"});
      });
    }
    if (want_stats) {
      write_file_atomically(plan.options.stats_path, [&](std::ostream& out) {
        out << "generation,population\n";
        for (std::size_t i = 0; i < populations.size(); ++i) {
          out << plan.start_generation + static_cast<std::int64_t>(i) << ',' << populations[i]
              << '\n';
        }
      });
    }
    if (!plan.options.summary_path.empty()) {
      write_file_atomically(plan.options.summary_path,
                            [&](std::ostream& out) { out << report.json(); });
    }
    if (!plan.options.quiet) std::fprintf(stderr, "%s\n", report.line().c_str());
    if (outcome.code) report_error("stopped by a signal at generation " + std::to_string(sim.generation()));
  });
  return code ? code : outcome.code;
}

}  // namespace

int app_main(int argc, char** argv) {
  mpi::Environment env(argc, argv);
  const mpi::Comm comm = mpi::world();
  RunPlan plan;
  std::string plan_json;
  int finished = 0;  // 1: help or version printed, nothing to run
  int code = on_root_agreed(comm, [&] {
    const Command cmd = parse_command_line(argc, argv);
    if (cmd.kind != Command::Kind::run) {
      std::fputs(cmd.text.c_str(), stdout);
      std::fflush(stdout);
      finished = 1;
      return;
    }
    plan = resolve_plan(cmd.run);
    int dims[2] = {0, 0};
    MPI_Dims_create(comm.size(), 2, dims);
    plan.procs = choose_process_grid(plan.decomp, comm.size(), plan.width, plan.height,
                                     {dims[0], dims[1]});
    plan_json = plan.to_json();
  });
  MPI_Bcast(&finished, 1, MPI_INT, 0, comm.get());
  if (code != 0 || finished) return code;
  mpi::broadcast(plan_json, 0, comm);
  if (comm.rank() != 0) plan = RunPlan::from_json(plan_json);
  return run(comm, plan);
}

}  // namespace mpilife
