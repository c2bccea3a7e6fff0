#include "mpilife/parallel/mpi/requests.hpp"

#include <limits>
#include <utility>

#include "mpilife/core/error.hpp"
#include "mpilife/parallel/mpi/check.hpp"

namespace mpilife::mpi {

namespace {

int to_int(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error(ExitCode::software, "MPI message larger than 2 GiB");
  }
  return static_cast<int>(n);
}

}  // namespace

RequestSet::~RequestSet() {
  if (active_) {
    MPI_Waitall(static_cast<int>(requests_.size()), requests_.data(), MPI_STATUSES_IGNORE);
  }
  for (MPI_Request& r : requests_) {
    if (r != MPI_REQUEST_NULL) MPI_Request_free(&r);
  }
}

void RequestSet::add_recv(void* buffer, std::size_t bytes, int source, int tag, const Comm& comm) {
  MPI_Request r = MPI_REQUEST_NULL;
  check(MPI_Recv_init(buffer, to_int(bytes), MPI_BYTE, source, tag, comm.get(), &r),
        "MPI_Recv_init");
  requests_.push_back(r);
}

void RequestSet::add_send(const void* buffer, std::size_t bytes, int dest, int tag,
                          const Comm& comm) {
  MPI_Request r = MPI_REQUEST_NULL;
  check(MPI_Send_init(buffer, to_int(bytes), MPI_BYTE, dest, tag, comm.get(), &r), "MPI_Send_init");
  requests_.push_back(r);
}

void RequestSet::start_all() {
  if (requests_.empty()) return;
  check(MPI_Startall(static_cast<int>(requests_.size()), requests_.data()), "MPI_Startall");
  active_ = true;
}

bool RequestSet::test_all() {
  if (!active_) return true;
  int done = 0;
  check(
      MPI_Testall(static_cast<int>(requests_.size()), requests_.data(), &done, MPI_STATUSES_IGNORE),
      "MPI_Testall");
  if (done) active_ = false;
  return done != 0;
}

void RequestSet::wait_all() {
  if (!active_) return;
  active_ = false;
  check(MPI_Waitall(static_cast<int>(requests_.size()), requests_.data(), MPI_STATUSES_IGNORE),
        "MPI_Waitall");
}

Request::~Request() {
  if (request_ != MPI_REQUEST_NULL) MPI_Wait(&request_, MPI_STATUS_IGNORE);
}

Request::Request(Request&& other) noexcept
    : request_(std::exchange(other.request_, MPI_REQUEST_NULL)) {}

Request& Request::operator=(Request&& other) noexcept {
  if (this != &other) {
    if (request_ != MPI_REQUEST_NULL) MPI_Wait(&request_, MPI_STATUS_IGNORE);
    request_ = std::exchange(other.request_, MPI_REQUEST_NULL);
  }
  return *this;
}

Request Request::isend(const void* buffer, std::size_t bytes, int dest, int tag, const Comm& comm) {
  MPI_Request r = MPI_REQUEST_NULL;
  check(MPI_Isend(buffer, to_int(bytes), MPI_BYTE, dest, tag, comm.get(), &r), "MPI_Isend");
  return Request(r);
}

Request Request::irecv(void* buffer, std::size_t bytes, int source, int tag, const Comm& comm) {
  MPI_Request r = MPI_REQUEST_NULL;
  check(MPI_Irecv(buffer, to_int(bytes), MPI_BYTE, source, tag, comm.get(), &r), "MPI_Irecv");
  return Request(r);
}

bool Request::test() {
  if (request_ == MPI_REQUEST_NULL) return true;
  int done = 0;
  check(MPI_Test(&request_, &done, MPI_STATUS_IGNORE), "MPI_Test");
  return done != 0;
}

void Request::wait() {
  if (request_ == MPI_REQUEST_NULL) return;
  check(MPI_Wait(&request_, MPI_STATUS_IGNORE), "MPI_Wait");
}

RequestList::~RequestList() {
  if (!requests_.empty()) {
    MPI_Waitall(static_cast<int>(requests_.size()), requests_.data(), MPI_STATUSES_IGNORE);
  }
}

void RequestList::irecv(void* buffer, const Datatype& type, int source, int tag, const Comm& comm) {
  MPI_Request r = MPI_REQUEST_NULL;
  check(MPI_Irecv(buffer, 1, type.get(), source, tag, comm.get(), &r), "MPI_Irecv");
  requests_.push_back(r);
}

void RequestList::irecv(void* buffer, std::size_t bytes, int source, int tag, const Comm& comm) {
  MPI_Request r = MPI_REQUEST_NULL;
  check(MPI_Irecv(buffer, to_int(bytes), MPI_BYTE, source, tag, comm.get(), &r), "MPI_Irecv");
  requests_.push_back(r);
}

void RequestList::isend(const void* buffer, const Datatype& type, int dest, int tag,
                        const Comm& comm) {
  MPI_Request r = MPI_REQUEST_NULL;
  check(MPI_Isend(buffer, 1, type.get(), dest, tag, comm.get(), &r), "MPI_Isend");
  requests_.push_back(r);
}

void RequestList::isend(const void* buffer, std::size_t bytes, int dest, int tag,
                        const Comm& comm) {
  MPI_Request r = MPI_REQUEST_NULL;
  check(MPI_Isend(buffer, to_int(bytes), MPI_BYTE, dest, tag, comm.get(), &r), "MPI_Isend");
  requests_.push_back(r);
}

void RequestList::wait_all() {
  std::vector<MPI_Request> pending;
  pending.swap(requests_);
  check(MPI_Waitall(static_cast<int>(pending.size()), pending.data(), MPI_STATUSES_IGNORE),
        "MPI_Waitall");
}

}  // namespace mpilife::mpi
