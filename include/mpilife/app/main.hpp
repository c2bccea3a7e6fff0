#pragma once

#include "mpilife/view/display.hpp"

namespace mpilife {

/// The whole program: parses the command line on rank 0, runs the chosen command on every rank,
/// returns the exit code (the same on every rank; one message from rank 0 on failure).
/// `make_display` opens the viewer's window (--view, `view`); empty in a build without SDL2.
int app_main(int argc, char** argv, const DisplayFactory& make_display = {});

}  // namespace mpilife
