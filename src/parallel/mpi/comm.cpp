#include "mpilife/parallel/mpi/comm.hpp"

#include <cstdlib>
#include <utility>

#include "mpilife/parallel/mpi/check.hpp"

namespace mpilife::mpi {

Comm::~Comm() {
  if (owned_ && comm_ != MPI_COMM_NULL) MPI_Comm_free(&comm_);
}

Comm::Comm(Comm&& other) noexcept
    : comm_(std::exchange(other.comm_, MPI_COMM_NULL)), owned_(other.owned_) {}

Comm& Comm::operator=(Comm&& other) noexcept {
  if (this != &other) {
    if (owned_ && comm_ != MPI_COMM_NULL) MPI_Comm_free(&comm_);
    comm_ = std::exchange(other.comm_, MPI_COMM_NULL);
    owned_ = other.owned_;
  }
  return *this;
}

int Comm::rank() const {
  int r = 0;
  check(MPI_Comm_rank(comm_, &r), "MPI_Comm_rank");
  return r;
}

int Comm::size() const {
  int s = 0;
  check(MPI_Comm_size(comm_, &s), "MPI_Comm_size");
  return s;
}

MPI_Info no_hints() {
  return MPI_INFO_NULL;
}

Comm world() {
  return Comm(MPI_COMM_WORLD, false);
}

Comm duplicate(const Comm& parent) {
  MPI_Comm copy = MPI_COMM_NULL;
  check(MPI_Comm_dup(parent.get(), &copy), "MPI_Comm_dup");
  return Comm(copy, true);
}

Comm split_shared(const Comm& parent) {
  MPI_Comm node = MPI_COMM_NULL;
  check(MPI_Comm_split_type(parent.get(), MPI_COMM_TYPE_SHARED, parent.rank(), MPI_INFO_NULL,
                            &node),
        "MPI_Comm_split_type");
  return Comm(node, true);
}

void abort(const Comm& comm, int code) {
  MPI_Abort(comm.get(), code);
  std::_Exit(code);
}

std::array<int, 2> dims_create(int ranks) {
  int dims[2] = {0, 0};
  check(MPI_Dims_create(ranks, 2, dims), "MPI_Dims_create");
  return {dims[0], dims[1]};
}

CartComm::CartComm(const Comm& parent, int cols, int rows, bool periodic)
    : cols_(cols), rows_(rows), periodic_(periodic) {
  int dims[2] = {rows, cols};
  int periods[2] = {periodic ? 1 : 0, periodic ? 1 : 0};
  MPI_Comm cart = MPI_COMM_NULL;
  check(MPI_Cart_create(parent.get(), 2, dims, periods, 0, &cart), "MPI_Cart_create");
  comm_ = Comm(cart, true);
  coords_ = coords_of(comm_.rank());
}

std::array<int, 2> CartComm::coords_of(int rank) const {
  int c[2] = {0, 0};
  check(MPI_Cart_coords(comm_.get(), rank, 2, c), "MPI_Cart_coords");
  return {c[1], c[0]};
}

int CartComm::rank_of(std::array<int, 2> col_row) const {
  int c[2] = {col_row[1], col_row[0]};
  int r = MPI_PROC_NULL;
  check(MPI_Cart_rank(comm_.get(), c, &r), "MPI_Cart_rank");
  return r;
}

}  // namespace mpilife::mpi
