// bench_clock: the core's clock as it runs, measured with a calibrated loop, for machines (virtual
// ones especially) that expose no cycle counter to `perf stat`. One greppable line:
//
//   BENCH clock repeats=9 adds=400000000 median_ghz=... min=... max=... cpu_median_ghz=...
//
// The loop is a single chain of dependent 64-bit register additions: each one waits for the one
// before, and an integer add has a latency of one cycle on every x86-64 core of the last two
// decades (and on ARM cores alike), so the chain runs at one add per cycle whatever the width of
// the core, and adds per second = cycles per second. The empty asm statements make the running
// value opaque, so the compiler can neither fold the chain nor turn it into a multiplication, and
// adding a register (not a constant) leaves nothing for a renamer to fold either. The loop's own
// counter and branch run beside the chain (16 adds per iteration). cpu_median_ghz divides by the
// process's CPU time instead of the wall clock, which other processes sharing the core do not
// inflate.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "bench_timing.hpp"

using mpilife::bench::cpu_seconds;
using mpilife::bench::median;

namespace {

constexpr std::int64_t kUnroll = 16;

// `iterations` x 16 dependent additions of `step`; returns the sum, which the caller prints.
__attribute__((noinline)) std::uint64_t add_chain(std::int64_t iterations, std::uint64_t step) {
  std::uint64_t x = 0;
  asm volatile("" : "+r"(step));
  for (std::int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (std::int64_t k = 0; k < kUnroll; ++k) {
      x += step;
      asm volatile("" : "+r"(x));
    }
  }
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "bench_clock: the core's clock in GHz from a chain of dependent additions (one per cycle); "
      "for cycles per operation where perf stat has no cycle counter"};
  std::int64_t adds = 400'000'000;
  int repeats = 9;
  app.add_option("--adds", adds, "dependent additions per timed repeat")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--repeats", repeats, "timed repeats (the median is reported)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  const std::int64_t iterations = (adds + kUnroll - 1) / kUnroll;
  const double done = static_cast<double>(iterations * kUnroll);
  std::uint64_t sum = add_chain(iterations / 10 + 1, 1);  // warm-up: the clock ramps up
  std::vector<double> wall;
  std::vector<double> cpu;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    sum += add_chain(iterations, 1);
    const double cpu_s = cpu_seconds() - c0;
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    wall.push_back(done / wall_s * 1e-9);
    cpu.push_back(done / cpu_s * 1e-9);
  }
  std::printf(
      "BENCH clock repeats=%d adds=%.0f median_ghz=%.3f min=%.3f max=%.3f cpu_median_ghz=%.3f "
      "checksum=%llu\n",
      repeats, done, median(wall), *std::min_element(wall.begin(), wall.end()),
      *std::max_element(wall.begin(), wall.end()), median(cpu),
      static_cast<unsigned long long>(sum));
  return 0;
}
