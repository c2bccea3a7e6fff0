#include <doctest/doctest.h>

#include "mpilife/core/duration.hpp"

using mpilife::parse_duration;

TEST_CASE("durations with units") {
  CHECK(parse_duration("90s") == 90);
  CHECK(parse_duration("15m") == 900);
  CHECK(parse_duration("11h30m") == 41400);
  CHECK(parse_duration("1d12h") == 129600);
  CHECK(parse_duration("2h5s") == 7205);
  CHECK(parse_duration("1H") == 3600);
}

TEST_CASE("durations as a Slurm clock") {
  CHECK(parse_duration("1:30:00") == 5400);
  CHECK(parse_duration("30:00") == 1800);
  CHECK(parse_duration("90:05") == 5405);
  CHECK(parse_duration("1-12:00:00") == 129600);
  CHECK(parse_duration("0:00:01") == 1);
}

TEST_CASE("bad durations are refused") {
  for (const char* bad :
       {"",     "90",           "abc",    "10x",   "-5m",  "5m3h",    "1h1h", "0s",
        "0:00", "1:70:00",      "1:5:00", "1:30:", ":30",  "1:2:3:4", "1-12", "1-30:00",
        "400d", "99999999999s", "1.5h",   "15 m",  " 15m", "1e3s"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
  }
}
