#include "mpilife/parallel/mpi/point_to_point.hpp"

#include "mpilife/core/error.hpp"

namespace mpilife::mpi {

std::optional<Message> iprobe(int source, int tag, const Comm& comm) {
  int found = 0;
  MPI_Status status;
  check(MPI_Iprobe(source, tag, comm.get(), &found, &status), "MPI_Iprobe");
  if (!found) return std::nullopt;
  int count = 0;
  check(MPI_Get_count(&status, MPI_BYTE, &count), "MPI_Get_count");
  if (count == MPI_UNDEFINED) {
    throw Error(ExitCode::software,
                "MPI_Get_count: a message's size is not a whole number of bytes");
  }
  return Message{status.MPI_SOURCE, status.MPI_TAG, static_cast<std::size_t>(count)};
}

std::string recv_bytes(const Message& message, const Comm& comm) {
  std::string bytes(message.bytes, '\0');
  check(MPI_Recv(bytes.data(), static_cast<int>(message.bytes), MPI_BYTE, message.source,
                 message.tag, comm.get(), MPI_STATUS_IGNORE),
        "MPI_Recv");
  return bytes;
}

}  // namespace mpilife::mpi
