#pragma once

// Life-like rules drawn at random for the kernel tests: any births and survivals, B0 and B8/S8
// included, the same for every run (a fixed seed).

#include <cstdint>
#include <vector>

#include "mpilife/core/rule.hpp"

namespace mpilife::test {

/// `n` rules from a 64-bit linear congruential generator started at `seed`.
inline std::vector<Rule> random_rules(std::uint64_t seed, int n) {
  std::vector<Rule> rules;
  for (int i = 0; i < n; ++i) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    Rule r;
    r.birth = static_cast<std::uint16_t>((seed >> 20) & 0x1FF);
    r.survival = static_cast<std::uint16_t>((seed >> 40) & 0x1FF);
    rules.push_back(r);
  }
  return rules;
}

}  // namespace mpilife::test
