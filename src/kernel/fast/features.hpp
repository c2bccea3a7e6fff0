#pragma once

// Private to the kernel: the CPU features a copy of the fast kernel may be compiled to use, as
// bits. Each copy records the ones its compiler flags enabled (fast_tile.cpp, kRequiredFeatures);
// the dispatcher (src/kernel/isa.cpp, baseline code) asks the CPU for the same set. Plain
// constants: this header is included by code built for every instruction set.

#include <cstdint>

namespace mpilife::fast {

constexpr std::uint32_t kFeatureSse42 = 1u << 0;
constexpr std::uint32_t kFeaturePopcnt = 1u << 1;
constexpr std::uint32_t kFeatureAvx = 1u << 2;
constexpr std::uint32_t kFeatureAvx2 = 1u << 3;
constexpr std::uint32_t kFeatureBmi = 1u << 4;
constexpr std::uint32_t kFeatureBmi2 = 1u << 5;
constexpr std::uint32_t kFeatureFma = 1u << 6;
constexpr std::uint32_t kFeatureAvx512f = 1u << 7;
constexpr std::uint32_t kFeatureAvx512bw = 1u << 8;
constexpr std::uint32_t kFeatureAvx512dq = 1u << 9;
constexpr std::uint32_t kFeatureAvx512vl = 1u << 10;
constexpr std::uint32_t kFeatureAvx512cd = 1u << 11;
constexpr std::uint32_t kFeatureAvx512vbmi2 = 1u << 12;

}  // namespace mpilife::fast
