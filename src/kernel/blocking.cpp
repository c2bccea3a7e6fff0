#include "mpilife/kernel/blocking.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <string>

namespace mpilife {

namespace {

// The first line of `path`, empty when it cannot be read.
std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// "1024K", "32M" or a plain byte count, as /sys writes cache sizes; 0 when unreadable.
std::int64_t parse_size(const std::string& text) {
  std::size_t used = 0;
  std::int64_t n = 0;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
    return 0;
  }
  const char unit = used < text.size() ? text[used] : ' ';
  if (unit == 'K') return n << 10;
  if (unit == 'M') return n << 20;
  if (unit == 'G') return n << 30;
  return n;
}

// Logical CPUs in a list such as "0-3,8-11" or "0,2".
int count_cpus(const std::string& list) {
  int n = 0;
  std::size_t at = 0;
  while (at < list.size()) {
    const std::size_t comma = std::min(list.find(',', at), list.size());
    const std::string part = list.substr(at, comma - at);
    const std::size_t dash = part.find('-');
    try {
      n += dash == std::string::npos ? 1 : std::stoi(part.substr(dash + 1)) - std::stoi(part) + 1;
    } catch (const std::exception&) {
      return 1;
    }
    at = comma + 1;
  }
  return std::max(n, 1);
}

#if defined(_SC_LEVEL2_CACHE_SIZE) && defined(_SC_LEVEL3_CACHE_SIZE)
std::int64_t sysconf_size(int name) {
  const long v = ::sysconf(name);
  return v > 0 ? v : 0;
}
#endif

}  // namespace

CacheSizes read_cache_sizes() {
  CacheSizes c;
  for (int i = 0; i < 8; ++i) {
    const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(i) + "/";
    const std::string level = first_line(dir + "level");
    if (level.empty()) break;
    if (first_line(dir + "type") == "Instruction") continue;
    const std::int64_t size = parse_size(first_line(dir + "size"));
    if (level == "2") c.l2 = size;
    if (level == "3") {
      c.l3 = size;
      c.l3_shared_by = count_cpus(first_line(dir + "shared_cpu_list"));
    }
  }
#if defined(_SC_LEVEL2_CACHE_SIZE) && defined(_SC_LEVEL3_CACHE_SIZE)
  if (c.l2 == 0) c.l2 = sysconf_size(_SC_LEVEL2_CACHE_SIZE);
  if (c.l3 == 0) c.l3 = sysconf_size(_SC_LEVEL3_CACHE_SIZE);
#endif
  return c;
}

int automatic_time_block(std::int64_t w, std::int64_t h, const CacheSizes& caches) {
  const long double buffers = static_cast<long double>(w) * static_cast<long double>(h) / 4;
  const std::int64_t share = caches.l3 / std::max(caches.l3_shared_by, 1);
  if (buffers <= static_cast<long double>(share)) return 1;
  const std::int64_t l2 = caches.l2 > 0 ? caches.l2 : std::int64_t{512} << 10;
  for (const int k : {64, 32, 16, 8, 4, 2}) {
    const std::int64_t row_bytes = (w + 2 * k + 511) / 512 * 64;
    if (16 * k <= h && 3 * (k - 1) * row_bytes <= l2 / 2) return k;
  }
  return 1;
}

int automatic_halo_depth(std::int64_t w, std::int64_t h, int time_block) {
  const long double cells = static_cast<long double>(w) * static_cast<long double>(h);
  int depth = 1;
  if (cells < 1024.0L * 1024) depth = 2;
  if (cells < 512.0L * 512) depth = 4;
  if (cells < 256.0L * 256) depth = 8;
  if (cells < 128.0L * 128) depth = 16;
  return std::max(depth, time_block);
}

}  // namespace mpilife
