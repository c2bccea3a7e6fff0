// bench_block_counts: times the reduction of one rank's tile to block counts, the work behind
// every live-viewer frame (gather_block_counts) and every --frame-scale frame written in parallel
// (frame_pixels::local_pixels), on one N x N tile of the fast kernel (50% soup), one process:
//
//   BENCH block_counts path=gather size=16384 scale=16 repeats=5 median_ms=... cpu_median_ms=...
//         min_ms=... total=...
//
// `total` is the sum of the counts (the region's population) or of the pixels: old and new builds
// must agree on it.
// Only public entry points are called, so the same file builds against the code before and after
// a change (bench/block_counts.sh alternates two such builds).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include "bench_timing.hpp"
#include "frame_pixels.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/mpi/environment.hpp"
#include "mpilife/parallel/simulation.hpp"

using mpilife::bench::cpu_seconds;
using mpilife::bench::median;

namespace {

using Clock = std::chrono::steady_clock;

// Times `repeats` calls of `reduce` (after one untimed call) and prints the BENCH line.
void time_path(const std::string& label, std::int64_t size, std::int64_t scale, int repeats,
               const std::function<std::uint64_t()>& reduce) {
  const std::uint64_t total = reduce();
  std::vector<double> wall;
  std::vector<double> cpu;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = Clock::now();
    const double c0 = cpu_seconds();
    if (reduce() != total) std::fprintf(stderr, "bench_block_counts: totals differ\n");
    cpu.push_back(1e3 * (cpu_seconds() - c0));
    wall.push_back(1e3 * std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::printf(
      "BENCH block_counts path=%s size=%lld scale=%lld repeats=%d median_ms=%.3f "
      "cpu_median_ms=%.3f min_ms=%.3f total=%llu\n",
      label.c_str(), static_cast<long long>(size), static_cast<long long>(scale), repeats,
      median(wall), median(cpu), *std::min_element(wall.begin(), wall.end()),
      static_cast<unsigned long long>(total));
}

template <typename T>
std::uint64_t sum(const std::vector<T>& v) {
  return std::accumulate(v.begin(), v.end(), std::uint64_t{0});
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t size = 16384;
  std::vector<std::int64_t> scales = {16, 32, 64};
  std::int64_t offset = 37;
  int repeats = 5;
  CLI::App app{"bench_block_counts: one tile reduced to block counts (one process)"};
  app.add_option("--size", size, "tile N x N")->check(CLI::PositiveNumber)->capture_default_str();
  app.add_option("--scales", scales, "block scales")->capture_default_str();
  app.add_option("--offset", offset, "x and y of the viewer region's corner (cells)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--repeats", repeats, "timed repeats (the median is reported)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  mpilife::mpi::Environment env(argc, argv);
  mpilife::Simulation sim(mpilife::mpi::world(), size, size, mpilife::Topology::torus,
                          mpilife::ProcessGrid{}, mpilife::KernelKind::fast, mpilife::Rule{});
  mpilife::fill_soup(sim, 1, 0.5);
  for (const std::int64_t scale : scales) {
    // The viewer's frame: a region at an offset that is no multiple of 64 or of the scale.
    const mpilife::Extent region{offset, offset, size - offset, size - offset};
    time_path("gather", size, scale, repeats,
              [&] { return sum(mpilife::gather_block_counts(sim, region, scale)); });
    time_path("frame_pixels", size, scale, repeats, [&] {
      mpilife::Extent pixels;
      return sum(mpilife::frame_pixels::local_pixels(sim, scale, pixels));
    });
  }
  return 0;
}
