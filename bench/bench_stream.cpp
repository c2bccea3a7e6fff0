// bench_stream: the memory bandwidth one core gets, STREAM-style (McCalpin's copy, scale, add and
// triad on arrays far larger than the last-level cache) plus two kernels shaped like the Life
// kernel's traffic, and one greppable line per kernel:
//
//   BENCH stream kernel=copy array_mib=256 repeats=10 counted_bytes_per_element=16
//         write_allocate_bytes_per_element=8 best_gbs=... median_gbs=... cpu_best_gbs=...
//         cpu_median_gbs=...
//
// Kernels, on arrays a, b, c of --mib MiB each (doubles):
//   copy    c = a              read a, write c          (the fast kernel's pattern: read the
//                                                        current buffer, write the next one)
//   scale   b = q c            read c, write b
//   add     c = a + b          read a, b, write c
//   triad   a = b + q c        read b, c, write a
//   read    s += a             read a                   (read only)
//   update  a = q a + 1        read a, write a in place (no write-allocate: the lines are read)
//
// GB/s count the bytes the kernel names (STREAM's convention): a store to a line not in the cache
// also reads it first (write-allocate), which the counted bytes leave out;
// write_allocate_bytes_per_element says how much more actually crosses the memory bus (copy:
// 16 counted + 8 = 24). Best and median are over --repeats passes; cpu_* divide by the process's
// CPU time instead of the wall clock, which other processes sharing the core do not inflate.
//
// Nothing is elided: each kernel is a separate non-inlined function, a compiler barrier after
// every pass makes the arrays' contents observable, and the arrays are checked at the end
// against the values the passes must have left (as STREAM does).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "bench_timing.hpp"

using mpilife::bench::cpu_seconds;
using mpilife::bench::median;

namespace {

using Clock = std::chrono::steady_clock;

// Makes every store before it observable: the compiler may not drop or merge passes.
inline void barrier() {
  asm volatile("" ::: "memory");
}

__attribute__((noinline)) void copy(const double* a, double* c, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) c[i] = a[i];
}
__attribute__((noinline)) void scale(const double* c, double* b, double q, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) b[i] = q * c[i];
}
__attribute__((noinline)) void add(const double* a, const double* b, double* c, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
__attribute__((noinline)) void triad(double* a, const double* b, const double* c, double q,
                                     std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + q * c[i];
}
// Four partial sums so that the loop is not bound by the latency of one chain of additions.
__attribute__((noinline)) double read(const double* a, std::size_t n) {
  double s[4] = {0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (int k = 0; k < 4; ++k) s[k] += a[i + static_cast<std::size_t>(k)];
  }
  for (; i < n; ++i) s[0] += a[i];
  return (s[0] + s[1]) + (s[2] + s[3]);
}
__attribute__((noinline)) void update(double* a, double q, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) a[i] = q * a[i] + 1.0;
}

struct Kernel {
  const char* name;
  int counted_bytes;         // per element, STREAM's convention
  int write_allocate_bytes;  // per element, read for the stores to lines not in the cache
};

const Kernel kKernels[] = {{"copy", 16, 8},  {"scale", 16, 8}, {"add", 24, 8},
                           {"triad", 24, 8}, {"read", 8, 0},   {"update", 16, 0}};

// 64-byte aligned doubles.
struct Array {
  explicit Array(std::size_t n)
      : data(static_cast<double*>(::operator new[](n * sizeof(double), std::align_val_t{64}))) {}
  struct Free {
    void operator()(double* p) const { ::operator delete[](p, std::align_val_t{64}); }
  };
  std::unique_ptr<double, Free> data;
  double* get() const { return data.get(); }
};

// The arrays and what the passes must leave in them (tracked with the same arithmetic).
struct Arrays {
  explicit Arrays(std::size_t n_) : n(n_), a(n_), b(n_), c(n_) {
    for (std::size_t i = 0; i < n; ++i) a.get()[i] = 1.0, b.get()[i] = 2.0, c.get()[i] = 0.0;
  }
  std::size_t n;
  Array a, b, c;
  double ea = 1.0, eb = 2.0, ec = 0.0;  // the value every element of a, b, c should hold
  double sum = 0.0;                     // the last read pass's sum
  double esum = 0.0;                    // what it should be
};

constexpr double kQ = 0.5;

// One pass of kernel k over the arrays, and the expected values updated alike.
void run(int k, Arrays& s) {
  const std::size_t n = s.n;
  double* a = s.a.get();
  double* b = s.b.get();
  double* c = s.c.get();
  switch (k) {
    case 0:
      copy(a, c, n);
      s.ec = s.ea;
      break;
    case 1:
      scale(c, b, kQ, n);
      s.eb = kQ * s.ec;
      break;
    case 2:
      add(a, b, c, n);
      s.ec = s.ea + s.eb;
      break;
    case 3:
      triad(a, b, c, kQ, n);
      s.ea = s.eb + kQ * s.ec;
      break;
    case 4:
      s.sum = read(a, n);
      s.esum = static_cast<double>(n) * s.ea;
      break;
    default:
      update(a, kQ, n);
      s.ea = kQ * s.ea + 1.0;
      break;
  }
  barrier();
}

// Every element equals its expected value, and the last sum is n times a's value then.
bool check(const Arrays& s) {
  auto same = [](double x, double y) { return std::fabs(x - y) <= 1e-12 * std::fabs(y); };
  if (!same(s.sum, s.esum)) {
    std::fprintf(stderr, "bench_stream: the read pass summed %g, expected %g\n", s.sum, s.esum);
    return false;
  }
  for (std::size_t i = 0; i < s.n; ++i) {
    if (!same(s.a.get()[i], s.ea) || !same(s.b.get()[i], s.eb) || !same(s.c.get()[i], s.ec)) {
      std::fprintf(stderr, "bench_stream: element %zu is %g %g %g, expected %g %g %g\n", i,
                   s.a.get()[i], s.b.get()[i], s.c.get()[i], s.ea, s.eb, s.ec);
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "bench_stream: memory bandwidth of one core, STREAM-style (copy, scale, add, triad) plus a "
      "read-only sum and an in-place update, on three arrays far larger than the last-level "
      "cache; prints one BENCH line per kernel (GB/s, best and median of the repeats)"};
  std::size_t mib = 256;
  int repeats = 10;
  std::vector<std::string> only;
  app.add_option("--mib", mib, "MiB per array (three arrays); keep it >= 4x the last-level cache")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--repeats", repeats, "timed passes of each kernel (after one untimed pass)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--kernels", only, "run only these kernels (copy scale add triad read update)")
      ->check(CLI::IsMember({"copy", "scale", "add", "triad", "read", "update"}));
  CLI11_PARSE(app, argc, argv);

  const std::size_t n = mib * (std::size_t{1} << 20) / sizeof(double);
  Arrays s(n);
  for (int k = 0; k < static_cast<int>(std::size(kKernels)); ++k) {
    const Kernel& kernel = kKernels[k];
    if (!only.empty() && std::find(only.begin(), only.end(), kernel.name) == only.end()) continue;
    run(k, s);  // untimed: pages touched, lines in their steady state
    std::vector<double> wall;
    std::vector<double> cpu;
    const double bytes = static_cast<double>(kernel.counted_bytes) * static_cast<double>(n);
    for (int r = 0; r < repeats; ++r) {
      const auto t0 = Clock::now();
      const double c0 = cpu_seconds();
      run(k, s);
      const double cpu_s = cpu_seconds() - c0;
      const double wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
      wall.push_back(bytes / wall_s * 1e-9);
      cpu.push_back(bytes / cpu_s * 1e-9);
    }
    std::printf(
        "BENCH stream kernel=%s array_mib=%zu repeats=%d counted_bytes_per_element=%d "
        "write_allocate_bytes_per_element=%d best_gbs=%.2f median_gbs=%.2f cpu_best_gbs=%.2f "
        "cpu_median_gbs=%.2f\n",
        kernel.name, mib, repeats, kernel.counted_bytes, kernel.write_allocate_bytes,
        *std::max_element(wall.begin(), wall.end()), median(wall),
        *std::max_element(cpu.begin(), cpu.end()), median(cpu));
    std::fflush(stdout);
  }
  if (!check(s)) return 1;
  std::printf("check: every element as expected (a=%g b=%g c=%g), last sum %g\n", s.ea, s.eb, s.ec,
              s.sum);
  return 0;
}
