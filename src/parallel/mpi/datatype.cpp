#include "mpilife/parallel/mpi/datatype.hpp"

#include <limits>
#include <string>
#include <utility>

#include "mpilife/core/error.hpp"
#include "mpilife/parallel/mpi/check.hpp"

namespace mpilife::mpi {

namespace {

int to_int(std::int64_t n) {
  if (n < 0 || n > std::numeric_limits<int>::max()) {
    throw Error(ExitCode::software,
                "MPI datatype dimension " + std::to_string(n) + " does not fit an int");
  }
  return static_cast<int>(n);
}

}  // namespace

Datatype::Datatype(MPI_Datatype type) : type_(type) {
  check(MPI_Type_commit(&type_), "MPI_Type_commit");
}

Datatype::~Datatype() {
  if (type_ != MPI_DATATYPE_NULL) MPI_Type_free(&type_);
}

Datatype::Datatype(Datatype&& other) noexcept
    : type_(std::exchange(other.type_, MPI_DATATYPE_NULL)) {}

Datatype byte_rows(std::int64_t rows, std::int64_t cols, std::int64_t row_stride) {
  MPI_Datatype t = MPI_DATATYPE_NULL;
  check(MPI_Type_create_hvector(to_int(rows), to_int(cols), static_cast<MPI_Aint>(row_stride),
                                MPI_BYTE, &t),
        "MPI_Type_create_hvector");
  return Datatype(t);
}

}  // namespace mpilife::mpi
