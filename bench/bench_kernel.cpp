// bench_kernel: times one kernel on one tile in one process (no MPI), ghosts filled in process
// through the same faces the halo exchange uses, and prints one greppable summary line:
//
//   BENCH kernel=fast isa=avx512 rule=B3/S23 topology=torus size=4096x4096 gens=200 repeats=5
//         warmup=10 median_gcups=... min=... max=... cpu_median_gcups=... bytes_per_cell=...
//
// Each repeat runs --generations generations; the median is over the repeats, after --warmup
// untimed generations. Gcell-updates/s are by the wall clock; cpu_median_gcups divides by the
// process's CPU time instead, which other processes sharing the core do not inflate.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bench_timing.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/kernel/blocking.hpp"
#include "mpilife/kernel/fast.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/serial.hpp"

using mpilife::bench::cpu_seconds;
using mpilife::bench::median;

namespace {

using Clock = std::chrono::steady_clock;

// Parses "N" or "WxH".
bool parse_size(const std::string& text, std::int64_t& w, std::int64_t& h) {
  try {
    const auto x = text.find('x');
    std::size_t used = 0;
    if (x == std::string::npos) {
      w = h = std::stoll(text, &used);
      return used == text.size() && w > 0;
    }
    w = std::stoll(text.substr(0, x), &used);
    if (used != x) return false;
    h = std::stoll(text.substr(x + 1), &used);
    return used == text.size() - x - 1 && w > 0 && h > 0;
  } catch (const std::exception&) {
    return false;
  }
}

// What to measure, from the command line.
struct Settings {
  std::string size_text = "4096";
  std::int64_t generations = 100;
  std::string kernel_name = "fast";
  std::string isa_name = "auto";
  std::string rule_text = "B3/S23";
  std::string topology_name = "torus";
  int repeats = 5;
  std::int64_t warmup = 10;
  std::uint64_t seed = 1;
  double density = 0.5;
  int time_block = 0;         // 0: automatic (automatic_time_block)
  int halo_depth = 0;         // 0: the time block
  std::string late = "none";  // sides whose ghosts the first sweep after a filling treats as late
};

// The sides `name` names for --late (side_bit per Dir): none, ns (north and south: strips), we
// (west and east with the corners: vertical strips) or all.
unsigned late_sides(const std::string& name) {
  using mpilife::Dir;
  using mpilife::side_bit;
  const unsigned ns = side_bit(Dir::north) | side_bit(Dir::south);
  const unsigned we = side_bit(Dir::west) | side_bit(Dir::east) | side_bit(Dir::north_west) |
                      side_bit(Dir::north_east) | side_bit(Dir::south_west) |
                      side_bit(Dir::south_east);
  return name == "ns" ? ns : name == "we" ? we : name == "all" ? ns | we : 0u;
}

// Registers the options of `s` on `app`.
void add_options(CLI::App& app, Settings& s) {
  app.add_option("--size", s.size_text, "grid N (square) or WxH")->capture_default_str();
  app.add_option("-g,--generations", s.generations, "generations per timed repeat")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--kernel", s.kernel_name, "fast or reference")
      ->check(CLI::IsMember({"fast", "reference"}))
      ->capture_default_str();
  app.add_option(
         "--isa", s.isa_name,
         "the fast kernel's instruction set: auto, native, avx512vbmi2, avx512, avx2 or portable")
      ->check(CLI::IsMember(mpilife::isa_names()))
      ->capture_default_str();
  app.add_option("--rule", s.rule_text, "Life-like rule, e.g. B36/S23")->capture_default_str();
  app.add_option("--topology", s.topology_name, "torus or plane")
      ->check(CLI::IsMember({"torus", "plane"}))
      ->capture_default_str();
  app.add_option("--repeats", s.repeats, "timed repeats (the median is reported)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--warmup", s.warmup, "untimed generations before the repeats")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--seed", s.seed, "soup seed")->capture_default_str();
  app.add_option("--time-block", s.time_block,
                 "generations per sweep over the tile (default: what mpilife run picks from the "
                 "tile's size and this CPU's caches)")
      ->check(CLI::Range(1, 64));
  app.add_option("--halo-depth", s.halo_depth,
                 "ghost depth: the ghosts are filled every that many generations (default: the "
                 "time block)")
      ->check(CLI::Range(1, 64));
  app.add_option("--late", s.late,
                 "sweep each first generation after a filling of the ghosts the overlapped way, "
                 "as if these sides' ghosts were in flight (their cells are then computed again): "
                 "none, ns (north and south), we (west, east and the corners) or all; the cost of "
                 "overlapping a deep exchange")
      ->check(CLI::IsMember({"none", "ns", "we", "all"}))
      ->capture_default_str();
  app.add_option("--density", s.density, "soup density")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
}

// Rates of the timed repeats, in Gcell-updates/s by the wall clock and by CPU time.
struct Rates {
  std::vector<double> wall;
  std::vector<double> cpu;
};

// Times `repeats` runs of `generations` generations of `tile` (ghosts filled in process).
Rates time_repeats(mpilife::Tile& tile, mpilife::Topology topology, const Settings& s) {
  const unsigned late = late_sides(s.late);
  const std::function<void()> nothing = [] {};
  auto run = [&](std::int64_t gens) {
    mpilife::advance_tile(
        tile, gens, tile.halo_depth(),
        [&](int k) {
          mpilife::fill_ghosts_local(tile, topology);
          tile.advance_overlapped(k, late, nothing, nothing);
        },
        [&](std::int64_t) { return s.time_block; });
  };
  run(s.warmup);
  const double updates = static_cast<double>(tile.width()) * static_cast<double>(tile.height()) *
                         static_cast<double>(s.generations);
  Rates rates;
  for (int r = 0; r < s.repeats; ++r) {
    const auto t0 = Clock::now();
    const double c0 = cpu_seconds();
    run(s.generations);
    const double cpu = cpu_seconds() - c0;
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    rates.wall.push_back(updates / seconds * 1e-9);
    rates.cpu.push_back(updates / cpu * 1e-9);
    std::printf("repeat %d: %.6f s (%.6f s CPU), %.3f Gcell-updates/s, %.4f ns/cell-update\n", r,
                seconds, cpu, rates.wall.back(), 1.0 / rates.wall.back());
  }
  return rates;
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  CLI::App app{"bench_kernel: Gcell-updates/s of one kernel on one tile (one core, no MPI)"};
  add_options(app, s);
  CLI11_PARSE(app, argc, argv);

  std::int64_t w = 0;
  std::int64_t h = 0;
  if (!parse_size(s.size_text, w, h)) {
    std::fprintf(stderr, "bench_kernel: bad --size '%s' (N or WxH)\n", s.size_text.c_str());
    return 64;
  }
  mpilife::Rule rule;
  try {
    rule = mpilife::parse_rule(s.rule_text).rule;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_kernel: %s\n", e.what());
    return 65;
  }
  const std::optional<mpilife::KernelKind> kind = mpilife::parse_kernel(s.kernel_name);
  const std::optional<mpilife::Topology> topology = mpilife::parse_topology(s.topology_name);
  if (!kind || !topology) {
    std::fprintf(stderr, "bench_kernel: bad --kernel or --topology\n");
    return 64;
  }

  try {
    mpilife::select_fast_isa(*mpilife::parse_isa(s.isa_name));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_kernel: %s\n", e.what());
    return 64;
  }
  if (s.time_block == 0) {
    s.time_block = *kind == mpilife::KernelKind::fast
                       ? mpilife::automatic_time_block(w, h, mpilife::read_cache_sizes())
                       : 1;
  }
  if (s.halo_depth == 0) s.halo_depth = s.time_block;
  if (s.time_block > s.halo_depth) {
    std::fprintf(stderr, "bench_kernel: --time-block needs --halo-depth at least as large\n");
    return 64;
  }
  auto tile = mpilife::make_tile(*kind, w, h, rule, s.halo_depth);
  mpilife::fill_rows(*tile, [&](std::int64_t y, std::uint8_t* row) {
    mpilife::soup_row(s.seed, 0, y, w, s.density, row);
  });
  const std::int64_t start_population = tile->population();
  const Rates rates = time_repeats(*tile, *topology, s);

  const double bytes_per_cell = static_cast<double>(tile->storage_bytes()) /
                                (static_cast<double>(w) * static_cast<double>(h));
  std::printf(
      "BENCH kernel=%s isa=%s rule=%s topology=%s size=%lldx%lld halo_depth=%d time_block=%d "
      "late=%s gens=%lld repeats=%d warmup=%lld median_gcups=%.3f min=%.3f max=%.3f "
      "cpu_median_gcups=%.3f "
      "bytes_per_cell=%.4f "
      "population=%lld->%lld\n",
      s.kernel_name.c_str(),
      *kind == mpilife::KernelKind::fast ? mpilife::fast_kernel_isa().c_str() : "scalar",
      rule.to_string().c_str(), s.topology_name.c_str(), static_cast<long long>(w),
      static_cast<long long>(h), s.halo_depth, s.time_block, s.late.c_str(),
      static_cast<long long>(s.generations), s.repeats, static_cast<long long>(s.warmup),
      median(rates.wall), *std::min_element(rates.wall.begin(), rates.wall.end()),
      *std::max_element(rates.wall.begin(), rates.wall.end()), median(rates.cpu), bytes_per_cell,
      static_cast<long long>(start_population), static_cast<long long>(tile->population()));
  return 0;
}
