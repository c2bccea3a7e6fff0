#pragma once

#include <mpi.h>

#include <cstdint>

namespace mpilife::mpi {

/// A move-only owner of a committed datatype; freed on destruction.
class Datatype {
 public:
  /// Takes ownership of an uncommitted `type` and commits it.
  explicit Datatype(MPI_Datatype type);
  ~Datatype();
  Datatype(Datatype&& other) noexcept;
  Datatype& operator=(Datatype&&) = delete;
  Datatype(const Datatype&) = delete;
  Datatype& operator=(const Datatype&) = delete;
  /// The raw handle.
  MPI_Datatype get() const { return type_; }

 private:
  MPI_Datatype type_;
};

/// `rows` rows of `cols` bytes each, consecutive rows `row_stride` bytes apart (a block of rows
/// inside a wider row-major byte array); `cols` and `rows` must fit an int, the stride need not.
Datatype byte_rows(std::int64_t rows, std::int64_t cols, std::int64_t row_stride);

}  // namespace mpilife::mpi
