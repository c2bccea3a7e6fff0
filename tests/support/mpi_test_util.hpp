#pragma once

#include <array>
#include <string>
#include <vector>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/mpi/comm.hpp"

namespace mpilife::test {

/// Number of ranks in MPI_COMM_WORLD.
inline int world_size() {
  return mpi::world().size();
}

/// This rank in MPI_COMM_WORLD.
inline int world_rank() {
  return mpi::world().rank();
}

/// True on every rank when `ok` is true on every rank.
inline bool all_ranks(bool ok) {
  return mpi::allreduce(ok ? 1 : 0, mpi::Op::min, mpi::world()) == 1;
}

/// Broadcasts rank 0's verdict to everyone.
inline bool root_says(bool ok) {
  return mpi::broadcast(ok, 0, mpi::world());
}

/// Every distinct process grid worth testing for P ranks on a width x height grid: 1xP strips,
/// Px1 columns, MPI_Dims_create's balanced grid and its transpose, skipping those with tiles
/// thinner than one cell.
inline std::vector<ProcessGrid> process_grids(int ranks, std::int64_t width, std::int64_t height) {
  const std::array<int, 2> dims = mpi::dims_create(ranks);
  std::vector<ProcessGrid> candidates = {
      {1, ranks}, {ranks, 1}, {dims[0], dims[1]}, {dims[1], dims[0]}};
  std::vector<ProcessGrid> out;
  for (const ProcessGrid& g : candidates) {
    if (g.cols > width || g.rows > height) continue;
    bool seen = false;
    for (const ProcessGrid& o : out) seen = seen || (o.cols == g.cols && o.rows == g.rows);
    if (!seen) out.push_back(g);
  }
  return out;
}

/// "CxR" for messages.
inline std::string name(const ProcessGrid& g) {
  return std::to_string(g.cols) + "x" + std::to_string(g.rows);
}

}  // namespace mpilife::test
