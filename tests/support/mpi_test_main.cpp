// doctest main for tests run under mpiexec: rank 0 reports, the other ranks print only failures,
// and every rank returns the same exit code (non-zero if any rank failed).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <mpi.h>

#include <vector>

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  doctest::Context context;
  context.setOption("no-colors", true);
  if (rank != 0) context.setOption("minimal", true);
  context.applyCommandLine(argc, argv);
  int failed = context.run() != 0 ? 1 : 0;
  int any_failed = 0;
  MPI_Allreduce(&failed, &any_failed, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  MPI_Finalize();
  return any_failed;
}
