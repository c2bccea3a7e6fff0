#pragma once

#include "mpilife/app/plan.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/view/display.hpp"

namespace mpilife {

/// `mpilife run` with a resolved plan, on every rank of `world`; throws Error on failure and
/// returns 0 or 130 (stopped by a signal). --view runs under a display from `make_display`.
int run_command(const mpi::Comm& world, const RunPlan& plan,
                const DisplayFactory& make_display = {});

}  // namespace mpilife
