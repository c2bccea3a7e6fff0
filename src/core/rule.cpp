#include "mpilife/core/rule.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "mpilife/core/error.hpp"

namespace mpilife {

namespace {

std::string digits_of(std::uint16_t mask) {
  std::string s;
  for (int n = 0; n <= 8; ++n) {
    if ((mask >> n) & 1u) s += static_cast<char>('0' + n);
  }
  return s;
}

// `text` for a message: whole when short, else the 60 characters around 1-based `column`, with
// "..." where it was cut (a rule read from a 2 MB header line must not make a 2 MB message).
std::string quoted_part(const std::string& text, long column) {
  constexpr std::size_t kShown = 60;
  if (text.size() <= kShown) return text;
  const auto at = static_cast<std::size_t>(std::max(column - 1, 0L));
  const std::size_t from = std::min(at > kShown / 2 ? at - kShown / 2 : 0, text.size() - kShown);
  return (from > 0 ? "..." : "") + text.substr(from, kShown) +
         (from + kShown < text.size() ? "..." : "");
}

[[noreturn]] void fail(std::string_view text, std::size_t index, const std::string& what) {
  throw RuleError(std::string(text), static_cast<long>(index) + 1,
                  what + " (expected e.g. B3/S23, b36s23, 23/3, B3/S23:T64,64)");
}

// Refuses `text` as a rule of the family `what` ("is ..."), pointing at 0-based `index`.
[[noreturn]] void refuse(std::string_view text, std::size_t index, const std::string& what) {
  throw RuleError(std::string(text), static_cast<long>(index) + 1, what + kRunsLifeLikeOnly, true);
}

// Refuses the bounded-grid suffix `suffix` of `text` (at 0-based `index`) as the shape `shape`.
[[noreturn]] void refuse_shape(std::string_view text, std::size_t index, std::string_view suffix,
                               const std::string& shape) {
  constexpr std::size_t kShown = 40;
  const std::string shown =
      suffix.size() <= kShown ? std::string(suffix) : std::string(suffix.substr(0, kShown)) + "...";
  throw RuleError(std::string(text), static_cast<long>(index) + 1,
                  "has the bounded grid ':" + shown + "', " + shape +
                      ", which mpilife does not run; it runs a torus :T<W>,<H> or a plane "
                      ":P<W>,<H> of finite size (or the unbounded universe without a suffix)",
                  true);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The letters of Hensel's isotropic non-totalistic notation (which neighbours of a count).
bool is_hensel_letter(char c) {
  return std::string_view("cekainyqjrtwz").find(c) != std::string_view::npos;
}

// True when `s` is digits only (possibly none).
bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), is_digit);
}

// Names the family of a rule body (lower case, no suffix) that is not Life-like but is written the
// way Golly writes another family, and where in the body it shows; none for anything else.
struct Family {
  std::string what;
  std::size_t at = 0;
};

std::optional<Family> family_of(std::string_view body) {
  if (body.size() >= 3 && body.substr(0, 3) == "map") {
    return Family{"a non-isotropic MAP rule (a table over all 512 neighbourhoods)", 0};
  }
  if (body.size() >= 2 && body[0] == 'w' && all_digits(body.substr(1))) {
    return Family{"a one-dimensional Wolfram rule", 0};
  }
  const std::size_t commas = static_cast<std::size_t>(std::count(body.begin(), body.end(), ','));
  if ((body.size() >= 2 && body[0] == 'r' && is_digit(body[1])) ||
      body.find("..") != std::string_view::npos ||
      (commas == 4 && body.find_first_not_of("0123456789,") == std::string_view::npos)) {
    return Family{"a Larger than Life rule (a neighbourhood of range R)", 0};
  }
  // Generations: S/B/C ("12/34/3", "/2/3") or B/S/C ("B2/S/C3"), optionally with H or V.
  std::string_view core = body;
  if (!core.empty() && (core.back() == 'h' || core.back() == 'v')) core.remove_suffix(1);
  const std::size_t first = core.find_first_of("/_");
  const std::size_t second =
      first == std::string_view::npos ? first : core.find_first_of("/_", first + 1);
  if (second != std::string_view::npos &&
      core.find_first_of("/_", second + 1) == std::string_view::npos) {
    // S and B parts (letters optional), then the number of states, "C" optional.
    const auto part_ok = [](std::string_view part, const char* letters) {
      if (!part.empty() && std::string_view(letters).find(part[0]) != std::string_view::npos) {
        part.remove_prefix(1);
      }
      return all_digits(part);
    };
    const std::string_view middle = core.substr(first + 1, second - first - 1);
    const std::string_view states = core.substr(second + 1);
    if (part_ok(core.substr(0, first), "bs") && !middle.empty() && part_ok(middle, "bs") &&
        !states.empty() && part_ok(states, "c") && states != "c") {
      return Family{"a Generations rule (dying cells pass through extra states)", second};
    }
  }
  // Hexagonal or von Neumann neighbourhood: Golly's B/S (or S/B) digits with an H or V after them.
  if (body.size() >= 2 && (body.back() == 'h' || body.back() == 'v') &&
      body.substr(0, body.size() - 1).find_first_not_of("bs0123456789/_") ==
          std::string_view::npos) {
    return Family{body.back() == 'h' ? "a hexagonal-neighbourhood rule (suffix H)"
                                     : "a von Neumann-neighbourhood rule (suffix V)",
                  body.size() - 1};
  }
  // Hensel notation: letters (or '-') right after a count, e.g. B2ae/S, B3/S23-k.
  if (body.find_first_not_of("bs0123456789/_-cekainyqjrtwz") == std::string_view::npos) {
    for (std::size_t i = 1; i < body.size(); ++i) {
      const char c = body[i];
      const char before = body[i - 1];
      if ((is_hensel_letter(c) || c == '-') && (is_digit(before) || is_hensel_letter(before))) {
        return Family{"isotropic non-totalistic (Hensel notation)", i};
      }
    }
  }
  return std::nullopt;
}

// True when `body` (lower case) looks like the name of a rule: a letter, then letters, digits,
// '-' or '_', and not a B or S part ("b3...", "s23...", "b/s...").
bool is_rule_name(std::string_view body) {
  if (body.size() < 2 || !std::isalpha(static_cast<unsigned char>(body[0]))) return false;
  for (char c : body) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return !((body[0] == 'b' || body[0] == 's') && (is_digit(body[1]) || body[1] == '_'));
}

// Reads digits 0-8 from `body` starting at `i` into `mask`; stops at the first non-digit.
std::size_t read_digits(std::string_view text, std::size_t offset, std::string_view body,
                        std::size_t i, std::uint16_t& mask) {
  while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) {
    if (body[i] == '9') fail(text, offset + i, "neighbour counts go from 0 to 8, not 9");
    mask = static_cast<std::uint16_t>(mask | (1u << (body[i] - '0')));
    ++i;
  }
  return i;
}

// Parses a Life-like rule body; no family check.
Rule parse_life_like(std::string_view text, std::size_t offset, std::string_view body,
                     const std::string& lower) {
  Rule rule{0, 0};
  const bool letters = lower[0] == 'b' || lower[0] == 's';
  if (!letters) {  // S/B notation: "23/3"
    std::size_t i = read_digits(text, offset, body, 0, rule.survival);
    if (i >= body.size() || (body[i] != '/' && body[i] != '_')) {
      fail(text, offset + i,
           i < body.size() ? "unexpected '" + std::string(1, body[i]) + "'"
                           : "missing '/' between survival and birth digits");
    }
    i = read_digits(text, offset, body, i + 1, rule.birth);
    if (i != body.size()) fail(text, offset + i, "unexpected '" + std::string(1, body[i]) + "'");
    return rule;
  }
  // B/S notation, either part first; Golly accepts one part alone (B234 = B234/S, S23 = B/S23)
  // and '_' for '/'.
  bool seen_b = false;
  bool seen_s = false;
  std::size_t i = 0;
  while (i < body.size()) {
    const char c = lower[i];
    if ((c == '/' || c == '_') && i > 0 && lower[i - 1] != '/' && lower[i - 1] != '_' &&
        i + 1 < lower.size() && (lower[i + 1] == 'b' || lower[i + 1] == 's')) {
      ++i;
      continue;
    }
    if (c == 'b' || c == 's') {
      bool& seen = c == 'b' ? seen_b : seen_s;
      if (seen) fail(text, offset + i, std::string("'") + body[i] + "' appears twice");
      seen = true;
      i = read_digits(text, offset, body, i + 1, c == 'b' ? rule.birth : rule.survival);
      continue;
    }
    fail(text, offset + i, "unexpected '" + std::string(1, body[i]) + "'");
  }
  return rule;
}

Rule parse_body(std::string_view text, std::size_t offset, std::string_view body) {
  if (body.empty()) fail(text, offset, "empty rule");
  std::string lower;
  for (char c : body) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "life" || lower == "conway") return Rule{};
  if (const std::optional<Family> family = family_of(lower)) {
    refuse(text, offset + family->at, "is " + family->what);
  }
  try {
    return parse_life_like(text, offset, body, lower);
  } catch (const RuleError&) {
    if (!is_rule_name(lower)) throw;
    refuse(text, offset,
           "names a rule of another kind (a Golly rule table or algorithm such as WireWorld, "
           "LifeHistory or JvN29)");
  }
}

std::int64_t parse_dimension(std::string_view text, std::size_t offset, std::string_view s) {
  if (s.empty()) fail(text, offset, "missing grid size");
  std::int64_t v = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      fail(text, offset + i, "grid size must be a positive whole number");
    }
    v = v * 10 + (s[i] - '0');
    if (v > (std::int64_t{1} << 40)) fail(text, offset, "grid size too large");
  }
  if (v <= 0) fail(text, offset, "grid size must be at least 1");
  return v;
}

// Refuses the suffix `s` (after ':', at 0-based `offset` of `text`) when it is one of Golly's
// bounded-grid shapes other than a finite torus or plane: Klein bottle, cross-surface, sphere, a
// torus with shifted edges, a tube or strip of infinite length.
void refuse_other_shapes(std::string_view text, std::size_t offset, std::string_view s) {
  const char kind = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  if (kind == 'K') refuse_shape(text, offset, s, "a Klein bottle");
  if (kind == 'C') refuse_shape(text, offset, s, "a cross-surface");
  if (kind == 'S') refuse_shape(text, offset, s, "a sphere");
  if (kind != 'T' && kind != 'P') return;
  const std::string_view dims = s.substr(1);
  const std::size_t comma = dims.find(',');
  const std::size_t shift = dims.find_first_of("+-*", 1);
  if (kind == 'T' && shift != std::string_view::npos && dims[shift] != '*' &&
      dims.find_first_not_of("0123456789,+-") == std::string_view::npos) {
    refuse_shape(text, offset, s, "a torus with shifted edges");
  }
  if (comma == std::string_view::npos) return;
  const std::string_view w = dims.substr(0, comma);
  const std::string_view h = dims.substr(comma + 1);
  const auto zero = [](std::string_view d) {
    return !d.empty() && all_digits(d) && d.find_first_not_of('0') == std::string_view::npos;
  };
  if ((zero(w) && all_digits(h)) || (zero(h) && all_digits(w))) {
    refuse_shape(text, offset, s,
                 kind == 'T' ? "a tube (a torus of infinite width or height)"
                             : "a plane of infinite width or height");
  }
}

GridSuffix parse_suffix(std::string_view text, std::size_t offset, std::string_view s) {
  GridSuffix suffix;
  if (s.empty()) fail(text, offset, "missing bounded-grid type after ':' (T or P)");
  refuse_other_shapes(text, offset, s);
  const char kind = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  if (kind == 'T') {
    suffix.topology = Topology::torus;
  } else if (kind == 'P') {
    suffix.topology = Topology::plane;
  } else {
    fail(text, offset,
         "unknown bounded-grid type '" + std::string(1, s[0]) +
             "' (mpilife supports :T torus and :P plane)");
  }
  const std::string_view dims = s.substr(1);
  const std::size_t comma = dims.find(',');
  if (comma == std::string_view::npos) fail(text, offset + 1 + dims.size(), "expected <W>,<H>");
  suffix.width = parse_dimension(text, offset + 1, dims.substr(0, comma));
  suffix.height = parse_dimension(text, offset + 2 + comma, dims.substr(comma + 1));
  return suffix;
}

}  // namespace

RuleError::RuleError(const std::string& text, long column, const std::string& reason,
                     bool unsupported)
    : Error(ExitCode::data, unsupported
                                ? "rule '" + quoted_part(text, column) + "' " + reason
                                : "invalid rule \"" + quoted_part(text, column) + "\" at column " +
                                      std::to_string(column) + ": " + reason),
      column_(column),
      reason_(reason),
      unsupported_(unsupported) {}

std::string to_string(Topology t) {
  switch (t) {
    case Topology::torus: return "torus";
    case Topology::plane: return "plane";
    case Topology::unbounded: return "unbounded";
  }
  return "torus";
}

std::optional<Topology> parse_topology(std::string_view name) {
  for (const Topology t : {Topology::torus, Topology::plane, Topology::unbounded}) {
    if (name == to_string(t)) return t;
  }
  return std::nullopt;
}

std::string Rule::to_string() const {
  return "B" + digits_of(birth) + "/S" + digits_of(survival);
}

std::string GridSuffix::to_string() const {
  if (topology == Topology::unbounded) return "";
  return std::string(topology == Topology::torus ? ":T" : ":P") + std::to_string(width) + "," +
         std::to_string(height);
}

std::string RuleSpec::to_string() const {
  return rule.to_string() + (suffix ? suffix->to_string() : std::string());
}

RuleSpec parse_rule(std::string_view text) {
  std::size_t first = 0;
  std::size_t last = text.size();
  while (first < last && std::isspace(static_cast<unsigned char>(text[first]))) ++first;
  while (last > first && std::isspace(static_cast<unsigned char>(text[last - 1]))) --last;
  const std::string_view trimmed = text.substr(first, last - first);
  const std::size_t colon = trimmed.find(':');
  RuleSpec spec;
  spec.rule = parse_body(text, first, trimmed.substr(0, colon));
  if (colon != std::string_view::npos) {
    spec.suffix = parse_suffix(text, first + colon + 1, trimmed.substr(colon + 1));
  }
  return spec;
}

bool is_life_history(std::string_view text) {
  std::size_t first = 0;
  std::size_t last = text.find(':');
  if (last == std::string_view::npos) last = text.size();
  while (first < last && std::isspace(static_cast<unsigned char>(text[first]))) ++first;
  while (last > first && std::isspace(static_cast<unsigned char>(text[last - 1]))) --last;
  constexpr std::string_view kName = "lifehistory";
  if (last - first != kName.size()) return false;
  for (std::size_t i = 0; i < kName.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[first + i])) != kName[i]) return false;
  }
  return true;
}

}  // namespace mpilife
