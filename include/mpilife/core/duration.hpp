#pragma once

#include <optional>
#include <string>

namespace mpilife {

/// The seconds a duration text names: units ("90s", "15m", "11h30m", "1d12h", each of d, h, m, s
/// at most once and in that order) or a Slurm-style clock ("MM:SS", "H:MM:SS", "D-H:MM:SS");
/// none for anything else, for zero, and for more than 366 days. A bare number has no unit and is
/// refused: Slurm reads it as minutes, most other tools as seconds.
std::optional<long long> parse_duration(const std::string& text);

}  // namespace mpilife
