#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mpilife/core/error.hpp"

namespace mpilife {

/// How the grid's edges behave: wrapped both ways, or dead cells outside.
/// A run's edges: a torus (wrapping), a plane of fixed size (dead outside), or Golly's unbounded
/// universe (a plane that grows before live cells reach its edge).
enum class Topology { torus, plane, unbounded };

/// The name used on the command line and in files: "torus" or "plane".
std::string to_string(Topology t);

/// The topology `name` names ("torus" or "plane"); none for any other text.
std::optional<Topology> parse_topology(std::string_view name);

/// A Life-like outer-totalistic rule as birth/survival masks over the neighbour count 0..8.
struct Rule {
  std::uint16_t birth = 1u << 3;  ///< bit n set: a dead cell with n neighbours is born
  std::uint16_t survival =
      (1u << 2) | (1u << 3);  ///< bit n set: a live cell with n neighbours survives

  /// True when a dead cell with `n` live neighbours becomes alive.
  bool births(int n) const { return (birth >> n) & 1u; }
  /// True when a live cell with `n` live neighbours stays alive.
  bool survives(int n) const { return (survival >> n) & 1u; }
  /// Canonical Golly spelling, e.g. "B3/S23", "B/S012345678".
  std::string to_string() const;
  /// True for Conway's B3/S23.
  bool is_conway() const { return birth == (1u << 3) && survival == ((1u << 2) | (1u << 3)); }

  friend bool operator==(const Rule& a, const Rule& b) {
    return a.birth == b.birth && a.survival == b.survival;
  }
  friend bool operator!=(const Rule& a, const Rule& b) { return !(a == b); }
};

/// Golly's bounded-grid suffix ":T<W>,<H>" or ":P<W>,<H>".
struct GridSuffix {
  Topology topology = Topology::torus;  ///< T = torus, P = plane
  std::int64_t width = 0;               ///< grid width in cells
  std::int64_t height = 0;              ///< grid height in cells

  /// Golly's spelling, e.g. ":T64,48"; "" for the unbounded universe (no suffix).
  std::string to_string() const;
};

/// A rule string as parsed: the rule and its optional bounded-grid suffix.
struct RuleSpec {
  Rule rule;                         ///< the birth/survival masks
  std::optional<GridSuffix> suffix;  ///< present when the text had ":T" or ":P"

  /// Canonical text, e.g. "B3/S23:T64,48".
  std::string to_string() const;
};

/// How every refusal of a rule family ends: ", which mpilife does not run; it runs Life-like ...".
inline constexpr const char* kRunsLifeLikeOnly =
    ", which mpilife does not run; it runs Life-like (outer-totalistic) rules such as B3/S23";

/// A rule that does not parse, or one of a family mpilife does not run (Generations, Larger than
/// Life, hexagonal, von Neumann, isotropic non-totalistic, a Klein bottle, ...): a data error
/// (exit 65) that also knows where in the text it went wrong.
class RuleError : public Error {
 public:
  /// `column` is 1-based within the rule text; `reason` says what is wrong there. An invalid rule
  /// reads "invalid rule "TEXT" at column N: REASON"; an `unsupported` one "rule 'TEXT' REASON",
  /// its reason naming the family ("is a Generations rule, which mpilife does not run; ...").
  RuleError(const std::string& text, long column, const std::string& reason,
            bool unsupported = false);
  /// 1-based column within the rule text.
  long column() const { return column_; }
  /// What is wrong, without the position.
  const std::string& reason() const { return reason_; }
  /// True when the text is a well-known rule of a family mpilife does not run.
  bool unsupported() const { return unsupported_; }

 private:
  long column_;
  std::string reason_;
  bool unsupported_;
};

/// Parses B3/S23, b3s23, 23/3 (S/B), B234 or S23 (one part only, as Golly), "B3/S23:T64,48", ... ;
/// throws RuleError naming the offending column of `text`, or naming the family of a rule of
/// another kind (Generations, Larger than Life, H/V neighbourhoods, Hensel notation, MAP, Wolfram,
/// named rules, tubes and the other bounded-grid shapes).
RuleSpec parse_rule(std::string_view text);

/// True when `text` (blanks around it ignored) is Golly's rule name "LifeHistory", alone or with a
/// bounded-grid suffix: the pattern readers read its states as Life (odd on, even off).
bool is_life_history(std::string_view text);

}  // namespace mpilife
