#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"

namespace mpilife {

/// The bit-packed kernel's tile (defined in src/kernel/fast/).
std::unique_ptr<Tile> make_fast_tile(std::int64_t w, std::int64_t h, const Rule& rule);

/// Which instruction set the fast kernel was compiled for ("avx512", "avx2", "portable").
std::string fast_kernel_isa();

}  // namespace mpilife
