#pragma once

#include "mpilife/cli.hpp"
#include "mpilife/mpi.hpp"

namespace mpilife {

/// The whole program: parses the command line on rank 0, runs the chosen command on every rank,
/// returns the exit code (the same on every rank; one message from rank 0 on failure).
int app_main(int argc, char** argv);

/// `mpilife run` with a resolved plan, on every rank of `world`; throws Error on failure and
/// returns 0 or 130 (stopped by a signal).
int run_command(const mpi::Comm& world, const RunPlan& plan);

}  // namespace mpilife
