#pragma once

#include <cstdint>

namespace mpilife {

/// This process's peak resident memory so far in bytes (VmHWM of /proc/self/status), or -1 where
/// the system does not say.
std::int64_t peak_rss_bytes();

}  // namespace mpilife
