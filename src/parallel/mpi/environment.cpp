#include "mpilife/parallel/mpi/environment.hpp"

#include <mpi.h>

#include <cstdlib>

#include "mpilife/parallel/mpi/check.hpp"

namespace mpilife::mpi {

Environment::Environment(int& argc, char**& argv) {
  int initialised = 0;
  check(MPI_Initialized(&initialised), "MPI_Initialized");
  if (!initialised) check(MPI_Init(&argc, &argv), "MPI_Init");
  check(MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN), "MPI_Comm_set_errhandler");
}

Environment::~Environment() {
  int finalised = 0;
  MPI_Finalized(&finalised);
  if (!finalised) MPI_Finalize();
}

void prefer_romio() {
#if defined(OMPI_MAJOR_VERSION) && OMPI_MAJOR_VERSION == 4
  ::setenv("OMPI_MCA_io", "romio321", 0);
#endif
}

}  // namespace mpilife::mpi
