#include "steering.hpp"

#include <algorithm>

#include "mpilife/core/clock.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/io/pattern.hpp"

namespace mpilife {

namespace {

// Longest stretch of generations between two frames when a step is large: the window stays
// responsive (quit, stop) while a step of 2^20 generations is computed.
constexpr double kStepBudgetSeconds = 0.25;
// How long rank 0 waits for input when nothing is running.
constexpr double kIdleWaitSeconds = 0.1;
// Growth of the generations per frame while their cost is being learnt: 1, 4, 16, ...
constexpr std::int64_t kRampFactor = 4;

}  // namespace

Message Steering::next(const Simulation& sim) {
  Message m{};
  const double now = now_seconds();
  double wait = kIdleWaitSeconds;
  if (owed_ > 0) {
    wait = 0.0;
  } else if (running_) {
    wait = std::max(0.0, next_step_at_ - now);
  }
  const Controls c = display_.poll(wait);
  if (!c.paste_text.empty()) paste(c.paste_text);
  const bool stop = options_.stop_requested && options_.stop_requested();
  interrupted_ = stop && !c.quit;
  m[kQuit] = c.quit || stop ? 1 : 0;
  if (m[kQuit]) return m;
  std::int64_t gen = sim.generation();
  if (c.reset && options_.reset) {
    // Back to the start, stopped: the steps owed, the edits not yet sent and the pause reached so
    // far belonged to the old generations.
    m[kReset] = 1;
    running_ = false;
    owed_ = 0;
    edits_.clear();
    pause_at_ = options_.pause_at;
    gen = options_.reset_generation;
  }
  encode(c, pace(c, gen), m);
  if (m[kReset]) m[kGather] = 1;
  return m;
}

std::int64_t Steering::pace(const Controls& c, std::int64_t gen) {
  const double t = now_seconds();
  if (running_ && !c.running) owed_ = 0;  // stop drops the rest of a running step
  if (!running_ && c.running) next_step_at_ = t;
  running_ = c.running;
  owed_ += std::max<std::int64_t>(0, c.steps);
  if (running_ && owed_ == 0 && t >= next_step_at_) {
    owed_ = step_generations(c.speed);
    next_step_at_ = std::max(next_step_at_ + frame_interval(c.speed), t);
  }
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
  return n;
}

void Steering::encode(const Controls& c, std::int64_t n, Message& m) {
  edits_.insert(edits_.end(), c.edits.begin(), c.edits.end());
  const auto count = static_cast<std::int64_t>(edits_.size());
  m[kGenerations] = n;
  m[kEdits] = count;
  m[kRunning] = running_ ? 1 : 0;
  m[kClearX] = c.clear_region.x0;
  m[kClearY] = c.clear_region.y0;
  m[kClearW] = c.clear_region.w;
  m[kClearH] = c.clear_region.h;
  m[kCopyX] = c.copy_region.x0;
  m[kCopyY] = c.copy_region.y0;
  m[kCopyW] = c.copy_region.w;
  m[kCopyH] = c.copy_region.h;
  m[kEditOp] = c.edit_region.w > 0 ? static_cast<std::int64_t>(c.edit_op) : 0;
  m[kEditX] = c.edit_region.x0;
  m[kEditY] = c.edit_region.y0;
  m[kEditW] = c.edit_region.w;
  m[kEditH] = c.edit_region.h;
  m[kEditSeed] = static_cast<std::int64_t>(c.fill_seed);
  m[kSaveX] = c.save_region.x0;
  m[kSaveY] = c.save_region.y0;
  m[kSaveW] = c.save_region.w;
  m[kSaveH] = c.save_region.h;
  m[kRegionX] = c.view.region.x0;
  m[kRegionY] = c.view.region.y0;
  m[kRegionW] = c.view.region.w;
  m[kRegionH] = c.view.region.h;
  m[kScale] = std::max<std::int64_t>(1, c.view.scale);
  const bool changed = first_ || n > 0 || count > 0 || c.clear_region.w > 0 || m[kEditOp] != 0 ||
                       c.view != last_view_ || running_ != last_running_;
  m[kGather] = changed ? 1 : 0;
  first_ = false;
  last_view_ = c.view;
  last_running_ = running_;
}

void Steering::paste(const std::string& text) {
  PatternLimits limits;
  limits.max_cells = kMaxCopyCells;
  try {
    const Pattern p = parse_pattern(text, detect_format("", text), "clipboard", limits);
    if (p.width > kMaxCopyCells / std::max<std::int64_t>(1, p.height)) {
      throw Error(ExitCode::data, "a " + std::to_string(p.width) + "x" + std::to_string(p.height) +
                                      " pattern is too big to paste");
    }
    if (p.cells.empty()) throw Error(ExitCode::data, "the clipboard's pattern has no live cells");
    display_.pasted(p.cells, p.width, p.height,
                    "Ctrl+V: " + std::to_string(p.width) + "x" + std::to_string(p.height) +
                        " pattern: click to place it, r rotates, x y flip, Esc cancels");
  } catch (const Error& e) {
    display_.pasted({}, 0, 0, std::string("Ctrl+V: cannot paste: ") + e.what());
  }
}

void Steering::stepped(std::int64_t n, double seconds) {
  if (n <= 0) return;
  const double per = seconds / static_cast<double>(n);
  seconds_per_generation_ =
      seconds_per_generation_ > 0.0 ? 0.7 * seconds_per_generation_ + 0.3 * per : per;
}

}  // namespace mpilife
