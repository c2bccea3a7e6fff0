// bench_ports: checks the vector issue rates bench/limits.sh assumes, on this core: cycles per
// instruction of the fast kernel's vector operations, 12 independent chains at a time
// (throughput) and one chain (latency), the clock calibrated in the same run with a chain of
// dependent adds (as bench_clock). One greppable line per operation:
//
//   BENCH ports op=vpternlogq.zmm throughput_cycles=0.25 latency_cycles=2.00 ghz=...
//
// x86-64 only; the AVX-512 operations are skipped (with a line saying so) where the CPU lacks
// AVX-512 VBMI2 and VL. Times are by CPU time, which other processes sharing the core do not
// inflate.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>

#include "bench_timing.hpp"

using mpilife::bench::cpu_seconds;

namespace {

// Twelve instructions: INS(0) .. INS(11), on registers 0..11 (throughput) or all on register 0
// (latency); 12 and 13 hold the second and third operands.
#define MPILIFE_TWELVE(INS) \
  INS(0) INS(1) INS(2) INS(3) INS(4) INS(5) INS(6) INS(7) INS(8) INS(9) INS(10) INS(11)
#define MPILIFE_CLOBBERS \
  "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11"

#define TERN_Z(i) "vpternlogq $0x96, %%zmm12, %%zmm13, %%zmm" #i "\n"
#define AND_Z(i) "vpandq %%zmm12, %%zmm" #i ", %%zmm" #i "\n"
#define SHLD_Z(i) "vpshldq $1, %%zmm12, %%zmm" #i ", %%zmm" #i "\n"
#define SLL_Z(i) "vpsllq $1, %%zmm" #i ", %%zmm" #i "\n"
#define TERN_Y(i) "vpternlogq $0x96, %%ymm12, %%ymm13, %%ymm" #i "\n"
#define AND_Y(i) "vpand %%ymm12, %%ymm" #i ", %%ymm" #i "\n"
#define SLL_Y(i) "vpsllq $1, %%ymm" #i ", %%ymm" #i "\n"
#define LAT(INS) INS(0) INS(0) INS(0) INS(0) INS(0) INS(0) INS(0) INS(0) INS(0) INS(0) INS(0) INS(0)
#define ADD(i) "add %%rdx, %%rax\n"

using Body = void (*)(std::int64_t);

// CPU seconds per instruction of `body`, which runs its 12 instructions `iterations` times (the
// loop inside it: a call per 12 instructions would cost more than they do).
double per_instruction(Body body, std::int64_t iterations) {
  const double t0 = cpu_seconds();
  body(iterations);
  return (cpu_seconds() - t0) / (12.0 * static_cast<double>(iterations));
}

void adds(std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) asm volatile(MPILIFE_TWELVE(ADD)::: "rax", "rdx");
}

#define MPILIFE_BODY(name, text, isa)                                     \
  __attribute__((target(isa))) void name(std::int64_t n) {                \
    for (std::int64_t i = 0; i < n; ++i) {                                \
      asm volatile(text::: MPILIFE_CLOBBERS, "xmm12", "xmm13", "memory"); \
    }                                                                     \
  }
MPILIFE_BODY(tern_z, MPILIFE_TWELVE(TERN_Z), "avx512f")
MPILIFE_BODY(tern_z_lat, LAT(TERN_Z), "avx512f")
MPILIFE_BODY(and_z, MPILIFE_TWELVE(AND_Z), "avx512f")
MPILIFE_BODY(and_z_lat, LAT(AND_Z), "avx512f")
MPILIFE_BODY(shld_z, MPILIFE_TWELVE(SHLD_Z), "avx512f,avx512vbmi2")
MPILIFE_BODY(shld_z_lat, LAT(SHLD_Z), "avx512f,avx512vbmi2")
MPILIFE_BODY(sll_z, MPILIFE_TWELVE(SLL_Z), "avx512f")
MPILIFE_BODY(sll_z_lat, LAT(SLL_Z), "avx512f")
MPILIFE_BODY(tern_y, MPILIFE_TWELVE(TERN_Y), "avx512f,avx512vl")
MPILIFE_BODY(tern_y_lat, LAT(TERN_Y), "avx512f,avx512vl")
MPILIFE_BODY(and_y, MPILIFE_TWELVE(AND_Y), "avx2")
MPILIFE_BODY(and_y_lat, LAT(AND_Y), "avx2")
MPILIFE_BODY(sll_y, MPILIFE_TWELVE(SLL_Y), "avx2")
MPILIFE_BODY(sll_y_lat, LAT(SLL_Y), "avx2")

struct Op {
  const char* name;
  Body throughput;
  Body latency;
  bool avx512;
};

const Op kOps[] = {
    {"vpternlogq.zmm", tern_z, tern_z_lat, true}, {"vpandq.zmm", and_z, and_z_lat, true},
    {"vpshldq.zmm", shld_z, shld_z_lat, true},    {"vpsllq.zmm", sll_z, sll_z_lat, true},
    {"vpternlogq.ymm", tern_y, tern_y_lat, true}, {"vpand.ymm", and_y, and_y_lat, false},
    {"vpsllq.ymm", sll_y, sll_y_lat, false}};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "bench_ports: cycles per instruction (throughput over 12 independent chains, latency "
      "over one) of the fast kernel's vector operations on this core, for bench/limits.sh"};
  std::int64_t iterations = 20'000'000;
  app.add_option("--iterations", iterations, "loop iterations (12 instructions each) per figure")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  __builtin_cpu_init();
  const bool avx512 = __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("avx512vl");
  if (!__builtin_cpu_supports("avx2")) {
    std::printf("bench_ports: this CPU has no AVX2; nothing to measure\n");
    return 0;
  }
  per_instruction(adds, iterations / 4);  // warm-up: the clock ramps up
  const double ghz = 1e-9 / per_instruction(adds, iterations);
  for (const Op& op : kOps) {
    if (op.avx512 && !avx512) {
      std::printf("BENCH ports op=%s skipped (no AVX-512 VBMI2/VL)\n", op.name);
      continue;
    }
    const double t = per_instruction(op.throughput, iterations) * ghz * 1e9;
    const double l = per_instruction(op.latency, iterations) * ghz * 1e9;
    std::printf("BENCH ports op=%s throughput_cycles=%.2f latency_cycles=%.2f ghz=%.3f\n", op.name,
                t, l, ghz);
  }
  return 0;
}
