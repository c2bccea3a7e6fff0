#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "mpilife/app/numbers.hpp"
#include "mpilife/core/error.hpp"

using namespace mpilife;

namespace {

const IntegerSpec kGenerations{"-g", "the target generation", 0};

// The message parsing `text` as -g ends with; "" when it parses.
std::string g_message(const std::string& text) {
  try {
    parse_integer(text, kGenerations);
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::usage);
    return e.what();
  }
  return "";
}

template <typename F>
std::string message_of(F parse) {
  try {
    parse();
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::usage);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("whole numbers: what is wrong with which value, and the range in words") {
  CHECK(parse_integer("0", kGenerations) == 0);
  CHECK(parse_integer("+12", kGenerations) == 12);
  CHECK(parse_integer("9223372036854775807", kGenerations) ==
        std::numeric_limits<std::int64_t>::max());
  CHECK(g_message("-5") == "-g: -5 is negative; give the target generation, 0 or more");
  CHECK(g_message("0b101") ==
        "-g: '0b101' is not a whole number in decimal digits; give the target generation, 0 or "
        "more");
  CHECK(g_message("") == "-g: the value is empty; give the target generation, 0 or more");
  CHECK(g_message("18446744073709551616") ==
        "-g: 18446744073709551616 is too large (the largest is 9223372036854775807); give the "
        "target generation, 0 or more");
  CHECK(g_message("9223372036854775808").find("too large") != std::string::npos);
  for (const char* bad : {"1e3", "2.5", "0x10", " 5", "5 ", "--5", "-", "nan", "12a"}) {
    CHECK(g_message(bad).find("is not a whole number") != std::string::npos);
  }
  // A 300-digit value is shown shortened, never in full.
  const std::string huge(300, '9');
  const std::string m = g_message(huge);
  CHECK(m.find("(300 characters) is too large") != std::string::npos);
  CHECK(m.size() < 200);
  CHECK(g_message("-0").empty());
}

TEST_CASE("whole numbers: bounded ranges") {
  const IntegerSpec every{"--every", "how many generations apart frames are", 1};
  CHECK(message_of([&] { parse_integer("0", every); }) ==
        "--every: 0 is too small; give how many generations apart frames are, 1 or more");
  const IntegerSpec scale{"--frame-scale", "cells", 1, kMaxGridSide};
  CHECK(parse_integer("1099511627776", scale) == kMaxGridSide);
  CHECK(accepted_range(scale) == "1 to 1099511627776");
  CHECK(message_of([&] { parse_integer("1099511627777", scale); }).find("too large") !=
        std::string::npos);
  const IntegerSpec frame{"--frame", "a frame index", std::numeric_limits<std::int64_t>::min() + 1};
  CHECK(parse_integer("-3", frame) == -3);
  CHECK(parse_integer("-9223372036854775807", frame) ==
        std::numeric_limits<std::int64_t>::min() + 1);
  CHECK(message_of([&] { parse_integer("-9223372036854775808", frame); }).find("too small") !=
        std::string::npos);
  CHECK(message_of([&] { parse_integer("-99999999999999999999", frame); }).find("too small") !=
        std::string::npos);
}

TEST_CASE("seeds use the whole unsigned 64-bit range and never wrap") {
  CHECK(parse_seed("0") == 0);
  CHECK(parse_seed("18446744073709551615") == std::numeric_limits<std::uint64_t>::max());
  CHECK(message_of([] { parse_seed("-1"); }) ==
        "--seed: -1 is negative; give the soup's seed, 0 to 18446744073709551615");
  CHECK(message_of([] { parse_seed("18446744073709551616"); }).find("too large") !=
        std::string::npos);
  CHECK(message_of([] { parse_seed("0x1"); }).find("not a whole number") != std::string::npos);
}

TEST_CASE("real numbers: finite, in range, plain decimal") {
  const RealSpec density{"--random", "the soup's density", 0.0, 1.0};
  CHECK(parse_real("0.25", density) == doctest::Approx(0.25));
  CHECK(parse_real("1", density) == 1.0);
  CHECK(parse_real("0", density) == 0.0);
  CHECK(message_of([&] { parse_real("1.5", density); }) ==
        "--random: 1.5 is too large; give the soup's density, from 0 to 1");
  CHECK(message_of([&] { parse_real("-0.1", density); }).find("is negative") != std::string::npos);
  for (const char* bad : {"nan", "inf", "-inf", "0x1p-1", "", "0.5.5", "half"}) {
    CHECK(message_of([&] { parse_real(bad, density); }).rfind("--random: ", 0) == 0);
  }
  const RealSpec seconds{"--progress", "seconds between progress lines", 0.0,
                         std::numeric_limits<double>::max(), true};
  CHECK(message_of([&] { parse_real("0", seconds); }) ==
        "--progress: 0 is too small; give seconds between progress lines, more than 0");
  CHECK(message_of([&] { parse_real("1e999", seconds); }).find("too large") != std::string::npos);
  CHECK(parse_real("1e-3", seconds) == doctest::Approx(0.001));
}

TEST_CASE("pairs name the part that is wrong") {
  const PairSpec size{"--size", "xX", "WxH (e.g. 512x256)", "width", "height"};
  CHECK(parse_integer_pair("64x32", size) == std::array<std::int64_t, 2>{64, 32});
  CHECK(parse_integer_pair("1099511627776X1", size)[0] == kMaxGridSide);
  CHECK(message_of([&] { parse_integer_pair("0x5", size); }) ==
        "--size: width and height must be at least 1, got '0x5'");
  CHECK(message_of([&] {
          parse_integer_pair("5x99999999999999999999", size);
        }).find("the height 99999999999999999999 is too large") != std::string::npos);
  CHECK(message_of([&] { parse_integer_pair("-3x4", size); }).find("the width -3 is negative") !=
        std::string::npos);
  CHECK(message_of([&] { parse_integer_pair("12", size); }) ==
        "--size: expected WxH (e.g. 512x256), got '12'");
  CHECK(message_of([&] { parse_integer_pair("12x", size); }).find("the height '' is not") !=
        std::string::npos);
}
