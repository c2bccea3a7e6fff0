#pragma once

#include <mpi.h>

#include <cstddef>
#include <vector>

#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/mpi/datatype.hpp"

namespace mpilife::mpi {

/// Persistent requests owned together: started and completed as a set, freed on destruction.
class RequestSet {
 public:
  RequestSet() = default;
  ~RequestSet();
  RequestSet(const RequestSet&) = delete;
  RequestSet& operator=(const RequestSet&) = delete;

  /// Adds a persistent receive of `bytes` bytes from `source` with `tag` into `buffer`.
  void add_recv(void* buffer, std::size_t bytes, int source, int tag, const Comm& comm);
  /// Adds a persistent send of `bytes` bytes to `dest` with `tag` from `buffer`.
  void add_send(const void* buffer, std::size_t bytes, int dest, int tag, const Comm& comm);
  /// Starts every request.
  void start_all();
  /// Progresses the requests; true when all have completed.
  bool test_all();
  /// Waits for every request to complete.
  void wait_all();
  /// True when no request is started and not completed.
  bool idle() const { return !active_; }

 private:
  std::vector<MPI_Request> requests_;
  bool active_ = false;
};

/// One one-shot non-blocking operation, move-only: tested or waited for on its own (a stream of
/// messages whose buffers are released one by one). The destructor waits for it, so no buffer is
/// released while MPI still reads or writes it.
class Request {
 public:
  Request() = default;
  ~Request();
  Request(Request&& other) noexcept;
  Request& operator=(Request&& other) noexcept;
  Request(const Request&) = delete;
  Request& operator=(const Request&) = delete;

  /// Starts sending `bytes` bytes from `buffer` to `dest` with `tag` (at most 2^31-1 bytes).
  static Request isend(const void* buffer, std::size_t bytes, int dest, int tag, const Comm& comm);
  /// Starts receiving `bytes` bytes into `buffer` from `source` with `tag` (at most 2^31-1).
  static Request irecv(void* buffer, std::size_t bytes, int source, int tag, const Comm& comm);
  /// Progresses the operation; true once it has completed (always for an empty request).
  bool test();
  /// Waits for the operation to complete (returns at once for an empty request).
  void wait();
  /// True while the operation is started and not known to be complete.
  bool pending() const { return request_ != MPI_REQUEST_NULL; }

 private:
  explicit Request(MPI_Request request) : request_(request) {}
  MPI_Request request_ = MPI_REQUEST_NULL;
};

/// One-shot non-blocking requests, completed together by wait_all (or by the destructor, so no
/// buffer is released while MPI still writes into it).
class RequestList {
 public:
  RequestList() = default;
  ~RequestList();
  RequestList(const RequestList&) = delete;
  RequestList& operator=(const RequestList&) = delete;

  /// Starts receiving one element of `type` into `buffer` from `source` with `tag`.
  void irecv(void* buffer, const Datatype& type, int source, int tag, const Comm& comm);
  /// Starts receiving `bytes` bytes into `buffer` from `source` with `tag` (at most 2^31-1).
  void irecv(void* buffer, std::size_t bytes, int source, int tag, const Comm& comm);
  /// Starts sending one element of `type` from `buffer` to `dest` with `tag`.
  void isend(const void* buffer, const Datatype& type, int dest, int tag, const Comm& comm);
  /// Starts sending `bytes` bytes from `buffer` to `dest` with `tag` (at most 2^31-1 bytes).
  void isend(const void* buffer, std::size_t bytes, int dest, int tag, const Comm& comm);
  /// True when no request is pending.
  bool empty() const { return requests_.empty(); }
  /// Waits for every request started so far.
  void wait_all();

 private:
  std::vector<MPI_Request> requests_;
};

}  // namespace mpilife::mpi
