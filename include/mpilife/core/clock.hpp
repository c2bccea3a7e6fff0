#pragma once

namespace mpilife {

/// Seconds on the monotonic clock (steady_clock); only differences mean anything.
double now_seconds();

}  // namespace mpilife
