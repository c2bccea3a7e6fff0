#pragma once
// Private to the app layer (which links nlohmann-json privately): the JSON forms of the plan that
// rank 0 broadcasts and of the --summary report. Enums are written by name and read strictly:
// an unknown name is an error, never a default.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "mpilife/app/options.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/app/report.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/kernel/tile.hpp"

namespace nlohmann {

/// An optional value as the value itself, or null when absent.
template <typename T>
struct adl_serializer<std::optional<T>> {
  /// Writes the value or null.
  static void to_json(json& j, const std::optional<T>& value) {
    if (value) {
      j = *value;
    } else {
      j = nullptr;
    }
  }
  /// Reads null as absent, anything else as a value.
  static void from_json(const json& j, std::optional<T>& value) {
    if (j.is_null()) {
      value.reset();
    } else {
      value = j.get<T>();
    }
  }
};

}  // namespace nlohmann

namespace mpilife {

/// The enum value the JSON string `j` names, read with `parse`; throws Error (exit 65) for a name
/// `parse` does not know.
template <typename Enum, typename Parse>
Enum enum_from_json(const nlohmann::json& j, Parse parse, const char* what) {
  const std::string text = j.get<std::string>();
  const std::optional<Enum> value = parse(text);
  if (!value) throw Error(ExitCode::data, std::string("unknown ") + what + " '" + text + "'");
  return *value;
}

/// A kernel as its name, "fast" or "reference".
inline void to_json(nlohmann::json& j, KernelKind kernel) {
  j = to_string(kernel);
}
/// Reads a kernel name; throws Error for an unknown one.
inline void from_json(const nlohmann::json& j, KernelKind& kernel) {
  kernel = enum_from_json<KernelKind>(j, parse_kernel, "kernel");
}

/// A topology as its name, "torus" or "plane".
inline void to_json(nlohmann::json& j, Topology topology) {
  j = to_string(topology);
}
/// Reads a topology name; throws Error for an unknown one.
inline void from_json(const nlohmann::json& j, Topology& topology) {
  topology = enum_from_json<Topology>(j, parse_topology, "topology");
}

/// An --io choice as its name, "auto", "gather" or "parallel".
inline void to_json(nlohmann::json& j, IoChoice choice) {
  j = to_string(choice);
}
/// Reads an --io choice name; throws Error for an unknown one.
inline void from_json(const nlohmann::json& j, IoChoice& choice) {
  choice = enum_from_json<IoChoice>(j, parse_io_choice, "--io choice");
}

/// A stop reason as its name, e.g. "died-out".
inline void to_json(nlohmann::json& j, StopReason reason) {
  j = to_string(reason);
}
/// Reads a stop reason name; throws Error for an unknown one.
inline void from_json(const nlohmann::json& j, StopReason& reason) {
  reason = enum_from_json<StopReason>(j, parse_stop_reason, "stop reason");
}

/// A decomposition request as typed: "1d", "2d" or "CxR".
inline void to_json(nlohmann::json& j, const DecompSpec& decomp) {
  j = decomp.to_string();
}
/// Reads a decomposition request; throws Error for a bad one.
inline void from_json(const nlohmann::json& j, DecompSpec& decomp) {
  decomp = parse_decomp(j.get<std::string>());
}

/// A process grid as [C, R].
inline void to_json(nlohmann::json& j, const ProcessGrid& grid) {
  j = nlohmann::json::array({grid.cols, grid.rows});
}
/// Reads [C, R].
inline void from_json(const nlohmann::json& j, ProcessGrid& grid) {
  grid.cols = j.at(0).get<int>();
  grid.rows = j.at(1).get<int>();
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Rule, birth, survival)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(OutputOptions, final_path, stats_path, summary_path, output_path,
                                   every, frame_scale, checkpoint_path, checkpoint_every, force,
                                   compression)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Blocking, halo_depth, time_block)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RunOptions, pattern, generations, generations_given, size, rule,
                                   topology, density, seed, at, max_cells, decomp, kernel, blocking,
                                   io, outputs, stop_when_stable, quiet, progress_seconds,
                                   restart_path, max_seconds, view, window, view_script,
                                   command_line)

// Everything but the cells (their number is there) and the comments, which only rank 0 holds.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RunPlan, options, width, height, rule, topology, pattern_name,
                                   start_generation, procs, cell_count, origin_x, origin_y)

// The --summary keys; RunReport::json adds mpilife_version and cell_updates_per_second.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RunReport, generations, final_generation, width, height,
                                   origin_x, origin_y, cell_updates, growths, growth_seconds, ranks,
                                   process_grid, kernel, kernel_isa, rule, topology, wall_seconds,
                                   halo_wait_fraction, halo_depth, time_block, halo_messages,
                                   output_seconds, output_wait_fraction, final_population, stopped,
                                   peak_memory_bytes, planned_memory_bytes)

}  // namespace mpilife
