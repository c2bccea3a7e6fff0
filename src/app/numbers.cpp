#include "mpilife/app/numbers.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "mpilife/core/error.hpp"

namespace mpilife {

namespace {

constexpr std::uint64_t kUint64Max = std::numeric_limits<std::uint64_t>::max();

// The value as typed, shortened when it is very long (a 300-digit number is not repeated).
std::string shown(const std::string& text) {
  constexpr std::size_t kLongest = 40;
  if (text.size() <= kLongest) return text;
  return text.substr(0, 24) + "... (" + std::to_string(text.size()) + " characters)";
}

// Decimal text split into its sign and digits; none when it is not a whole number.
struct Digits {
  bool negative = false;
  std::string digits;
};

std::optional<Digits> split_digits(const std::string& text) {
  Digits d;
  std::size_t i = 0;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    d.negative = text[0] == '-';
    i = 1;
  }
  d.digits = text.substr(i);
  if (d.digits.empty() || d.digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return d;
}

// The digits' value, or none when it does not fit 64 bits.
std::optional<std::uint64_t> value_of(const std::string& digits) {
  std::uint64_t v = 0;
  for (const char c : digits) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (v > (kUint64Max - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

bool all_zero(const std::string& digits) {
  return digits.find_first_not_of('0') == std::string::npos;
}

[[noreturn]] void refuse(const char* option, const std::string& problem, const char* meaning,
                         const std::string& range) {
  throw Error(ExitCode::usage,
              std::string(option) + ": " + problem + "; give " + meaning + ", " + range);
}

std::string not_a_number(const std::string& text, const char* kind) {
  if (text.empty()) return "the value is empty";
  return "'" + shown(text) + "' is not " + kind;
}

std::string real_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string real_range(const RealSpec& spec) {
  if (spec.max == std::numeric_limits<double>::max()) {
    return (spec.min_open ? "more than " : "") + real_text(spec.min) +
           (spec.min_open ? "" : " or more");
  }
  return "from " + real_text(spec.min) + " to " + real_text(spec.max);
}

// One part of a pair: its value, or an Error naming the part.
std::int64_t pair_part(const std::string& part, const char* name, const std::string& text,
                       const PairSpec& spec) {
  const std::string range =
      std::string("each part ") + std::to_string(spec.min) + " to " + std::to_string(spec.max);
  const std::optional<Digits> d = split_digits(part);
  const std::string got = ", got '" + shown(text) + "'";
  if (!d) {
    throw Error(ExitCode::usage, std::string(spec.option) + ": expected " + spec.form + "; the " +
                                     name + " '" + shown(part) + "' is not a whole number" + got);
  }
  const std::optional<std::uint64_t> v = value_of(d->digits);
  const bool negative = d->negative && !all_zero(d->digits);
  if (negative && spec.min >= 0) {
    throw Error(ExitCode::usage, std::string(spec.option) + ": the " + name + " " + shown(part) +
                                     " is negative; give " + spec.form + ", " + range);
  }
  // Both bounds lie within +-2^62, so a value past them is refused before it could overflow.
  const std::uint64_t bound = static_cast<std::uint64_t>(negative ? -spec.min : spec.max);
  if (!v || *v > bound) {
    throw Error(ExitCode::usage, std::string(spec.option) + ": the " + name + " " + shown(part) +
                                     (negative ? " is too small" : " is too large") + "; give " +
                                     spec.form + ", " + range);
  }
  const std::int64_t value = negative ? -static_cast<std::int64_t>(*v) : static_cast<std::int64_t>(*v);
  if (value < spec.min) {
    throw Error(ExitCode::usage, std::string(spec.option) + ": " + spec.first + " and " +
                                     spec.second + " must be at least " + std::to_string(spec.min) +
                                     got);
  }
  return value;
}

}  // namespace

std::string accepted_range(const IntegerSpec& spec) {
  if (spec.max == std::numeric_limits<std::int64_t>::max()) {
    return std::to_string(spec.min) + " or more";
  }
  return std::to_string(spec.min) + " to " + std::to_string(spec.max);
}

std::int64_t parse_integer(const std::string& text, const IntegerSpec& spec) {
  const std::string range = accepted_range(spec);
  const std::optional<Digits> d = split_digits(text);
  if (!d)
    refuse(spec.option, not_a_number(text, "a whole number in decimal digits"), spec.meaning,
           range);
  const bool zero = all_zero(d->digits);
  const std::optional<std::uint64_t> v = value_of(d->digits);
  if (d->negative && !zero) {
    if (spec.min >= 0) refuse(spec.option, shown(text) + " is negative", spec.meaning, range);
    const auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1;
    if (!v || *v > limit || -static_cast<long double>(*v) < spec.min) {
      refuse(spec.option, shown(text) + " is too small", spec.meaning, range);
    }
    return *v == limit ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(*v);
  }
  if (!v || *v > static_cast<std::uint64_t>(spec.max)) {
    refuse(spec.option,
           shown(text) + " is too large (the largest is " + std::to_string(spec.max) + ")",
           spec.meaning, range);
  }
  const auto value = static_cast<std::int64_t>(*v);
  if (value < spec.min) refuse(spec.option, shown(text) + " is too small", spec.meaning, range);
  return value;
}

std::uint64_t parse_seed(const std::string& text) {
  const std::string range = "0 to " + std::to_string(kUint64Max);
  const char* meaning = "the soup's seed";
  const std::optional<Digits> d = split_digits(text);
  if (!d) refuse("--seed", not_a_number(text, "a whole number in decimal digits"), meaning, range);
  if (d->negative && !all_zero(d->digits)) {
    refuse("--seed", shown(text) + " is negative", meaning, range);
  }
  const std::optional<std::uint64_t> v = value_of(d->digits);
  if (!v) refuse("--seed", shown(text) + " is too large", meaning, range);
  return *v;
}

double parse_real(const std::string& text, const RealSpec& spec) {
  const std::string range = real_range(spec);
  const bool plain =
      !text.empty() && text.find_first_not_of("0123456789.eE+-") == std::string::npos;
  char* end = nullptr;
  const double v = plain ? std::strtod(text.c_str(), &end) : 0.0;
  if (!plain || end != text.c_str() + text.size()) {
    refuse(spec.option, not_a_number(text, "a decimal number"), spec.meaning, range);
  }
  if (!std::isfinite(v)) refuse(spec.option, shown(text) + " is too large", spec.meaning, range);
  if (v < spec.min || (spec.min_open && v == spec.min)) {
    refuse(spec.option, shown(text) + (v < 0 ? " is negative" : " is too small"), spec.meaning,
           range);
  }
  if (v > spec.max) refuse(spec.option, shown(text) + " is too large", spec.meaning, range);
  return v;
}

std::array<std::int64_t, 2> parse_integer_pair(const std::string& text, const PairSpec& spec) {
  const std::size_t sep = text.find_first_of(spec.separators);
  if (sep == std::string::npos) {
    throw Error(ExitCode::usage, std::string(spec.option) + ": expected " + spec.form + ", got '" +
                                     shown(text) + "'");
  }
  return {pair_part(text.substr(0, sep), spec.first, text, spec),
          pair_part(text.substr(sep + 1), spec.second, text, spec)};
}

}  // namespace mpilife
