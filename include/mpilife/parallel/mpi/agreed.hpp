#pragma once

#include <functional>

#include "mpilife/parallel/mpi/comm.hpp"

namespace mpilife::mpi {

/// Runs `body` on rank 0 only. If it throws (any std::exception), every rank of `comm` throws the
/// same mpilife::Error (code and message), so all ranks leave together. Collective.
void on_root_agreed(const Comm& comm, const std::function<void()>& body);

/// Runs `body` on every rank. If it throws on any rank, every rank throws the mpilife::Error of
/// the lowest failing rank (code and message). Collective.
void everywhere_agreed(const Comm& comm, const std::function<void()>& body);

}  // namespace mpilife::mpi
