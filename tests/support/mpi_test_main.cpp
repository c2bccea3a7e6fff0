// doctest main for tests run under mpiexec: rank 0 reports, the other ranks print only failures,
// and every rank returns the same exit code (non-zero if any rank failed).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/mpi/environment.hpp"

int main(int argc, char** argv) {
  mpilife::mpi::Environment env(argc, argv);
  const mpilife::mpi::Comm world = mpilife::mpi::world();
  doctest::Context context;
  context.setOption("no-colors", true);
  if (world.rank() != 0) context.setOption("minimal", true);
  context.applyCommandLine(argc, argv);
  const int failed = context.run() != 0 ? 1 : 0;
  return mpilife::mpi::allreduce(failed, mpilife::mpi::Op::max, world);
}
