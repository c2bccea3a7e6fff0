#include "mpilife/parallel/mpi/collectives.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <string>
#include <thread>

#include "mpilife/core/error.hpp"

namespace mpilife::mpi {

namespace {

// Tests `request` until it completes, sleeping between tests from `first` doubling up to `most`.
void wait_politely(MPI_Request& request, std::chrono::microseconds first,
                   std::chrono::microseconds most) {
  auto pause = first;
  for (;;) {
    int done = 0;
    check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "MPI_Test");
    if (done) return;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, most);
  }
}

}  // namespace

MPI_Op op_handle(Op op) {
  switch (op) {
    case Op::sum:
      return MPI_SUM;
    case Op::max:
      return MPI_MAX;
    case Op::min:
      return MPI_MIN;
  }
  return MPI_SUM;
}

void broadcast(std::string& s, int root, const Comm& comm) {
  s.resize(broadcast(s.size(), root, comm));
  broadcast(s.data(), s.size(), root, comm);
}

void barrier(const Comm& comm) {
  check(MPI_Barrier(comm.get()), "MPI_Barrier");
}

void broadcast_politely(void* data, std::size_t bytes, int root, const Comm& comm) {
  // In pieces of at most kMaxCount bytes (an int count); one piece for everything but huge data.
  auto* p = static_cast<unsigned char*>(data);
  std::size_t off = 0;
  do {
    MPI_Request request = MPI_REQUEST_NULL;
    const std::size_t n = std::min(kMaxCount, bytes - off);
    check(MPI_Ibcast(p + off, static_cast<int>(n), MPI_BYTE, root, comm.get(), &request),
          "MPI_Ibcast");
    wait_politely(request, std::chrono::microseconds(10), std::chrono::microseconds(1000));
    off += n;
  } while (off < bytes);
}

void barrier_politely(const Comm& comm) {
  MPI_Request request = MPI_REQUEST_NULL;
  check(MPI_Ibarrier(comm.get(), &request), "MPI_Ibarrier");
  wait_politely(request, std::chrono::microseconds(2000), std::chrono::microseconds(2000));
}

namespace {

// MPI_Alltoallv with 64-bit counts and displacements: the largest on any rank decides, so every
// rank refuses together when one does not fit an int.
void alltoallv_checked(const void* send, const std::vector<std::int64_t>& send_counts,
                       const std::vector<std::int64_t>& send_displs, void* recv,
                       const std::vector<std::int64_t>& recv_counts,
                       const std::vector<std::int64_t>& recv_displs, MPI_Datatype type,
                       const Comm& comm) {
  std::int64_t largest = 0;
  for (const auto* v : {&send_counts, &send_displs, &recv_counts, &recv_displs}) {
    for (const std::int64_t n : *v) largest = std::max(largest, n);
  }
  largest = allreduce(largest, Op::max, comm);
  if (largest > std::numeric_limits<int>::max()) {
    throw Error(ExitCode::software, "MPI_Alltoallv: a count or displacement of " +
                                        std::to_string(largest) + " values does not fit an int");
  }
  const auto ints = [](const std::vector<std::int64_t>& v) {
    return std::vector<int>(v.begin(), v.end());
  };
  const std::vector<int> sc = ints(send_counts);
  const std::vector<int> sd = ints(send_displs);
  const std::vector<int> rc = ints(recv_counts);
  const std::vector<int> rd = ints(recv_displs);
  check(MPI_Alltoallv(send, sc.data(), sd.data(), type, recv, rc.data(), rd.data(), type,
                      comm.get()),
        "MPI_Alltoallv");
}

}  // namespace

void alltoallv(const std::uint32_t* send, const std::vector<std::int64_t>& send_counts,
               const std::vector<std::int64_t>& send_displs, std::uint32_t* recv,
               const std::vector<std::int64_t>& recv_counts,
               const std::vector<std::int64_t>& recv_displs, const Comm& comm) {
  alltoallv_checked(send, send_counts, send_displs, recv, recv_counts, recv_displs, MPI_UINT32_T,
                    comm);
}

void alltoallv(const std::uint8_t* send, const std::vector<std::int64_t>& send_counts,
               const std::vector<std::int64_t>& send_displs, std::uint8_t* recv,
               const std::vector<std::int64_t>& recv_counts,
               const std::vector<std::int64_t>& recv_displs, const Comm& comm) {
  alltoallv_checked(send, send_counts, send_displs, recv, recv_counts, recv_displs, MPI_UINT8_T,
                    comm);
}

}  // namespace mpilife::mpi
