#pragma once

#include <cstdint>
#include <memory>

#include "mpilife/app/plan.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

/// Bytes a `w` x `h` tile of `kernel` needs for its two generations (ghost frame included); a
/// long double so that no grid size overflows.
long double tile_bytes(KernelKind kernel, std::int64_t w, std::int64_t h);

/// Bytes the largest tile of `plan` (on its process grid) needs.
long double largest_tile_bytes(const RunPlan& plan);

/// The physical memory of this machine in bytes, 0 when it cannot be told.
long double machine_memory_bytes();

/// The number of ranks that share this machine (Open MPI's OMPI_COMM_WORLD_LOCAL_SIZE), 1 when
/// the launcher does not say.
int ranks_on_this_machine();

/// Throws Error (64) when `ranks_here` tiles of `plan` need more than `machine_bytes` (0: unknown,
/// never refuses); the message names the grid, the memory per rank and what to do.
void check_grid_memory(const RunPlan& plan, int ranks_here, long double machine_bytes);

/// Builds the simulation of `plan` on every rank of `world`: first the memory check on every
/// rank, then the construction, where a failed allocation on any rank becomes the same Error
/// (64) on all of them instead of an abort. Collective.
std::unique_ptr<Simulation> make_simulation(const mpi::Comm& world, const RunPlan& plan);

}  // namespace mpilife
