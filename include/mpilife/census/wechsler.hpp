#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mpilife/census/patch.hpp"

namespace mpilife {

/// The extended Wechsler text of `p` as it lies (lifelib's canonise_orientation, Catagolue's
/// format): the box is cut into strips of 5 rows from the top; each column of a strip is one
/// character '0'-'9', 'a'-'v' (bit k = row k of the strip alive); a run of zero columns followed
/// by a live one is '0' (one), 'w' (two), 'x' (three) or 'y' and a character for 4 + its value
/// (4 to 39; longer runs repeat "yz" for 39 each); zero columns at the end of a strip are left
/// out; 'z' separates strips and trailing 'z's are dropped. The empty patch is "0".
std::string wechsler(const Patch& p);

/// True when code `a` is simpler than `b` as Catagolue chooses: shorter, or as long and
/// lexicographically smaller.
bool simpler_code(std::string_view a, std::string_view b);

/// The canonical Wechsler text of `p`: the simplest of its eight orientations.
std::string canonical_wechsler(const Patch& p);

/// The pattern that the Wechsler text `text` describes, in the text's coordinates: (0, 0) is the
/// first column of the first strip's top row (the inverse of `wechsler` up to that placement).
/// Throws Error (exit 65) naming the 1-based position of a character outside '0'-'9' and 'a'-'z',
/// or of a final 'y' with no run length after it.
Patch decode_wechsler(std::string_view text);

}  // namespace mpilife
