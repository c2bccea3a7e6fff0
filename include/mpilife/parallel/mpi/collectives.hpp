#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mpilife/parallel/mpi/check.hpp"
#include "mpilife/parallel/mpi/comm.hpp"

namespace mpilife::mpi {

/// A reduction operation.
enum class Op { sum, max, min };

/// The MPI handle of `op`.
MPI_Op op_handle(Op op);

/// Combines `count` elements of `data` over all ranks with `op`; every rank gets the result.
template <typename T>
void allreduce(T* data, std::size_t count, Op op, const Comm& comm) {
  for (std::size_t off = 0; off < count; off += kMaxCount) {
    const auto n = static_cast<int>(std::min(kMaxCount, count - off));
    check(MPI_Allreduce(MPI_IN_PLACE, data + off, n, datatype_of<T>(), op_handle(op), comm.get()),
          "MPI_Allreduce");
  }
}

/// `value` combined over all ranks with `op`, on every rank.
template <typename T>
T allreduce(T value, Op op, const Comm& comm) {
  allreduce(&value, 1, op, comm);
  return value;
}

/// Combines `count` elements of `data` over all ranks with `op` into `data` on `root`; the other
/// ranks' `data` is left as it was.
template <typename T>
void reduce(T* data, std::size_t count, Op op, int root, const Comm& comm) {
  const bool at_root = comm.rank() == root;
  for (std::size_t off = 0; off < count; off += kMaxCount) {
    const auto n = static_cast<int>(std::min(kMaxCount, count - off));
    check(MPI_Reduce(at_root ? MPI_IN_PLACE : data + off, data + off, n, datatype_of<T>(),
                     op_handle(op), root, comm.get()),
          "MPI_Reduce");
  }
}

/// `value` combined over all ranks with `op`: the result on `root`, `value` elsewhere.
template <typename T>
T reduce(T value, Op op, int root, const Comm& comm) {
  reduce(&value, 1, op, root, comm);
  return value;
}

/// Copies `count` elements of `data` from `root` to every rank.
template <typename T>
void broadcast(T* data, std::size_t count, int root, const Comm& comm) {
  for (std::size_t off = 0; off < count; off += kMaxCount) {
    const auto n = static_cast<int>(std::min(kMaxCount, count - off));
    check(MPI_Bcast(data + off, n, datatype_of<T>(), root, comm.get()), "MPI_Bcast");
  }
}

/// `value` as `root` has it, on every rank.
template <typename T>
T broadcast(T value, int root, const Comm& comm) {
  broadcast(&value, 1, root, comm);
  return value;
}

/// Broadcasts a string from `root` to every rank of `comm`.
void broadcast(std::string& s, int root, const Comm& comm);

/// Broadcasts a vector (size, then contents) from `root` to every rank of `comm`.
template <typename T>
void broadcast(std::vector<T>& v, int root, const Comm& comm) {
  v.resize(broadcast(v.size(), root, comm));
  broadcast(v.data(), v.size(), root, comm);
}

/// Waits until every rank has reached this point.
void barrier(const Comm& comm);

/// Broadcasts `bytes` bytes at `data` from `root` with MPI_Ibcast, sleeping between tests so ranks
/// that wait (for a viewer that is stopped) do not spin a core.
void broadcast_politely(void* data, std::size_t bytes, int root, const Comm& comm);

/// A barrier that sleeps between tests (MPI_Ibarrier): ranks waiting for rank 0 stay idle.
void barrier_politely(const Comm& comm);

/// MPI_Alltoallv of uint32 values: rank r sends send_counts[r] values from send_displs[r] and
/// receives recv_counts[r] values at recv_displs[r]. Counts and displacements are 64-bit here;
/// one beyond an int is refused (Error, exit 70) on the rank that has it.
void alltoallv(const std::uint32_t* send, const std::vector<std::int64_t>& send_counts,
               const std::vector<std::int64_t>& send_displs, std::uint32_t* recv,
               const std::vector<std::int64_t>& recv_counts,
               const std::vector<std::int64_t>& recv_displs, const Comm& comm);

/// The same for bytes.
void alltoallv(const std::uint8_t* send, const std::vector<std::int64_t>& send_counts,
               const std::vector<std::int64_t>& send_displs, std::uint8_t* recv,
               const std::vector<std::int64_t>& recv_counts,
               const std::vector<std::int64_t>& recv_displs, const Comm& comm);

}  // namespace mpilife::mpi
