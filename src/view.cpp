#include "mpilife/view.hpp"

#include <algorithm>
#include <chrono>
#include <deque>

namespace mpilife {

namespace {

// How long a replay waits for input when it is paused.
constexpr double kIdleWaitSeconds = 0.1;

double seconds_now() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

}  // namespace

void RateMeter::add(double t, std::int64_t total) {
  samples_.push_back({t, total});
  while (samples_.size() > 2 && t - samples_[1].first >= 1.0) samples_.pop_front();
}

double RateMeter::rate() const {
  if (samples_.size() < 2) return 0.0;
  const double dt = samples_.back().first - samples_.front().first;
  return dt > 0 ? static_cast<double>(samples_.back().second - samples_.front().second) / dt : 0.0;
}

std::int64_t step_generations(int speed) {
  return speed > 0 ? std::int64_t{1} << std::min(speed, kMaxSpeed) : 1;
}

double frame_interval(int speed) {
  const double tick = 1.0 / 60.0;
  return speed >= 0 ? tick : tick * static_cast<double>(1 << std::min(-speed, -kMinSpeed));
}

namespace {

// Per-block sums of f(value) over `region` of `cells`.
template <typename F>
std::vector<std::uint32_t> reduce_blocks(const CellArray& cells, const Extent& region,
                                         std::int64_t scale, F f) {
  const std::int64_t bw = (region.w + scale - 1) / scale;
  const std::int64_t bh = (region.h + scale - 1) / scale;
  std::vector<std::uint32_t> counts(static_cast<std::size_t>(bw * bh), 0);
  if (region.w <= 0 || region.h <= 0) return counts;
  for (std::int64_t y = 0; y < region.h; ++y) {
    const std::uint8_t* row = &cells(region.y0 + y, region.x0);
    std::uint32_t* out = counts.data() + (y / scale) * bw;
    for (std::int64_t bx = 0; bx < bw; ++bx) {
      const std::int64_t end = std::min((bx + 1) * scale, region.w);
      std::uint32_t n = 0;
      for (std::int64_t x = bx * scale; x < end; ++x) n += f(row[x]);
      out[bx] += n;
    }
  }
  return counts;
}

}  // namespace

std::vector<std::uint32_t> block_counts(const CellArray& cells, const Extent& region,
                                        std::int64_t scale) {
  return reduce_blocks(cells, region, scale,
                       [](std::uint8_t v) { return static_cast<std::uint32_t>(v != 0); });
}

std::vector<std::uint32_t> block_sums(const CellArray& values, const Extent& region,
                                      std::int64_t scale) {
  return reduce_blocks(values, region, scale, [](std::uint8_t v) { return std::uint32_t{v}; });
}

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
    const double now = seconds_now();
    const Controls c = display.poll(running ? std::max(0.0, next_step_at - now) : kIdleWaitSeconds);
    if (c.quit) break;
    if (last < 0) continue;
    const double t = seconds_now();
    std::int64_t target = c.seek >= 0 ? c.seek : index;
    target += c.steps;
    if (c.running && !running) {
      next_step_at = t;
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
    const double shown_at = seconds_now();
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
