// bench_census: the per-soup census on one core, no MPI (what each rank of `mpilife census` runs
// per task), and one greppable summary line:
//
//   BENCH census seed=bench soups=5000 repeats=3 median_soups_per_s=... generations_per_soup=...
//         objects=... min=... max=...
//
// Each repeat censuses soups 0..N-1 of the seed with one SoupCensus (as a worker does), after a
// warm-up of a hundred soups; the median is over the repeats. cpu_median_soups_per_s divides by
// the process's CPU time instead of the wall clock, which other processes sharing the core do not
// inflate.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_timing.hpp"
#include "mpilife/census/soup_census.hpp"
#include "mpilife/census/soup_hash.hpp"
#include "mpilife/core/rule.hpp"

using mpilife::bench::cpu_seconds;
using mpilife::bench::median;

int main(int argc, char** argv) {
  CLI::App app{"bench_census: soups per second of the per-soup census on one core"};
  std::string seed = "bench";
  std::string rule_text = "B3/S23";
  std::int64_t soups = 5000;
  int repeats = 3;
  app.add_option("--seed", seed, "soup seed (soups SEED0, SEED1, ...)");
  app.add_option("--soups", soups, "soups per repeat")->check(CLI::PositiveNumber);
  app.add_option("--repeats", repeats, "timed repeats")->check(CLI::PositiveNumber);
  app.add_option("--rule", rule_text, "Life-like rule without B0");
  CLI11_PARSE(app, argc, argv);
  const mpilife::Rule rule = mpilife::parse_rule(rule_text).rule;

  std::vector<std::vector<mpilife::Cell>> tasks;
  for (std::int64_t i = 0; i < soups; ++i) {
    tasks.push_back(mpilife::hashsoup(seed, static_cast<std::uint64_t>(i)));
  }
  mpilife::SoupCensus census(rule);
  for (std::size_t i = 0; i < std::min<std::size_t>(100, tasks.size()); ++i) census.run(tasks[i]);

  std::vector<double> rates;
  std::vector<double> cpu_rates;
  std::int64_t generations = 0;
  std::int64_t objects = 0;
  for (int r = 0; r < repeats; ++r) {
    generations = objects = 0;
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    for (const auto& cells : tasks) {
      const mpilife::SoupResult result = census.run(cells);
      generations += result.generations;
      objects += result.objects();
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    rates.push_back(static_cast<double>(soups) / took.count());
    cpu_rates.push_back(static_cast<double>(soups) / (cpu_seconds() - cpu_start));
  }
  const double rate = median(rates);
  std::sort(rates.begin(), rates.end());
  std::printf(
      "BENCH census seed=%s rule=%s soups=%lld repeats=%d median_soups_per_s=%.0f "
      "generations_per_soup=%.0f objects=%lld min=%.0f max=%.0f cpu_median_soups_per_s=%.0f\n",
      seed.c_str(), rule.to_string().c_str(), static_cast<long long>(soups), repeats, rate,
      static_cast<double>(generations) / static_cast<double>(soups),
      static_cast<long long>(objects), rates.front(), rates.back(), median(cpu_rates));
  return 0;
}
