#pragma once

#include <string>

#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/view/display.hpp"

namespace mpilife {

/// `mpilife view FILE.h5`: replays the recording at `path` in a display made by `factory` on rank
/// 0 while the other ranks wait without spinning. Errors (66/65 for the file, 64 without a
/// viewer) are agreed by every rank. Collective.
void view_command(const mpi::Comm& world, const std::string& path, const DisplayOptions& options,
                  const DisplayFactory& factory);

}  // namespace mpilife
