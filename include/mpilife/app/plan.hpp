#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mpilife/app/options.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"

namespace mpilife {

/// A run with every choice made and validated: what all ranks need to start.
struct RunPlan {
  RunOptions options;                   ///< the command line's options (kernel, decomp, outputs)
  std::int64_t width = 0;               ///< grid width
  std::int64_t height = 0;              ///< grid height
  Rule rule;                            ///< rule in force
  Topology topology = Topology::torus;  ///< topology in force
  std::string pattern_name;             ///< #N name or file stem, "" for a soup
  std::vector<std::string> comments;    ///< the pattern file's comment lines (rank 0 only)
  std::int64_t start_generation = 0;    ///< generation of the initial state
  ProcessGrid procs;                    ///< process grid chosen for the ranks
  std::vector<Cell> cells;              ///< live cells in global coordinates (rank 0 only)
  std::int64_t cell_count = 0;          ///< cells.size(), known on every rank (memory plan)
  std::int64_t origin_x = 0;            ///< universe (Golly) x of the grid's column 0
  std::int64_t origin_y = 0;            ///< universe (Golly) y of the grid's row 0

  /// The rule with its bounded-grid suffix, e.g. "B3/S23:T64,64".
  std::string rule_with_suffix() const;
  /// Serialises everything but `cells` and `comments` as JSON (for the broadcast).
  std::string to_json() const;
  /// Inverse of to_json; throws on a document to_json did not write.
  static RunPlan from_json(const std::string& text);
};

/// Margin of dead cells added on every side of a pattern when no size is given: max(32, the
/// pattern's larger side).
std::int64_t default_margin(std::int64_t pattern_width, std::int64_t pattern_height);

/// Reads the pattern and resolves rule, topology, size and placement (explicit options > the
/// pattern's rule/suffix > defaults); checks the outputs can be created. Throws Error.
RunPlan resolve_plan(const RunOptions& options);

}  // namespace mpilife
