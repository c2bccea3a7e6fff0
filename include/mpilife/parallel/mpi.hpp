#pragma once

#include <mpi.h>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mpilife::mpi {

/// Owns MPI_Init/MPI_Finalize for the process.
class Environment {
 public:
  /// Initialises MPI (unless already initialised); errors return codes instead of aborting.
  Environment(int& argc, char**& argv);
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;
};

/// A move-only owner of a communicator created by a constructor or split; freed on destruction.
class Comm {
 public:
  /// Wraps `comm`; frees it on destruction when `owned`.
  explicit Comm(MPI_Comm comm = MPI_COMM_NULL, bool owned = false) : comm_(comm), owned_(owned) {}
  ~Comm();
  Comm(Comm&& other) noexcept;
  Comm& operator=(Comm&& other) noexcept;
  Comm(const Comm&) = delete;
  Comm& operator=(const Comm&) = delete;

  /// The raw handle for MPI calls.
  MPI_Comm get() const { return comm_; }
  /// This process's rank.
  int rank() const;
  /// Number of processes.
  int size() const;

 private:
  MPI_Comm comm_;
  bool owned_;
};

/// The world communicator, not owned.
Comm world();

/// A 2-D periodic or non-periodic Cartesian communicator of `cols` x `rows` processes.
class CartComm {
 public:
  /// Creates the MPI_Cart topology over `parent` (dims {rows, cols}, rank order kept).
  CartComm(const Comm& parent, int cols, int rows, bool periodic);

  /// The communicator.
  const Comm& comm() const { return comm_; }
  /// This rank's {col, row}.
  std::array<int, 2> coords() const { return coords_; }
  /// Rank of the process at {col, row}.
  int rank_of(std::array<int, 2> col_row) const;
  /// Process columns.
  int cols() const { return cols_; }
  /// Process rows.
  int rows() const { return rows_; }
  /// True for a torus.
  bool periodic() const { return periodic_; }

 private:
  Comm comm_;
  int cols_;
  int rows_;
  bool periodic_;
  std::array<int, 2> coords_{};
};

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
  /// The raw handle for MPI calls.
  MPI_Datatype get() const { return type_; }

 private:
  MPI_Datatype type_;
};

/// A 2-D row-major byte subarray: `sub_rows` x `sub_cols` at (row, col) of a rows x cols array.
Datatype byte_subarray(std::int64_t rows, std::int64_t cols, std::int64_t sub_rows,
                       std::int64_t sub_cols, std::int64_t row, std::int64_t col);

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

/// Largest value of `v` over all ranks of `comm`.
int allreduce_max(int v, const Comm& comm);

/// Broadcasts a string from `root` to every rank of `comm`.
void broadcast(std::string& s, int root, const Comm& comm);

/// Runs `body` on rank 0 only. If it throws, every rank of `comm` throws the same mpilife::Error
/// (code and message), so all ranks leave together. Collective.
void on_root_agreed(const Comm& comm, const std::function<void()>& body);

/// Runs `body` on every rank. If it throws on any rank, every rank throws the mpilife::Error of
/// the lowest failing rank (code and message). Collective.
void everywhere_agreed(const Comm& comm, const std::function<void()>& body);

}  // namespace mpilife::mpi
