#include "mpilife/view/replay.hpp"

#include <algorithm>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/clock.hpp"
#include "mpilife/view/block_counts.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"
#include "mpilife/view/rate_meter.hpp"

namespace mpilife {

namespace {

// How long a replay waits for input when it is paused.
constexpr double kIdleWaitSeconds = 0.1;

}  // namespace

void run_replay(const FrameSource& source, const ViewSource& info, Display& display) {
  display.open(info);
  const std::int64_t last = source.frames() - 1;
  std::int64_t index = 0;
  std::int64_t loaded = -1;
  CellArray cells;
  ViewRequest shown_view;
  bool shown_running = false;
  bool first = true;
  bool running = false;
  double next_step_at = 0.0;
  std::int64_t frames_shown = 0;
  RateMeter generation_rate;
  RateMeter frame_rate;
  for (;;) {
    const double now = now_seconds();
    const Controls c = display.poll(running ? std::max(0.0, next_step_at - now) : kIdleWaitSeconds);
    if (c.quit) break;
    if (last < 0) continue;
    const double t = now_seconds();
    std::int64_t target = c.seek >= 0 ? c.seek : index;
    target += c.steps;
    if (c.running && !running) {
      next_step_at = t;
      frame_rate.clear();
      generation_rate.clear();
      if (index >= last) target = 0;  // play again from the start
    }
    running = c.running;
    if (running && t >= next_step_at) {
      target += step_generations(c.speed);
      next_step_at = std::max(next_step_at + frame_interval(c.speed), t);
    }
    index = std::clamp<std::int64_t>(target, 0, last);
    if (running && index == last) running = false;
    if (index != loaded) {
      cells = source.frame(index);
      loaded = index;
    } else if (!first && c.view == shown_view && running == shown_running) {
      continue;
    }
    Frame frame;
    frame.generation = source.generation(index);
    frame.population = source.population(index);
    frame.view = c.view;
    frame.view.scale = std::max<std::int64_t>(1, frame.view.scale);
    if (info.frame_scale > 1) {
      frame.counts = block_sums(cells, frame.view.region, frame.view.scale);
      frame.full = 255;
    } else {
      frame.counts = block_counts(cells, frame.view.region, frame.view.scale);
    }
    frame.running = running;
    frame.index = index;
    const double shown_at = now_seconds();
    generation_rate.add(shown_at, frame.generation);
    frame_rate.add(shown_at, ++frames_shown);
    frame.generations_per_second = running ? generation_rate.rate() : 0.0;
    frame.frames_per_second = frame_rate.rate();
    display.show(frame);
    first = false;
    shown_view = c.view;
    shown_running = running;
  }
}

}  // namespace mpilife
