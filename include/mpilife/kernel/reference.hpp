#pragma once

#include <cstdint>
#include <memory>

#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"

namespace mpilife {

/// The byte-per-cell reference kernel's tile (defined in kernel_reference.cpp).
std::unique_ptr<Tile> make_reference_tile(std::int64_t w, std::int64_t h, const Rule& rule);

}  // namespace mpilife
