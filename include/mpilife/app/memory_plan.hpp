#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "mpilife/app/node_memory.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "mpilife/parallel/universe.hpp"

namespace mpilife {

/// Bytes a `w` x `h` tile of `kernel` needs for its two generations, ghosts, faces and padding
/// included (an upper bound over the instruction sets); a long double so that no size overflows.
long double tile_bytes(KernelKind kernel, std::int64_t w, std::int64_t h);

/// Bytes the largest tile of `plan` (on its process grid) needs.
long double largest_tile_bytes(const RunPlan& plan);

/// What one rank of a run needs, in bytes.
struct MemoryNeed {
  long double tile = 0;     ///< the largest tile of the plan
  long double outputs = 0;  ///< buffers of the outputs, the viewer and the pattern's cells
  long double process = 0;  ///< what the process holds already (libraries, MPI)

  long double total() const { return tile + outputs + process; }
};

/// The buffers rank 0 (`root`) or another rank allocates for the outputs `plan` asks for (band
/// buffers of --final, gathered frames and checkpoints; block counts of --frame-scale; the
/// viewer's reductions; HDF5's and MPI-IO's buffers; the pattern's cells).
long double output_bytes(const RunPlan& plan, bool root);

/// The need of rank 0 (`root`) or another rank, `process` bytes already in use.
MemoryNeed memory_need(const RunPlan& plan, bool root, long double process);

/// What the ranks on one node need together and hold already.
struct NodeShare {
  int ranks = 1;            ///< ranks on the node
  long double need = 0;     ///< sum of their MemoryNeed::total()
  long double in_use = 0;   ///< sum of their MemoryNeed::process
};

/// Throws Error (64) when this rank's need does not fit its address-space limit or the ranks of
/// its node do not fit the node's usable memory (unknown memory: never refuses). The message
/// gives the bytes needed per rank and available, and what to change.
void check_memory(const RunPlan& plan, const MemoryNeed& mine, const NodeShare& node,
                  const NodeMemory& memory);

/// Builds the simulation of `plan` on every rank of `world`: first the memory plan on every rank
/// (its node's ranks found with MPI_Comm_split_type), agreed, then the construction, where a
/// failed allocation on any rank becomes the same Error (64) on all of them instead of an abort.
/// Returns this rank's planned need in `planned`. Collective.
std::unique_ptr<Simulation> make_simulation(const mpi::Comm& world, const RunPlan& plan,
                                            long double& planned);

/// How the unbounded universe of `plan` grows: a margin of max(w, h)/32 cells (32 to 4096), so a
/// check (every margin/2 generations) costs about 1% of the stepping; and the most cells its grid
/// may reach: --max-cells, else what every node's usable memory (and each rank's ulimit -v) holds
/// next to the ranks' planned need (`planned`, this rank's), counting the old and new grid side by
/// side while the grid moves (0, no limit, when no node's memory is known). Collective.
Growth unbounded_growth(const mpi::Comm& world, const RunPlan& plan, long double planned);

}  // namespace mpilife
