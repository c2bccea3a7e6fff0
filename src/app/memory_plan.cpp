#include "mpilife/app/memory_plan.hpp"

// The memory plan: what each rank will allocate for the chosen grid, decomposition and outputs,
// checked against its node's memory (shared with the node's other ranks) before anything large
// is allocated.

#include <algorithm>
#include <cmath>
#include <new>
#include <string>

#include "mpilife/core/error.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"

namespace mpilife {

namespace {

constexpr long double kMiB = 1024.0L * 1024.0L;

// HDF5's chunk cache and compression buffers plus MPI-IO's collective buffers, per rank, when an
// HDF5 file is written or read.
constexpr long double kHdf5Bytes = 64 * kMiB;

// Bytes per live cell of the pattern on rank 0 (the pattern's and the plan's cell lists and the
// lists sorted by owner) and on the rank that owns it (the list received and the list placed;
// any one rank may own every cell).
constexpr long double kRootBytesPerCell = 48;
constexpr long double kOwnerBytesPerCell = 32;

long double ceil_div(long double n, long double d) {
  return std::ceil(n / d);
}

// The bytes of a band of the output paths (distribution.hpp's band_rows) of a `width`-cell grid.
long double band_bytes(std::int64_t width) {
  return static_cast<long double>(band_rows(width)) * static_cast<long double>(width);
}

// "the 3000000x3000000 grid needs 2.05 TiB per rank on 1 rank (1x1 tiles: ...)".
std::string need_text(const RunPlan& plan, const MemoryNeed& need) {
  const int ranks = plan.procs.cols * plan.procs.rows;
  return "the " + std::to_string(plan.width) + "x" + std::to_string(plan.height) + " grid needs " +
         bytes_text(need.total()) + " per rank on " + std::to_string(ranks) +
         (ranks == 1 ? " rank" : " ranks") + " (" + std::to_string(plan.procs.cols) + "x" +
         std::to_string(plan.procs.rows) + " tiles: tile " + bytes_text(need.tile) +
         ", output buffers " + bytes_text(need.outputs) + ", process " + bytes_text(need.process) +
         ")";
}

const char* const kAdvice =
    ": use more ranks (on more nodes), a smaller --size, or fewer or coarser outputs "
    "(--frame-scale, --io parallel)";

}  // namespace

long double tile_bytes(KernelKind kernel, std::int64_t w, std::int64_t h) {
  const long double rows = static_cast<long double>(h) + 2;
  if (kernel == KernelKind::reference) return 2 * rows * (static_cast<long double>(w) + 2);
  // fast: rows of ceil(w/64) words padded to whole 8-word vectors, two buffers; a ghost byte per
  // row; four packed columns (west and east of both buffers).
  const long double words = ceil_div(ceil_div(static_cast<long double>(w), 64), 8) * 8;
  return 2 * rows * words * 8 + rows + 4 * ceil_div(static_cast<long double>(h), 64) * 8;
}

long double largest_tile_bytes(const RunPlan& plan) {
  return tile_bytes(plan.options.kernel,
                    static_cast<std::int64_t>(ceil_div(static_cast<long double>(plan.width),
                                                       std::max(1, plan.procs.cols))),
                    static_cast<std::int64_t>(ceil_div(static_cast<long double>(plan.height),
                                                       std::max(1, plan.procs.rows))));
}

long double output_bytes(const RunPlan& plan, bool root) {
  const OutputOptions& out = plan.options.outputs;
  const int ranks = std::max(1, plan.procs.cols * plan.procs.rows);
  const auto w = static_cast<long double>(plan.width);
  const auto h = static_cast<long double>(plan.height);
  const long double tw = ceil_div(w, std::max(1, plan.procs.cols));
  const long double th = ceil_div(h, std::max(1, plan.procs.rows));
  // Bands of rows: rank 0 holds two whole bands (one written while the next arrives), another
  // rank its own columns of one.
  const long double band = root ? 2 * band_bytes(plan.width) : band_bytes(plan.width) / w * tw;
  long double bytes =
      static_cast<long double>(plan.cell_count) * (root ? kRootBytesPerCell : kOwnerBytesPerCell);
  if (!out.final_path.empty()) bytes += band;
  const bool hdf5 = !out.output_path.empty() || !out.checkpoint_path.empty() ||
                    !plan.options.restart_path.empty();
  if (hdf5) bytes += kHdf5Bytes;
  if (!out.checkpoint_path.empty() || !plan.options.restart_path.empty()) bytes += band;
  if (!out.output_path.empty()) {
    const auto s = static_cast<long double>(out.frame_scale);
    const long double bw = ceil_div(w, s);
    const long double bh = ceil_div(h, s);
    const IoMode io =
        choose_io_mode(plan.options.io, ranks, static_cast<std::int64_t>(std::min(bw * bh, 1e18L)));
    if (s == 1) {
      // A growing universe's window is gathered as block counts (4 bytes a cell) and pixels.
      bytes += plan.topology == Topology::unbounded ? 5 * band : band;
    } else {
      // Partial block counts, the all-to-all's send and receive, the owned counts and pixels.
      bytes += 4 * 4 * (tw / s + 2) * (th / s + 2) + (tw / s + 2) * (th / s + 2);
      // Gathered: the whole block-count plane is reduced onto rank 0, then made pixels.
      if (io == IoMode::gather) bytes += 4 * bw * bh + (root ? bw * bh : 0);
    }
  }
  if (plan.options.view) {
    // The window's block counts, reduced from every rank.
    bytes += 2 * 4 * static_cast<long double>(plan.options.window[0]) *
             static_cast<long double>(plan.options.window[1]);
  }
  return bytes;
}

MemoryNeed memory_need(const RunPlan& plan, bool root, long double process) {
  return {largest_tile_bytes(plan), output_bytes(plan, root), process};
}

void check_memory(const RunPlan& plan, const MemoryNeed& mine, const NodeShare& node,
                  const NodeMemory& memory) {
  // The address space grows by what is allocated (MPI and the libraries map much more than they
  // keep resident).
  const long double address =
      mine.tile + mine.outputs + std::max(mine.process, memory.address_in_use);
  if (memory.address_limit > 0 && address > memory.address_limit) {
    throw Error(ExitCode::usage, need_text(plan, mine) + ", more than the address-space limit " +
                                     bytes_text(memory.address_limit) +
                                     " of a process (ulimit -v)" + kAdvice);
  }
  const long double usable = memory.usable(node.in_use);
  if (usable <= 0 || node.need <= usable) return;
  std::string here = node.ranks > 1 ? ", " + bytes_text(node.need) + " for the " +
                                          std::to_string(node.ranks) + " ranks on this node"
                                    : std::string();
  std::string has = "; this node has " + bytes_text(usable) + " available";
  if (memory.cgroup_limit > 0 && usable >= memory.cgroup_limit) {
    has += " (the job's cgroup limit)";
  } else if (memory.installed > 0) {
    has += " (of " + bytes_text(memory.installed) + " installed)";
  }
  throw Error(ExitCode::usage, need_text(plan, mine) + here + has + kAdvice);
}

std::unique_ptr<Simulation> make_simulation(const mpi::Comm& world, const RunPlan& plan,
                                            long double& planned) {
  const bool root = world.rank() == 0;
  const MemoryNeed mine = memory_need(plan, root, resident_bytes());
  planned = mine.total();
  {
    const mpi::Comm node = mpi::split_shared(world);
    NodeShare share;
    share.ranks = node.size();
    share.need = static_cast<long double>(
        mpi::allreduce(static_cast<double>(mine.total()), mpi::Op::sum, node));
    share.in_use = static_cast<long double>(
        mpi::allreduce(static_cast<double>(mine.process), mpi::Op::sum, node));
    // Agreed before the Cartesian communicator exists, so no rank leaves before that collective.
    mpi::everywhere_agreed(world, [&] { check_memory(plan, mine, share, probe_node_memory()); });
  }
  std::unique_ptr<Simulation> sim;
  mpi::everywhere_agreed(world, [&] {
    try {
      sim = std::make_unique<Simulation>(world, plan.width, plan.height, plan.topology, plan.procs,
                                         plan.options.kernel, plan.rule, plan.start_generation,
                                         plan.options.blocking);
    } catch (const std::bad_alloc&) {
      throw Error(ExitCode::usage, "out of memory on rank " + std::to_string(world.rank()) + ": " +
                                       need_text(plan, mine) + kAdvice);
    }
  });
  return sim;
}

Growth unbounded_growth(const mpi::Comm& world, const RunPlan& plan, long double planned) {
  Growth growth;
  growth.margin = std::clamp<std::int64_t>(std::max(plan.width, plan.height) / 32, 32, 4096);
  growth.band_cells = static_cast<std::int64_t>(kBandBytes);
  if (plan.options.max_cells > 0) {
    growth.max_cells = plan.options.max_cells;
    return growth;
  }
  // Bytes per cell of a large grid's tiles.
  constexpr std::int64_t kSide = 4096;
  const long double per_cell =
      tile_bytes(plan.options.kernel, kSide, kSide) / static_cast<long double>(kSide * kSide);
  const mpi::Comm node = mpi::split_shared(world);
  const double need = mpi::allreduce(static_cast<double>(planned), mpi::Op::sum, node);
  const double held = mpi::allreduce(static_cast<double>(resident_bytes()), mpi::Op::sum, node);
  const NodeMemory memory = probe_node_memory();
  const long double usable = memory.usable(held);
  // This node holds node.size() / world.size() of the grid, each rank 1 / world.size(); while it
  // moves, old and new together take at most twice the new one.
  double cells = 0;  // 0: unknown
  if (usable > 0) {
    const long double spare = std::max<long double>(usable - need, 0);
    cells = static_cast<double>(spare / (2 * per_cell) * world.size() / node.size());
  }
  if (memory.address_limit > 0) {  // ulimit -v, per process
    const long double spare = std::max<long double>(
        memory.address_limit - std::max(memory.address_in_use, resident_bytes()) - planned, 0);
    const auto mine = static_cast<double>(spare / (2 * per_cell) * world.size());
    cells = cells > 0 ? std::min(cells, mine) : mine;
  }
  const double fewest = mpi::allreduce(cells > 0 ? cells : 1e300, mpi::Op::min, world);
  if (fewest < 1e300) {
    growth.max_cells = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::min(fewest, 4e18)));
  }
  return growth;
}

}  // namespace mpilife
