#include "mpilife/app/live.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <deque>
#include <exception>

#include "mpilife/app/options.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/clock.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/io/hdf5/recording.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"
#include "mpilife/view/rate_meter.hpp"
#include "mpilife/view/replay.hpp"

namespace mpilife {

namespace {

// Cell toggles one control message carries; more wait for the next frame.
constexpr int kMaxToggles = 16;

// The control message rank 0 broadcasts every frame, as int64 words.
enum Word : int {
  kQuit,         // 1: leave the loop
  kGenerations,  // generations every rank computes this frame
  kGather,       // 1: reduce the view to rank 0 after stepping
  kRegionX,      // the view region and scale
  kRegionY,
  kRegionW,
  kRegionH,
  kScale,
  kRunning,      // whether rank 0 is running (echoed in the frame)
  kToggleCount,  // toggles that follow, at most kMaxToggles
  kToggles       // x0, y0, x1, y1, ...
};
constexpr int kMessageWords = kToggles + 2 * kMaxToggles;
using Message = std::array<std::int64_t, kMessageWords>;

// Longest stretch of generations between two frames when a step is large: the window stays
// responsive (quit, stop) while a step of 2^20 generations is computed.
constexpr double kStepBudgetSeconds = 0.25;
// How long rank 0 waits for input when nothing is running.
constexpr double kIdleWaitSeconds = 0.1;
// Growth of the generations per frame while their cost is being learnt: 1, 4, 16, ...
constexpr std::int64_t kRampFactor = 4;

// A recording as frames to replay.
class RecordingFrames final : public FrameSource {
 public:
  explicit RecordingFrames(const Recording& recording) : recording_(recording) {}
  std::int64_t frames() const override { return recording_.frames(); }
  CellArray frame(std::int64_t i) const override { return recording_.frame(i); }
  std::int64_t generation(std::int64_t i) const override { return recording_.generation(i); }
  std::int64_t population(std::int64_t i) const override { return recording_.population(i); }

 private:
  const Recording& recording_;
};

// Flips the listed cells this rank owns.
void apply_toggles(Simulation& sim, const Message& m) {
  const Extent e = sim.layout().local;
  std::vector<Cell> cells;
  for (std::int64_t i = 0; i < m[kToggleCount]; ++i) {
    cells.push_back({m[static_cast<std::size_t>(kToggles + 2 * i)] - e.x0,
                     m[static_cast<std::size_t>(kToggles + 2 * i + 1)] - e.y0});
  }
  toggle_cells(sim.tile(), std::move(cells));
}

// Rank 0's side of the loop: turns the display's controls into control messages and paces the
// run (steps of 2^speed generations, at most one step per frame interval, large steps cut into
// pieces of about kStepBudgetSeconds).
class Steering {
 public:
  Steering(Display& display, const InteractiveOptions& options)
      : display_(display), options_(options), pause_at_(options.pause_at) {}

  Message next(const Simulation& sim) {
    Message m{};
    const double now = now_seconds();
    double wait = kIdleWaitSeconds;
    if (owed_ > 0) {
      wait = 0.0;
    } else if (running_) {
      wait = std::max(0.0, next_step_at_ - now);
    }
    const Controls c = display_.poll(wait);
    const bool stop = options_.stop_requested && options_.stop_requested();
    interrupted_ = stop && !c.quit;
    m[kQuit] = c.quit || stop ? 1 : 0;
    if (m[kQuit]) return m;

    const double t = now_seconds();
    if (running_ && !c.running) owed_ = 0;  // stop drops the rest of a running step
    if (!running_ && c.running) next_step_at_ = t;
    running_ = c.running;
    owed_ += std::max<std::int64_t>(0, c.steps);
    if (running_ && owed_ == 0 && t >= next_step_at_) {
      owed_ = step_generations(c.speed);
      next_step_at_ = std::max(next_step_at_ + frame_interval(c.speed), t);
    }
    const std::int64_t gen = sim.generation();
    if (pause_at_ >= 0 && gen >= pause_at_) pause_at_ = -1;  // stepped there (or past) by hand
    if (running_ && pause_at_ >= 0 && gen + owed_ >= pause_at_) {
      owed_ = std::max<std::int64_t>(0, pause_at_ - gen);
    }
    std::int64_t cap = ramp_;
    if (seconds_per_generation_ > 0.0) {
      const double fit = std::min(kStepBudgetSeconds / seconds_per_generation_, 1e15);
      cap = std::min(cap, std::max<std::int64_t>(1, static_cast<std::int64_t>(fit)));
    }
    const std::int64_t n = std::min(owed_, cap);
    if (n == ramp_) ramp_ = std::min<std::int64_t>(ramp_ * kRampFactor, std::int64_t{1} << 50);
    owed_ -= n;
    if (running_ && pause_at_ >= 0 && gen + n >= pause_at_) {
      running_ = false;  // the frame tells the display it stopped
      pause_at_ = -1;
      owed_ = 0;
    }

    for (const Cell& cell : c.toggles) toggles_.push_back(cell);
    const auto count = std::min<std::size_t>(toggles_.size(), kMaxToggles);
    for (std::size_t i = 0; i < count; ++i) {
      m[kToggles + 2 * i] = toggles_.front().x;
      m[kToggles + 2 * i + 1] = toggles_.front().y;
      toggles_.pop_front();
    }

    m[kGenerations] = n;
    m[kToggleCount] = static_cast<std::int64_t>(count);
    m[kRunning] = running_ ? 1 : 0;
    m[kRegionX] = c.view.region.x0;
    m[kRegionY] = c.view.region.y0;
    m[kRegionW] = c.view.region.w;
    m[kRegionH] = c.view.region.h;
    m[kScale] = std::max<std::int64_t>(1, c.view.scale);
    const bool changed = first_ || n > 0 || count > 0 || c.view != last_view_ ||
                         running_ != last_running_ || !toggles_.empty();
    m[kGather] = changed ? 1 : 0;
    first_ = false;
    last_view_ = c.view;
    last_running_ = running_;
    return m;
  }

  // Notes that `n` generations took `seconds` on this rank.
  void stepped(std::int64_t n, double seconds) {
    if (n <= 0) return;
    const double per = seconds / static_cast<double>(n);
    seconds_per_generation_ =
        seconds_per_generation_ > 0.0 ? 0.7 * seconds_per_generation_ + 0.3 * per : per;
  }

  bool interrupted() const { return interrupted_; }

 private:
  Display& display_;
  const InteractiveOptions& options_;
  std::int64_t pause_at_;
  bool running_ = false;
  bool last_running_ = false;
  bool first_ = true;
  bool interrupted_ = false;
  std::int64_t owed_ = 0;
  double next_step_at_ = 0.0;
  double seconds_per_generation_ = 0.0;
  std::int64_t ramp_ = 1;
  std::deque<Cell> toggles_;
  ViewRequest last_view_;
};

}  // namespace

InteractiveResult run_interactive(Simulation& sim, Display* display, const ViewSource& source,
                                  const InteractiveOptions& options) {
  const mpi::Comm& comm = sim.cart().comm();
  const bool root = comm.rank() == 0;
  std::exception_ptr failure;
  std::unique_ptr<Steering> steering;
  if (root) {
    try {
      display->open(source);
      steering = std::make_unique<Steering>(*display, options);
    } catch (...) {
      failure = std::current_exception();
    }
  }
  InteractiveResult result;
  RateMeter generation_rate;
  RateMeter frame_rate;
  const std::int64_t first_generation = sim.generation();
  bool was_running = false;
  const double t0 = now_seconds();
  for (;;) {
    Message m{};
    if (root) {
      m[kQuit] = 1;
      if (!failure) {
        try {
          m = steering->next(sim);
        } catch (...) {
          failure = std::current_exception();
        }
      }
    }
    mpi::broadcast_politely(m.data(), sizeof m, 0, comm);
    if (m[kQuit]) break;
    apply_toggles(sim, m);
    const double t_step = now_seconds();
    for (std::int64_t i = 0; i < m[kGenerations]; ++i) {
      sim.step();
      if (options.after_step) options.after_step();
    }
    if (root) steering->stepped(m[kGenerations], now_seconds() - t_step);
    if (!m[kGather]) continue;

    const ViewRequest view{{m[kRegionX], m[kRegionY], m[kRegionW], m[kRegionH]}, m[kScale]};
    Frame frame;
    frame.counts = gather_block_counts(sim, view.region, view.scale);
    const std::int64_t total = mpi::reduce(sim.tile().population(), mpi::Op::sum, 0, comm);
    ++result.frames;
    if (!root || failure) continue;
    const double now = now_seconds();
    const bool running = m[kRunning] != 0;
    if (running && !was_running) generation_rate.clear();
    was_running = running;
    generation_rate.add(now, sim.generation());
    frame_rate.add(now, result.frames);
    frame.generation = sim.generation();
    frame.population = total;
    frame.view = view;
    frame.running = running;
    frame.generations_per_second = running ? generation_rate.rate() : 0.0;
    frame.frames_per_second = frame_rate.rate();
    try {
      display->show(frame);
    } catch (...) {
      failure = std::current_exception();
    }
  }
  result.seconds = now_seconds() - t0;
  result.generations = sim.generation() - first_generation;
  result.interrupted = mpi::broadcast(root && steering && steering->interrupted(), 0, comm);
  mpi::on_root_agreed(comm, [&] {
    if (failure) std::rethrow_exception(failure);
  });
  return result;
}

DisplayOptions display_options(const RunOptions& options) {
  DisplayOptions d;
  d.window_width = static_cast<int>(options.window[0]);
  d.window_height = static_cast<int>(options.window[1]);
  d.script = options.view_script;
  return d;
}

InteractiveResult run_viewer(Simulation& sim, const RunPlan& plan, const DisplayFactory& factory,
                             const InteractiveOptions& options) {
  const mpi::Comm& comm = sim.cart().comm();
  if (!factory) throw Error(ExitCode::usage, std::string("--view: ") + kNoViewerMessage);
  std::unique_ptr<Display> display;
  mpi::on_root_agreed(comm, [&] { display = factory(display_options(plan.options)); });
  ViewSource source;
  source.width = plan.width;
  source.height = plan.height;
  source.name = plan.pattern_name.empty() ? std::string("random soup") : plan.pattern_name;
  source.rule = plan.rule_with_suffix();
  source.ranks = comm.size();
  source.proc_cols = plan.procs.cols;
  source.proc_rows = plan.procs.rows;
  InteractiveOptions with_pause = options;
  if (plan.options.generations_given) with_pause.pause_at = plan.options.generations;
  const InteractiveResult r = run_interactive(sim, display.get(), source, with_pause);
  if (comm.rank() == 0 && !plan.options.quiet) {
    std::fprintf(
        stderr,
        "mpilife: viewer showed %lld frames in %.1f s (%.1f frames/s, %.1f generations/s)\n",
        static_cast<long long>(r.frames), r.seconds,
        r.seconds > 0 ? static_cast<double>(r.frames) / r.seconds : 0.0,
        r.seconds > 0 ? static_cast<double>(r.generations) / r.seconds : 0.0);
  }
  return r;
}

void view_command(const mpi::Comm& world, const std::string& path, const DisplayOptions& options,
                  const DisplayFactory& factory) {
  if (!factory) throw Error(ExitCode::usage, std::string("view: ") + kNoViewerMessage);
  std::exception_ptr failure;
  if (world.rank() == 0) {
    try {
      const Recording recording(path);
      if (recording.frames() == 0) throw Error(ExitCode::data, path + ": no frames to replay");
      ViewSource source;
      source.width = recording.frame_width();
      source.height = recording.frame_height();
      source.name = path;
      source.rule = recording.rule();
      source.frames = recording.frames();
      source.frame_scale = recording.frame_scale();
      const std::unique_ptr<Display> display = factory(options);
      run_replay(RecordingFrames(recording), source, *display);
    } catch (...) {
      failure = std::current_exception();
    }
  }
  mpi::barrier_politely(world);
  mpi::on_root_agreed(world, [&] {
    if (failure) std::rethrow_exception(failure);
  });
}

}  // namespace mpilife
