#pragma once

#include "mpilife/app/options.hpp"
#include "mpilife/parallel/mpi/comm.hpp"

namespace mpilife {

/// `mpilife census`: the manager/worker soup census over `world` (parallel/task_farm): rank 0
/// hands out soups (Catagolue's C1 soups of --seed, census/soup_hash) and pattern files in
/// chunks, every working rank runs each to its ash and names its objects (census/soup_census),
/// and rank 0 merges the counts in task order, so the census is the same for any rank count and
/// chunk size. Prints the table (apgcode, count, first soup) on stdout, writes --csv and --json,
/// progress and a summary line on stderr. A pattern file that cannot be read becomes an error row
/// and the census goes on (exit 65 at the end); SIGINT/SIGTERM (130) or SIGUSR1 (75) end it with
/// the census of the soups finished so far written. Returns the exit code. Collective.
int census_command(const mpi::Comm& world, const CensusOptions& options);

}  // namespace mpilife
