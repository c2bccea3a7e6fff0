#include "mpilife/core/duration.hpp"

#include <cctype>
#include <cstddef>

namespace mpilife {

namespace {

constexpr long long kMaxSeconds = 366LL * 24 * 3600;

// Reads the decimal digits at `text[i]` (at most 9 of them); none when there are none.
std::optional<long long> digits(const std::string& text, std::size_t& i) {
  const std::size_t start = i;
  long long v = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
    if (i - start == 9) return std::nullopt;
    v = v * 10 + (text[i] - '0');
    ++i;
  }
  if (i == start) return std::nullopt;
  return v;
}

// "11h30m": numbers each followed by one of d, h, m, s, in that order, each at most once.
std::optional<long long> parse_units(const std::string& text) {
  static constexpr char kUnits[] = {'d', 'h', 'm', 's'};
  static constexpr long long kScale[] = {86400, 3600, 60, 1};
  std::size_t i = 0;
  std::size_t next_unit = 0;
  long long total = 0;
  while (i < text.size()) {
    const std::optional<long long> n = digits(text, i);
    if (!n || i == text.size()) return std::nullopt;
    const char unit = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++])));
    std::size_t u = next_unit;
    while (u < 4 && kUnits[u] != unit) ++u;
    if (u == 4) return std::nullopt;
    total += *n * kScale[u];
    if (total > kMaxSeconds) return std::nullopt;
    next_unit = u + 1;
  }
  return total;
}

// "MM:SS", "H:MM:SS" or "D-H:MM:SS" (minutes and seconds after a colon below 60).
std::optional<long long> parse_clock(const std::string& text) {
  std::size_t i = 0;
  long long days = 0;
  if (text.find('-') != std::string::npos) {
    const std::optional<long long> d = digits(text, i);
    if (!d || i == text.size() || text[i] != '-') return std::nullopt;
    days = *d;
    ++i;
  }
  long long parts[3] = {0, 0, 0};
  int count = 0;
  for (;;) {
    const std::size_t start = i;
    const std::optional<long long> n = digits(text, i);
    if (!n || count == 3) return std::nullopt;
    if (count > 0 && (*n >= 60 || i - start != 2)) return std::nullopt;
    parts[count++] = *n;
    if (i == text.size()) break;
    if (text[i++] != ':') return std::nullopt;
  }
  if (count < 2 || (days > 0 && count != 3)) return std::nullopt;
  const long long seconds = count == 2 ? parts[0] * 60 + parts[1]
                                       : (days * 24 + parts[0]) * 3600 + parts[1] * 60 + parts[2];
  if (seconds > kMaxSeconds) return std::nullopt;
  return seconds;
}

}  // namespace

std::optional<long long> parse_duration(const std::string& text) {
  const std::optional<long long> seconds =
      text.find(':') != std::string::npos ? parse_clock(text) : parse_units(text);
  if (!seconds || *seconds <= 0) return std::nullopt;
  return seconds;
}

}  // namespace mpilife
