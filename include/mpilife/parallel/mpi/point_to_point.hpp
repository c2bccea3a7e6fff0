#pragma once

#include <algorithm>
#include <cstddef>

#include "mpilife/parallel/mpi/check.hpp"
#include "mpilife/parallel/mpi/comm.hpp"

namespace mpilife::mpi {

/// Sends `count` elements to `dest` with `tag` (blocking), in pieces of at most kMaxCount.
template <typename T>
void send(const T* data, std::size_t count, int dest, int tag, const Comm& comm) {
  for (std::size_t off = 0; off < count; off += kMaxCount) {
    const auto n = static_cast<int>(std::min(kMaxCount, count - off));
    check(MPI_Send(data + off, n, datatype_of<T>(), dest, tag, comm.get()), "MPI_Send");
  }
}

/// Receives `count` elements from `source` with `tag` (blocking), matching send's pieces.
template <typename T>
void recv(T* data, std::size_t count, int source, int tag, const Comm& comm) {
  for (std::size_t off = 0; off < count; off += kMaxCount) {
    const auto n = static_cast<int>(std::min(kMaxCount, count - off));
    check(MPI_Recv(data + off, n, datatype_of<T>(), source, tag, comm.get(), MPI_STATUS_IGNORE),
          "MPI_Recv");
  }
}

}  // namespace mpilife::mpi
