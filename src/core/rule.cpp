#include "mpilife/core/rule.hpp"

#include <algorithm>
#include <cctype>

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

Rule parse_body(std::string_view text, std::size_t offset, std::string_view body) {
  if (body.empty()) fail(text, offset, "empty rule");
  std::string lower;
  for (char c : body) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "life" || lower == "conway") return Rule{};

  Rule rule{0, 0};
  const bool letters = lower[0] == 'b' || lower[0] == 's';
  if (!letters) {  // S/B notation: "23/3"
    std::size_t i = read_digits(text, offset, body, 0, rule.survival);
    if (i >= body.size() || body[i] != '/') {
      fail(text, offset + i,
           i < body.size() ? "unexpected '" + std::string(1, body[i]) + "'"
                           : "missing '/' between survival and birth digits");
    }
    i = read_digits(text, offset, body, i + 1, rule.birth);
    if (i != body.size()) fail(text, offset + i, "unexpected '" + std::string(1, body[i]) + "'");
    return rule;
  }
  bool seen_b = false;
  bool seen_s = false;
  std::size_t i = 0;
  while (i < body.size()) {
    const char c = lower[i];
    if (c == '/' && i > 0 && lower[i - 1] != '/' && i + 1 < lower.size() &&
        (lower[i + 1] == 'b' || lower[i + 1] == 's')) {
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
  if (!seen_b || !seen_s)
    fail(text, offset + body.size(), seen_b ? "missing S part" : "missing B part");
  return rule;
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

GridSuffix parse_suffix(std::string_view text, std::size_t offset, std::string_view s) {
  GridSuffix suffix;
  if (s.empty()) fail(text, offset, "missing bounded-grid type after ':' (T or P)");
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

RuleError::RuleError(const std::string& text, long column, const std::string& reason)
    : Error(ExitCode::data, "invalid rule \"" + quoted_part(text, column) + "\" at column " +
                                std::to_string(column) + ": " + reason),
      column_(column),
      reason_(reason) {}

std::string to_string(Topology t) {
  return t == Topology::torus ? "torus" : "plane";
}

std::optional<Topology> parse_topology(std::string_view name) {
  for (const Topology t : {Topology::torus, Topology::plane}) {
    if (name == to_string(t)) return t;
  }
  return std::nullopt;
}

std::string Rule::to_string() const {
  return "B" + digits_of(birth) + "/S" + digits_of(survival);
}

std::string GridSuffix::to_string() const {
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

}  // namespace mpilife
