#include "mpilife/app/node_memory.hpp"

// Linux's view of memory: /proc/meminfo, /proc/self/status, the cgroup hierarchy (v1 and v2)
// and RLIMIT_AS. Every reader returns 0 when the file is missing or unreadable.

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace mpilife {

namespace {

// Limits this large mean "no limit" (cgroup v1 writes 2^63 rounded down to a page).
constexpr long double kUnlimited = 1e18L;

// The value of `key` (e.g. "MemAvailable:") in a "key value kB" file, in bytes; 0 if absent.
long double kib_field(const char* path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, key.size(), key) != 0) continue;
    std::istringstream fields(line.substr(key.size()));
    long double kib = 0;
    return fields >> kib ? kib * 1024 : 0;
  }
  return 0;
}

// A number in a cgroup file ("max" or a huge value: no limit, 0).
long double limit_in(const std::string& path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return 0;
  try {
    const long double v = std::stold(text);
    return v > 0 && v < kUnlimited ? v : 0;
  } catch (...) {
    return 0;
  }
}

// The tightest of the limits named `file` from the cgroup folder `root` + `path` up to `root`
// (a container often sees its own cgroup as the root, so the mount's top is tried too).
long double tightest_limit(const std::string& root, std::string path, const std::string& file) {
  long double best = 0;
  const auto take = [&](long double v) {
    if (v > 0) best = best > 0 ? std::min(best, v) : v;
  };
  for (;;) {
    take(limit_in(root + path + "/" + file));
    if (path.empty() || path == "/") break;
    path = path.substr(0, path.find_last_of('/'));
  }
  return best;
}

long double cgroup_memory_limit() {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  long double best = 0;
  const auto take = [&](long double v) {
    if (v > 0) best = best > 0 ? std::min(best, v) : v;
  };
  // Lines are "id:controllers:path": v2 is "0::/path", v1's memory line "N:memory:/path".
  while (std::getline(in, line)) {
    const std::size_t a = line.find(':');
    const std::size_t b = a == std::string::npos ? a : line.find(':', a + 1);
    if (b == std::string::npos) continue;
    const std::string controllers = line.substr(a + 1, b - a - 1);
    const std::string path = line.substr(b + 1);
    if (controllers.empty()) {
      take(tightest_limit("/sys/fs/cgroup", path, "memory.max"));
    } else if (controllers == "memory" || controllers.find("memory,") == 0 ||
               controllers.find(",memory") != std::string::npos) {
      take(tightest_limit("/sys/fs/cgroup/memory", path, "memory.limit_in_bytes"));
    }
  }
  return best;
}

}  // namespace

long double NodeMemory::usable(long double in_use) const {
  long double total = available > 0 ? available + in_use : installed;
  if (cgroup_limit > 0) total = total > 0 ? std::min(total, cgroup_limit) : cgroup_limit;
  return total;
}

NodeMemory probe_node_memory() {
  NodeMemory m;
  m.installed = kib_field("/proc/meminfo", "MemTotal:");
  if (m.installed <= 0) {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0) m.installed = static_cast<long double>(pages) * page;
  }
  m.available = kib_field("/proc/meminfo", "MemAvailable:");
  m.cgroup_limit = cgroup_memory_limit();
  rlimit as{};
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
    m.address_limit = static_cast<long double>(as.rlim_cur);
  }
  m.address_in_use = address_space_bytes();
  return m;
}

long double resident_bytes() {
  return kib_field("/proc/self/status", "VmRSS:");
}

long double peak_resident_bytes() {
  return kib_field("/proc/self/status", "VmHWM:");
}

long double address_space_bytes() {
  return kib_field("/proc/self/status", "VmSize:");
}

std::string bytes_text(long double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  long double v = bytes;
  std::size_t u = 0;
  while (v >= 1024 && u + 1 < std::size(units)) {
    v /= 1024;
    ++u;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, u > 0 && v < 10 ? "%.2Lf %s" : "%.0Lf %s", v, units[u]);
  return buf;
}

}  // namespace mpilife
