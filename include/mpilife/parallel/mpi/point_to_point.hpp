#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>

#include "mpilife/parallel/mpi/check.hpp"
#include "mpilife/parallel/mpi/comm.hpp"

namespace mpilife::mpi {

/// Matches a message from any rank (MPI_ANY_SOURCE) in probe, iprobe and recv_bytes.
inline constexpr int kAnySource = MPI_ANY_SOURCE;
/// Matches a message with any tag (MPI_ANY_TAG) in probe, iprobe and recv_bytes.
inline constexpr int kAnyTag = MPI_ANY_TAG;

/// A message that has arrived and not been received yet: who sent it, its tag and its size.
struct Message {
  int source = 0;         ///< the sender's rank
  int tag = 0;            ///< the message's tag
  std::size_t bytes = 0;  ///< its length in bytes
};

/// The first pending message from `source` with `tag` (either may be kAnySource / kAnyTag), or
/// nothing when none has arrived yet (MPI_Iprobe; progresses communication, never blocks).
std::optional<Message> iprobe(int source, int tag, const Comm& comm);

/// Receives the message `message` describes (as iprobe found it) into a string of its bytes.
std::string recv_bytes(const Message& message, const Comm& comm);

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
