#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "mpilife/census/apgcode.hpp"
#include "mpilife/census/bit_plane.hpp"
#include "mpilife/census/object_separation.hpp"
#include "mpilife/census/patch.hpp"
#include "mpilife/census/patch_stepper.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"

namespace mpilife {

/// How far `census_of_pattern` follows a pattern before it reports it unfinished.
struct CensusLimits {
  std::int64_t max_generations = 100000;  ///< generations run before stabilisation is given up
  std::int64_t max_extent = 4096;  ///< widest and tallest box followed (escaping ships removed)
  ClassifyLimits classify{};       ///< limits for each object of the ash
};

/// An object of the ash that `classify_object` could not name, with where it was.
struct UnclassifiedObject {
  std::vector<Cell> cells;  ///< its live cells when it was censused
  ObjectClass verdict;      ///< why it is unclassified (`verdict.reason` in words)
};

/// The census of one pattern (a soup): what it settles into, object by object.
struct SoupResult {
  std::map<std::string, std::int64_t> counts;    ///< objects per apgcode, escaped ships included
  std::vector<UnclassifiedObject> unclassified;  ///< objects without an apgcode, with reasons
  bool stabilised = false;       ///< false when the pattern did not settle within the limits
  std::string reason;            ///< why it did not settle, in words; "" when it did
  std::int64_t generations = 0;  ///< generations run in all
  std::int64_t period = 0;       ///< the population period stabilisation found (0 if it died out)
  std::int64_t escaped = 0;      ///< spaceships removed on their way out (counted in `counts` too)
  /// Objects counted: the sum of `counts`.
  std::int64_t objects() const;
};

/// The census machinery for one rule: the escaping-ship table and the cache of object splits,
/// reused from pattern to pattern (apgsearch's classifier). Not thread-safe; one per thread.
class SoupCensus {
 public:
  /// A census for `rule` (no B0: std::invalid_argument) with `limits`.
  SoupCensus(const Rule& rule, const CensusLimits& limits = {});

  /// Runs `cells` in the unbounded plane until it stabilises, apgsearch's way: settled at once
  /// when a sample finds nothing changed but with period 1 or 2; else the population
  /// is sampled every 12 (or 8) generations, then every 18 to 30 as time goes on, until it is
  /// the same 15 to 30 samples in a row; if not within about 24000 generations, the state is
  /// hashed every 30 generations until one repeats. Escaping gliders and spaceships are taken
  /// out (and counted) on the way. The ash is then run for one more such period; its live cells
  /// are grouped into clusters of cells that come within reach of each other (a 5x5 box without
  /// its corners) in that time, each cluster is split into objects (`ObjectSeparator`) and
  /// named. A cluster that does not classify makes it run longer (up to four times, 120, 480,
  /// 1920, 7680 generations more) as apgsearch does with a "pathological" object.
  ///
  /// Where this differs from apgsearch 5.2: a ship is taken out once it leads every other cluster
  /// (but ships of its own velocity) by a margin along its direction of travel, looked for from
  /// the live cell furthest along each of the eight directions and only while something else is
  /// left (a lone ship is censused with the ash), where apgsearch
  /// deletes gliders that reach the edge of its tiled universe (both count them as xq4_153 etc.;
  /// the timing can change when stabilisation is seen, not the ash); apgsearch's shortcuts for
  /// blinkers, blocks, gliders, beehives and boats are not taken (they give the same codes);
  /// a cluster that is not periodic is reported unclassified, not censused again part by part,
  /// and methuselahs and messless soups ("methuselah_", "messless_") are not tagged; islands
  /// are numbered in order of their first cell, so where several colourings of a pseudo object
  /// are faithful the one found first may differ from lifelib's (whose order is a hash map's).
  /// On apgsearch's own 5000 soups k_mpilife0..4999 the counts are equal object for object.
  SoupResult run(const std::vector<Cell>& cells);

 private:
  struct Ship {
    Patch shape;
    std::string apgcode;
    int sx = 0;
    int sy = 0;
  };

  bool advance(BitPlane& plane, std::int64_t generations, SoupResult& out);
  void remove_escaping(BitPlane& plane, SoupResult& out);
  std::vector<Cell> small_cluster(const BitPlane& plane, const Cell& start,
                                  const std::vector<Cell>& gone) const;
  const Ship* ship_like(const Patch& cluster) const;
  std::int64_t stabilise(BitPlane& plane, SoupResult& out);
  bool census_ash(Patch& p, std::int64_t duration, bool last_try, SoupResult& out);

  Rule rule_;
  CensusLimits limits_;
  PatchStepper stepper_;
  ObjectSeparator separator_;
  std::unordered_map<std::uint64_t, std::vector<Ship>> ships_;
  std::int64_t largest_ship_ = 0;       // live cells of the largest ship phase
  std::int64_t next_escape_check_ = 0;  // box side past which escaping ships are looked for
};

/// The census of one pattern: SoupCensus(rule, limits).run(cells).
SoupResult census_of_pattern(const std::vector<Cell>& cells, const Rule& rule,
                             const CensusLimits& limits = {});

}  // namespace mpilife
