#pragma once

#include <mpi.h>

#include <array>
#include <string>
#include <vector>

#include "mpilife/core/decomposition.hpp"

namespace mpilife::test {

/// Number of ranks in MPI_COMM_WORLD.
inline int world_size() {
  int n = 0;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

/// This rank in MPI_COMM_WORLD.
inline int world_rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

/// True on every rank when `ok` is true on every rank.
inline bool all_ranks(bool ok) {
  int mine = ok ? 1 : 0;
  int all = 0;
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return all == 1;
}

/// Broadcasts rank 0's verdict to everyone.
inline bool root_says(bool ok) {
  int v = ok ? 1 : 0;
  MPI_Bcast(&v, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return v == 1;
}

/// Every distinct process grid worth testing for P ranks on a width x height grid: 1xP strips,
/// Px1 columns, MPI_Dims_create's balanced grid and its transpose, skipping those with tiles
/// thinner than one cell.
inline std::vector<ProcessGrid> process_grids(int ranks, std::int64_t width, std::int64_t height) {
  int dims[2] = {0, 0};
  MPI_Dims_create(ranks, 2, dims);
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
