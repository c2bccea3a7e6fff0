// The display interface without SDL or MPI: speed levels, block counts and the replay loop.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/view/block_counts.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"
#include "mpilife/view/replay.hpp"

using namespace mpilife;

namespace {

// Frame i is a w x h grid with only cell (i, 0) alive; generation 10 * i.
class Strip final : public FrameSource {
 public:
  Strip(std::int64_t n, std::int64_t w, std::int64_t h) : n_(n), w_(w), h_(h) {}
  std::int64_t frames() const override { return n_; }
  CellArray frame(std::int64_t i) const override {
    ++loads;
    CellArray a = CellArray::Zero(h_, w_);
    a(0, i % w_) = 1;
    return a;
  }
  std::int64_t generation(std::int64_t i) const override { return 10 * i; }
  std::int64_t population(std::int64_t) const override { return 1; }
  mutable int loads = 0;

 private:
  std::int64_t n_, w_, h_;
};

// Scripted user: one action per poll, quit after the last; records frames.
class Scripted final : public Display {
 public:
  using Action = std::function<void(Controls&)>;
  explicit Scripted(std::vector<Action> actions) : actions_(std::move(actions)) {}
  void open(const ViewSource& s) override {
    source = s;
    state_.view = ViewRequest{{0, 0, s.width, s.height}, 1};
  }
  Controls poll(double wait_seconds) override {
    if (wait_seconds > 0) {
      std::this_thread::sleep_for(std::chrono::duration<double>(std::min(wait_seconds, 0.02)));
    }
    state_.steps = 0;
    state_.seek = -1;
    if (next_ < actions_.size()) {
      actions_[next_++](state_);
    } else {
      state_.quit = true;
    }
    return state_;
  }
  void show(const Frame& f) override {
    if (!f.running) state_.running = false;
    frames.push_back(f);
  }
  ViewSource source;
  std::vector<Frame> frames;

 private:
  std::vector<Action> actions_;
  std::size_t next_ = 0;
  Controls state_;
};

}  // namespace

TEST_CASE("speed levels: 2^speed generations per step, then slower frames") {
  CHECK(step_generations(0) == 1);
  CHECK(step_generations(-3) == 1);
  CHECK(step_generations(5) == 32);
  CHECK(step_generations(kMaxSpeed) == std::int64_t{1} << kMaxSpeed);
  CHECK(frame_interval(0) == doctest::Approx(1.0 / 60));
  CHECK(frame_interval(4) == doctest::Approx(1.0 / 60));
  CHECK(frame_interval(-2) == doctest::Approx(4.0 / 60));
  CHECK(frame_interval(kMinSpeed) == doctest::Approx(64.0 / 60));
}

TEST_CASE("block counts sum each scale x scale block, partial blocks at the edges") {
  CellArray a = CellArray::Zero(5, 7);
  a(0, 0) = a(0, 1) = a(1, 1) = 1;  // block (0,0) at scale 2: 3
  a(4, 6) = 1;                      // last, partial block
  a(2, 3) = 1;
  CHECK(block_counts(a, {0, 0, 7, 5}, 2) ==
        std::vector<std::uint32_t>{3, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1});
  CHECK(block_counts(a, {1, 1, 3, 2}, 1) == std::vector<std::uint32_t>{1, 0, 0, 0, 0, 1});
  CHECK(block_counts(a, {0, 0, 7, 5}, 8) == std::vector<std::uint32_t>{5});
  CHECK(block_counts(a, {0, 0, 0, 5}, 2).empty());
}

TEST_CASE("replay: play, pause, step forward and back, seek, and the end of the recording") {
  Strip strip(10, 12, 3);
  ViewSource info;
  info.width = 12;
  info.height = 3;
  info.frames = 10;
  Scripted user({
      [](Controls&) {},                       // frame 0
      [](Controls& c) { c.steps = 3; },       // 3
      [](Controls& c) { c.steps = -1; },      // 2
      [](Controls& c) { c.seek = 8; },        // 8
      [](Controls& c) { c.steps = -20; },     // clamped to 0
      [](Controls& c) { c.seek = 7; },        // 7
      [](Controls& c) { c.running = true; },  // 8
      [](Controls&) {},                       // 9: the end stops it
      [](Controls&) {},                       // nothing new
      [](Controls& c) { c.running = true; },  // plays again from the start: 1
      [](Controls& c) {
        c.running = false;
        c.view = ViewRequest{{0, 0, 12, 3}, 4};  // zoomed out: 3 x 1 blocks
      },
  });
  run_replay(strip, info, user);
  std::vector<std::int64_t> indices;
  for (const Frame& f : user.frames) indices.push_back(f.index);
  CHECK(indices == std::vector<std::int64_t>{0, 3, 2, 8, 0, 7, 8, 9, 1, 1});
  REQUIRE(user.frames.size() == 10);
  CHECK(user.frames[3].generation == 80);
  CHECK(user.frames[7].running == false);
  CHECK(user.frames[6].running == true);
  CHECK(user.frames[9].counts == std::vector<std::uint32_t>{1, 0, 0});
  CHECK(user.frames[0].counts.size() == 36);
  CHECK(user.frames[0].counts[0] == 1);
}
