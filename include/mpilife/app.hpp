#pragma once

namespace mpilife {

/// The whole program: parses the command line, runs the chosen command, returns the exit code
/// (the same on every rank).
int app_main(int argc, char** argv);

}  // namespace mpilife
