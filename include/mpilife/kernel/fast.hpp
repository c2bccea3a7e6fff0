#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/isa.hpp"
#include "mpilife/kernel/tile.hpp"

namespace mpilife {

/// The bit-packed kernel's tile (defined in src/kernel/fast/) compiled for `isa` (resolved with
/// resolve_isa: automatic is the best, an ISA this binary or CPU lacks throws Error 64), with
/// ghosts `depth` cells deep (Tile::halo_depth).
std::unique_ptr<Tile> make_fast_tile(std::int64_t w, std::int64_t h, const Rule& rule, Isa isa,
                                     int depth = 1);

/// The same for the instruction set of selected_fast_isa() (what make_tile builds).
std::unique_ptr<Tile> make_fast_tile(std::int64_t w, std::int64_t h, const Rule& rule,
                                     int depth = 1);

/// The instruction set this process's fast tiles run: to_string(selected_fast_isa()).
std::string fast_kernel_isa();

}  // namespace mpilife
