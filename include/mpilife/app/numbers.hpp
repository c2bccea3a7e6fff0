#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>

namespace mpilife {

/// The largest grid side (and --at offset, --frame-scale) mpilife accepts: 2^40 cells.
constexpr std::int64_t kMaxGridSide = std::int64_t{1} << 40;

/// A whole-number option: its name, what it means and the values it accepts (for the messages).
struct IntegerSpec {
  const char* option;                                           ///< e.g. "-g"
  const char* meaning;                                          ///< e.g. "the target generation"
  std::int64_t min = 0;                                         ///< smallest accepted value
  std::int64_t max = std::numeric_limits<std::int64_t>::max();  ///< largest accepted value
};

/// A real-number option: its name, what it means and the values it accepts.
struct RealSpec {
  const char* option;     ///< e.g. "--random"
  const char* meaning;    ///< e.g. "the soup's density"
  double min = 0.0;       ///< smallest accepted value
  double max = 1.0;       ///< largest accepted value
  bool min_open = false;  ///< true when `min` itself is refused (more than min)
};

/// The accepted values of `spec` in words, e.g. "0 or more" or "1 to 16384".
std::string accepted_range(const IntegerSpec& spec);

/// Parses decimal `text` (digits, an optional sign) as `spec` describes; throws Error (64) that
/// says what is wrong with which value and what to give ("-g: -5 is negative; give ...").
std::int64_t parse_integer(const std::string& text, const IntegerSpec& spec);

/// Parses --seed: a decimal whole number from 0 to 2^64-1; throws Error (64) otherwise.
std::uint64_t parse_seed(const std::string& text);

/// Parses a finite decimal real in `spec`'s range; throws Error (64) otherwise (also for nan, inf).
double parse_real(const std::string& text, const RealSpec& spec);

/// A pair option such as --size WxH or --at X,Y: its shape, its two parts and their range.
struct PairSpec {
  const char* option;               ///< e.g. "--size"
  const char* separators;           ///< accepted separators, e.g. "xX"
  const char* form;                 ///< the shape in messages, e.g. "WxH (e.g. 512x256)"
  const char* first;                ///< the first part's name, e.g. "width"
  const char* second;               ///< the second part's name, e.g. "height"
  std::int64_t min = 1;             ///< smallest accepted value of each part
  std::int64_t max = kMaxGridSide;  ///< largest accepted value of each part
};

/// Parses "A<sep>B" into two decimal numbers checked against `spec`; throws Error (64) that names
/// the part and the value that is wrong.
std::array<std::int64_t, 2> parse_integer_pair(const std::string& text, const PairSpec& spec);

}  // namespace mpilife
