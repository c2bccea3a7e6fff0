#pragma once

#include <string>

namespace mpilife {

/// The memory of this node and the limits on this process, as Linux reports them; 0 = unknown
/// or unlimited.
struct NodeMemory {
  long double installed = 0;      ///< MemTotal of /proc/meminfo (else the physical pages)
  long double available = 0;      ///< MemAvailable of /proc/meminfo: what can be had unswapped
  long double cgroup_limit = 0;   ///< tightest memory limit of this process's cgroup or its
                                  ///< parents (v2 memory.max, v1 memory.limit_in_bytes): what a
                                  ///< batch system such as Slurm grants the job on this node
  long double address_limit = 0;  ///< RLIMIT_AS (ulimit -v), per process
  long double address_in_use = 0; ///< this process's address space now (VmSize)

  /// What the processes on this node may use in all: `available` plus `in_use` (what they hold
  /// already, which MemAvailable no longer counts), capped by the cgroup limit; 0 = unknown.
  long double usable(long double in_use) const;
};

/// Reads /proc/meminfo, the cgroup files and the rlimit. Never throws.
NodeMemory probe_node_memory();

/// This process's resident memory now (VmRSS), its peak (VmHWM) and its address space (VmSize),
/// in bytes; 0 when /proc/self/status cannot be read.
long double resident_bytes();
long double peak_resident_bytes();
long double address_space_bytes();

/// `bytes` in B, KiB, MiB, GiB, TiB, ... whichever keeps the number short ("2.05 TiB", "57 MiB").
std::string bytes_text(long double bytes);

}  // namespace mpilife
