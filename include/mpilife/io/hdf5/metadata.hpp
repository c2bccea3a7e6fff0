#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "mpilife/core/rule.hpp"

namespace mpilife {

/// What an HDF5 file records about the run that wrote it (root attributes of both kinds of file).
struct RunMetadata {
  std::string rule;                     ///< rule with its :T/:P suffix, e.g. "B3/S23:T64,64"
  Topology topology = Topology::torus;  ///< grid edges
  std::int64_t width = 0;               ///< grid width in cells
  std::int64_t height = 0;              ///< grid height in cells
  std::int64_t origin_x = 0;  ///< universe (Golly) x of the grid's column 0
  std::int64_t origin_y = 0;  ///< universe (Golly) y of the grid's row 0
  std::uint64_t seed = 1;               ///< soup seed
  std::string pattern;                  ///< pattern name, "" for a random soup
  std::optional<double> density;        ///< soup density, none for a pattern
  std::string command_line;             ///< the command line of the run that wrote the file
  std::string kernel;                   ///< kernel name, "fast" or "reference"
  std::string kernel_isa;               ///< the fast kernel's instruction set, e.g. "avx2"
  std::string version;                  ///< mpilife version that wrote the file (when read)
};

}  // namespace mpilife
