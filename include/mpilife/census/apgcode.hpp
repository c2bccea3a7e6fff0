#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mpilife/census/patch.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"

namespace mpilife {

/// What an isolated object does when it runs alone in an unbounded universe.
enum class ObjectKind {
  empty,        ///< no live cell
  still_life,   ///< unchanged by a generation
  oscillator,   ///< returns to itself in place after `period` generations (period >= 2)
  spaceship,    ///< returns to itself moved by (dx, dy) after `period` generations
  unclassified  ///< none of these within the limits: see `Unclassified`
};

/// Why an object is unclassified.
enum class Unclassified {
  none,            ///< it is classified
  b0_rule,         ///< the rule has B0: the dead outside would be born, nothing is finite
  dies_out,        ///< every cell dies (at generation `settles_at`)
  transient,       ///< it repeats, but only from generation `settles_at` on, not from its start
  generation_cap,  ///< it does not return within `ClassifyLimits::max_generations`
  size_cap         ///< its bounding box grows wider or taller than `ClassifyLimits::max_extent`
};

/// "empty", "still life", "oscillator", "spaceship" or "unclassified".
std::string to_string(ObjectKind kind);
/// "none", "B0 rule", "dies out", "transient", "generation cap" or "size cap".
std::string to_string(Unclassified why);

/// How far `classify_object` follows an object before it gives up.
struct ClassifyLimits {
  std::int64_t max_generations = 4096;  ///< generations run; longer periods are unclassified
  std::int64_t max_extent = 512;        ///< widest and tallest bounding box followed, in cells
};

/// Catagolue's limits on a phase that may name an object: a phase whose box plus a one-cell margin
/// exceeds kMaxPhaseArea cells, or whose canonical Wechsler text exceeds kMaxCodeLength
/// characters, does not; an object with no such phase gets an "ov_" code ("ov_p30", ...).
inline constexpr std::int64_t kMaxPhaseArea = 40000;
/// See kMaxPhaseArea.
inline constexpr std::size_t kMaxCodeLength = 1280;

/// The classification of an isolated object.
struct ObjectClass {
  ObjectKind kind = ObjectKind::unclassified;  ///< what it does
  std::int64_t period = 0;  ///< generations of one cycle: 1 for a still life, 0 when empty;
                            ///< for a transient one, its eventual cycle's
  std::int64_t dx = 0;      ///< columns moved per period (x grows rightwards); 0 unless it moves
  std::int64_t dy = 0;      ///< rows moved per period (y grows downwards); 0 unless it moves
  std::int64_t population = 0;  ///< live cells of the phase given
  std::string apgcode;  ///< "xs4_33", "xp2_7", "xq4_153", ..., "xs0_0" when empty; "" unclassified
  Unclassified why = Unclassified::none;  ///< why it is unclassified
  std::string reason;                     ///< why, in words with the numbers; "" when classified
  std::int64_t settles_at = 0;   ///< first generation of the cycle (or of death); 0 if periodic
  std::int64_t generations = 0;  ///< generations simulated to reach the verdict
};

/// The apgcode of a periodic object from its phases, one cycle in order (lifelib's apgcode):
/// "xs<population>_<w>" for one phase that does not move, "xp<period>_<w>" for an oscillator,
/// "xq<period>_<w>" for a spaceship (`moves`), where <w> is the simplest canonical Wechsler text
/// (`canonical_wechsler`) over all phases that Catagolue's limits (kMaxPhaseArea, kMaxCodeLength)
/// admit; "ov_s<population>", "ov_p<period>" or "ov_q<period>" when none does. The phases must
/// be non-empty.
std::string apgcode_of(const std::vector<Patch>& phases, bool moves);

/// Runs `object` alone under `rule` (dead everywhere outside it) until it returns to its own
/// shape, at most `limits.max_generations` generations, and classifies it; the apgcode is the
/// same for every phase and orientation of the object. The cells are taken as one object: cells
/// of several objects get one code for all of them (separating them is the caller's work), and a
/// pattern that has not settled yet (a pre-block: it never returns to its starting shape) is
/// unclassified (transient).
ObjectClass classify_object(const Patch& object, const Rule& rule,
                            const ClassifyLimits& limits = {});

/// The same for an object given as live cells (any coordinates; duplicates are one cell). A
/// list whose bounding box exceeds `limits.max_extent` is refused (size cap) before it is built.
ObjectClass classify_object(const std::vector<Cell>& cells, const Rule& rule,
                            const ClassifyLimits& limits = {});

}  // namespace mpilife
