#pragma once

#include <mpi.h>

#include <array>

namespace mpilife::mpi {

/// A move-only owner of a communicator created by a constructor or split; freed on destruction.
class Comm {
 public:
  /// Wraps `comm`; frees it on destruction when `owned`.
  explicit Comm(MPI_Comm comm = MPI_COMM_NULL, bool owned = false) : comm_(comm), owned_(owned) {}
  ~Comm();
  Comm(Comm&& other) noexcept;
  Comm& operator=(Comm&& other) noexcept;
  Comm(const Comm&) = delete;
  Comm& operator=(const Comm&) = delete;

  /// The raw handle, for libraries that take one (parallel HDF5).
  MPI_Comm get() const { return comm_; }
  /// This process's rank.
  int rank() const;
  /// Number of processes.
  int size() const;

 private:
  MPI_Comm comm_;
  bool owned_;
};

/// MPI_INFO_NULL: no hints, for libraries that take an MPI_Info (parallel HDF5).
MPI_Info no_hints();

/// The world communicator, not owned.
Comm world();

/// A copy of `parent` with its own message space (MPI_Comm_dup), as an owned communicator, so a
/// library's tags cannot match anyone else's messages. Collective over `parent`.
Comm duplicate(const Comm& parent);

/// The ranks of `parent` that share this node's memory (MPI_Comm_split_type with
/// MPI_COMM_TYPE_SHARED), as an owned communicator. Collective over `parent`.
Comm split_shared(const Comm& parent);

/// Ends every process of `comm`'s job with exit `code` (MPI_Abort): only for failures on one rank
/// that the others cannot learn of, so no collective agreement is possible.
[[noreturn]] void abort(const Comm& comm, int code);

/// MPI_Dims_create's balanced factorisation of `ranks` into two factors, larger first.
std::array<int, 2> dims_create(int ranks);

/// A 2-D periodic or non-periodic Cartesian communicator of `cols` x `rows` processes.
class CartComm {
 public:
  /// Creates the MPI_Cart topology over `parent` (dims {rows, cols}, rank order kept).
  CartComm(const Comm& parent, int cols, int rows, bool periodic);

  /// The communicator.
  const Comm& comm() const { return comm_; }
  /// This rank's {col, row}.
  std::array<int, 2> coords() const { return coords_; }
  /// The {col, row} of rank `rank`.
  std::array<int, 2> coords_of(int rank) const;
  /// Rank of the process at {col, row}.
  int rank_of(std::array<int, 2> col_row) const;
  /// Process columns.
  int cols() const { return cols_; }
  /// Process rows.
  int rows() const { return rows_; }
  /// True for a torus.
  bool periodic() const { return periodic_; }

 private:
  Comm comm_;
  int cols_;
  int rows_;
  bool periodic_;
  std::array<int, 2> coords_{};
};

}  // namespace mpilife::mpi
