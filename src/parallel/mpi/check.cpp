#include "mpilife/parallel/mpi/check.hpp"

#include <string>

#include "mpilife/core/error.hpp"

namespace mpilife::mpi {

void check(int rc, const char* what) {
  if (rc == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;
  if (MPI_Error_string(rc, text, &len) != MPI_SUCCESS) len = 0;
  throw Error(ExitCode::software,
              std::string(what) + " failed: " + std::string(text, static_cast<std::size_t>(len)));
}

}  // namespace mpilife::mpi
