#pragma once

#include "mpilife/cli.hpp"
#include "mpilife/mpi.hpp"
#include "mpilife/view.hpp"

namespace mpilife {

/// The whole program: parses the command line on rank 0, runs the chosen command on every rank,
/// returns the exit code (the same on every rank; one message from rank 0 on failure).
/// `make_display` opens the viewer's window (--view, `view`); empty in a build without SDL2.
int app_main(int argc, char** argv, const DisplayFactory& make_display = {});

/// `mpilife run` with a resolved plan, on every rank of `world`; throws Error on failure and
/// returns 0 or 130 (stopped by a signal). --view runs under a display from `make_display`.
int run_command(const mpi::Comm& world, const RunPlan& plan,
                const DisplayFactory& make_display = {});

}  // namespace mpilife
