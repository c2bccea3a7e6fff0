#pragma once

// Private to the app layer: the checks every `mpilife run` output passes before the first
// generation (rank 0, errors agreed by the caller).

#include "mpilife/app/options.hpp"

namespace mpilife {

// Refuses outputs that would destroy data: two options naming one file (also through links, `..`
// or an output's temporary or sidecar name), or an output over the pattern or the --restart
// checkpoint; exit 64, naming both. A command-line error, so checked before any input is read.
// --checkpoint may name the --restart checkpoint: that continues it.
void check_output_overlaps(const RunOptions& options);

// Refuses an output path that cannot be written, or an existing file without --force (exit 73).
void check_outputs(const RunOptions& options);

}  // namespace mpilife
