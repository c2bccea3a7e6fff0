#pragma once

namespace mpilife::mpi {

/// Owns MPI_Init/MPI_Finalize for the process.
class Environment {
 public:
  /// Initialises MPI (unless already initialised); errors return codes instead of aborting.
  Environment(int& argc, char**& argv);
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;
};

/// Makes Open MPI 4 use ROMIO for MPI-IO unless OMPI_MCA_io is already set; call before MPI_Init.
/// Its default component (ompio, 4.1.4) corrupts HDF5 1.10.8's collective writes of compressed
/// chunks that several ranks share ("inflate() failed" on the next write); ROMIO does not.
void prefer_romio();

}  // namespace mpilife::mpi
