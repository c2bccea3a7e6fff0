#include "mpilife/app/grid_memory.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <new>
#include <string>

#include "mpilife/core/error.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"

namespace mpilife {

namespace {

constexpr long double kGiB = 1024.0L * 1024.0L * 1024.0L;

// Bytes in GiB, TiB, PiB or EiB, whichever keeps the number short.
std::string gib(long double bytes) {
  const char* units[] = {"GiB", "TiB", "PiB", "EiB"};
  long double v = bytes / kGiB;
  std::size_t u = 0;
  while (v >= 1024 && u + 1 < std::size(units)) {
    v /= 1024;
    ++u;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.2Lf %s" : "%.0Lf %s", v, units[u]);
  return buf;
}

std::int64_t ceil_div(std::int64_t n, std::int64_t d) {
  return n / d + (n % d != 0 ? 1 : 0);
}

// "the 3000000x3000000 grid needs 1048 GiB per rank on 1 rank (1x1)".
std::string need_text(const RunPlan& plan, long double per_rank) {
  const int ranks = plan.procs.cols * plan.procs.rows;
  return "the " + std::to_string(plan.width) + "x" + std::to_string(plan.height) + " grid needs " +
         gib(per_rank) + " per rank on " + std::to_string(ranks) +
         (ranks == 1 ? " rank" : " ranks") + " (" + std::to_string(plan.procs.cols) + "x" +
         std::to_string(plan.procs.rows) + " tiles)";
}

}  // namespace

long double tile_bytes(KernelKind kernel, std::int64_t w, std::int64_t h) {
  const long double rows = static_cast<long double>(h) + 2;
  // fast: 64 cells per 8-byte word plus a ghost word each side; reference: a byte per cell.
  const long double row_bytes = kernel == KernelKind::fast
                                    ? (std::ceil(static_cast<long double>(w) / 64) + 2) * 8
                                    : static_cast<long double>(w) + 2;
  return 2 * rows * row_bytes;
}

long double largest_tile_bytes(const RunPlan& plan) {
  return tile_bytes(plan.options.kernel, ceil_div(plan.width, std::max(1, plan.procs.cols)),
                    ceil_div(plan.height, std::max(1, plan.procs.rows)));
}

long double machine_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<long double>(pages) * static_cast<long double>(page_size);
}

int ranks_on_this_machine() {
  const char* text = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
  const long n = text != nullptr ? std::strtol(text, nullptr, 10) : 0;
  return n > 0 && n < (1L << 20) ? static_cast<int>(n) : 1;
}

void check_grid_memory(const RunPlan& plan, int ranks_here, long double machine_bytes) {
  const long double per_rank = largest_tile_bytes(plan);
  if (machine_bytes <= 0 || per_rank * ranks_here <= machine_bytes) return;
  const std::string here = ranks_here > 1
                               ? ", " + gib(per_rank * ranks_here) + " for the " +
                                     std::to_string(ranks_here) + " ranks on this machine"
                               : std::string();
  throw Error(ExitCode::usage, need_text(plan, per_rank) + here + "; this machine has " +
                                   gib(machine_bytes) +
                                   ": use more ranks (on more machines) or a smaller --size");
}

std::unique_ptr<Simulation> make_simulation(const mpi::Comm& world, const RunPlan& plan) {
  // Agreed before the Cartesian communicator exists, so no rank leaves before that collective.
  mpi::everywhere_agreed(
      world, [&] { check_grid_memory(plan, ranks_on_this_machine(), machine_memory_bytes()); });
  std::unique_ptr<Simulation> sim;
  mpi::everywhere_agreed(world, [&] {
    try {
      sim = std::make_unique<Simulation>(world, plan.width, plan.height, plan.topology, plan.procs,
                                         plan.options.kernel, plan.rule, plan.start_generation);
    } catch (const std::bad_alloc&) {
      throw Error(ExitCode::usage, "out of memory on rank " + std::to_string(world.rank()) + ": " +
                                       need_text(plan, largest_tile_bytes(plan)) +
                                       ": use more ranks (on more machines) or a smaller --size");
    }
  });
  return sim;
}

}  // namespace mpilife
