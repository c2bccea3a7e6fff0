#include "mpilife/parallel/mpi.hpp"

#include <limits>
#include <stdexcept>
#include <utility>

#include "mpilife/core/error.hpp"

namespace mpilife::mpi {

namespace {

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) {
    char text[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, text, &len);
    throw std::runtime_error(std::string(what) + ": " +
                             std::string(text, static_cast<std::size_t>(len)));
  }
}

int to_int(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::length_error("MPI message larger than 2 GiB");
  }
  return static_cast<int>(n);
}

}  // namespace

Environment::Environment(int& argc, char**& argv) {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) MPI_Init(&argc, &argv);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
}

Environment::~Environment() {
  int finalised = 0;
  MPI_Finalized(&finalised);
  if (!finalised) MPI_Finalize();
}

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
  MPI_Comm_rank(comm_, &r);
  return r;
}

int Comm::size() const {
  int s = 0;
  MPI_Comm_size(comm_, &s);
  return s;
}

Comm world() {
  return Comm(MPI_COMM_WORLD, false);
}

CartComm::CartComm(const Comm& parent, int cols, int rows, bool periodic)
    : cols_(cols), rows_(rows), periodic_(periodic) {
  int dims[2] = {rows, cols};
  int periods[2] = {periodic ? 1 : 0, periodic ? 1 : 0};
  MPI_Comm cart = MPI_COMM_NULL;
  check(MPI_Cart_create(parent.get(), 2, dims, periods, 0, &cart), "MPI_Cart_create");
  comm_ = Comm(cart, true);
  int c[2] = {0, 0};
  check(MPI_Cart_coords(cart, comm_.rank(), 2, c), "MPI_Cart_coords");
  coords_ = {c[1], c[0]};
}

int CartComm::rank_of(std::array<int, 2> col_row) const {
  int c[2] = {col_row[1], col_row[0]};
  int r = MPI_PROC_NULL;
  check(MPI_Cart_rank(comm_.get(), c, &r), "MPI_Cart_rank");
  return r;
}

Datatype::Datatype(MPI_Datatype type) : type_(type) {
  check(MPI_Type_commit(&type_), "MPI_Type_commit");
}

Datatype::~Datatype() {
  if (type_ != MPI_DATATYPE_NULL) MPI_Type_free(&type_);
}

Datatype::Datatype(Datatype&& other) noexcept
    : type_(std::exchange(other.type_, MPI_DATATYPE_NULL)) {}

Datatype byte_subarray(std::int64_t rows, std::int64_t cols, std::int64_t sub_rows,
                       std::int64_t sub_cols, std::int64_t row, std::int64_t col) {
  int sizes[2] = {to_int(static_cast<std::size_t>(rows)), to_int(static_cast<std::size_t>(cols))};
  int subsizes[2] = {static_cast<int>(sub_rows), static_cast<int>(sub_cols)};
  int starts[2] = {static_cast<int>(row), static_cast<int>(col)};
  MPI_Datatype t = MPI_DATATYPE_NULL;
  check(MPI_Type_create_subarray(2, sizes, subsizes, starts, MPI_ORDER_C, MPI_BYTE, &t),
        "MPI_Type_create_subarray");
  return Datatype(t);
}

RequestSet::~RequestSet() {
  if (active_)
    MPI_Waitall(static_cast<int>(requests_.size()), requests_.data(), MPI_STATUSES_IGNORE);
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
  check(MPI_Waitall(static_cast<int>(requests_.size()), requests_.data(), MPI_STATUSES_IGNORE),
        "MPI_Waitall");
  active_ = false;
}

int allreduce_max(int v, const Comm& comm) {
  int out = v;
  check(MPI_Allreduce(&v, &out, 1, MPI_INT, MPI_MAX, comm.get()), "MPI_Allreduce");
  return out;
}

void broadcast(std::string& s, int root, const Comm& comm) {
  unsigned long long n = s.size();
  check(MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG_LONG, root, comm.get()), "MPI_Bcast");
  s.resize(static_cast<std::size_t>(n));
  if (n > 0) check(MPI_Bcast(s.data(), to_int(s.size()), MPI_CHAR, root, comm.get()), "MPI_Bcast");
}

namespace {

// Runs body, turning any exception into (exit code, message); (0, "") on success.
std::pair<int, std::string> capture(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    return {static_cast<int>(e.code()), e.what()};
  } catch (const std::exception& e) {
    return {static_cast<int>(ExitCode::io), std::string("internal error: ") + e.what()};
  }
  return {0, std::string()};
}

}  // namespace

void on_root_agreed(const Comm& comm, const std::function<void()>& body) {
  std::pair<int, std::string> result;
  if (comm.rank() == 0) result = capture(body);
  check(MPI_Bcast(&result.first, 1, MPI_INT, 0, comm.get()), "MPI_Bcast");
  if (result.first != 0) throw Error(static_cast<ExitCode>(result.first), result.second);
}

void everywhere_agreed(const Comm& comm, const std::function<void()>& body) {
  std::pair<int, std::string> result = capture(body);
  const int me = comm.rank();
  int first_failed = result.first != 0 ? me : comm.size();
  check(MPI_Allreduce(MPI_IN_PLACE, &first_failed, 1, MPI_INT, MPI_MIN, comm.get()),
        "MPI_Allreduce");
  if (first_failed == comm.size()) return;
  check(MPI_Bcast(&result.first, 1, MPI_INT, first_failed, comm.get()), "MPI_Bcast");
  broadcast(result.second, first_failed, comm);
  throw Error(static_cast<ExitCode>(result.first), result.second);
}

}  // namespace mpilife::mpi
