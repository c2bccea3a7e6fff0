#include "mpilife/parallel/mpi/agreed.hpp"

#include <new>
#include <string>
#include <utility>

#include "mpilife/core/error.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"

namespace mpilife::mpi {

namespace {

// Runs body, turning any exception into (exit code, message); (0, "") on success.
std::pair<int, std::string> capture(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    return {static_cast<int>(e.code()), e.what()};
  } catch (const std::bad_alloc&) {
    return {static_cast<int>(ExitCode::software), "out of memory"};
  } catch (const std::exception& e) {
    return {static_cast<int>(ExitCode::software), std::string("internal error: ") + e.what()};
  }
  return {0, std::string()};
}

}  // namespace

void on_root_agreed(const Comm& comm, const std::function<void()>& body) {
  std::pair<int, std::string> result;
  if (comm.rank() == 0) result = capture(body);
  result.first = broadcast(result.first, 0, comm);
  if (result.first != 0) throw Error(static_cast<ExitCode>(result.first), result.second);
}

void everywhere_agreed(const Comm& comm, const std::function<void()>& body) {
  std::pair<int, std::string> result = capture(body);
  const int first_failed = allreduce(result.first != 0 ? comm.rank() : comm.size(), Op::min, comm);
  if (first_failed == comm.size()) return;
  result.first = broadcast(result.first, first_failed, comm);
  broadcast(result.second, first_failed, comm);
  throw Error(static_cast<ExitCode>(result.first), result.second);
}

}  // namespace mpilife::mpi
