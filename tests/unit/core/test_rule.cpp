#include <doctest/doctest.h>

#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"

using namespace mpilife;

TEST_CASE("rule spellings canonicalise as Golly prints them") {
  CHECK(parse_rule("B3/S23").to_string() == "B3/S23");
  CHECK(parse_rule("b3s23").to_string() == "B3/S23");
  CHECK(parse_rule("  B3/S23 \t").to_string() == "B3/S23");
  CHECK(parse_rule("23/3").to_string() == "B3/S23");
  CHECK(parse_rule("S23/B3").to_string() == "B3/S23");
  CHECK(parse_rule("B36/S23").to_string() == "B36/S23");
  CHECK(parse_rule("b6s32").to_string() == "B6/S23");
  CHECK(parse_rule("B3678/S34678").to_string() == "B3678/S34678");
  CHECK(parse_rule("B2/S").to_string() == "B2/S");
  CHECK(parse_rule("B/S012345678").to_string() == "B/S012345678");
  CHECK(parse_rule("B0/S8").to_string() == "B0/S8");
  CHECK(parse_rule("/3").to_string() == "B3/S");
  CHECK(parse_rule("Life").to_string() == "B3/S23");
  CHECK(parse_rule("34/34").to_string() == "B34/S34");
}

TEST_CASE("rule masks") {
  const Rule r = parse_rule("B36/S23").rule;
  CHECK(r.births(3));
  CHECK(r.births(6));
  CHECK_FALSE(r.births(2));
  CHECK(r.survives(2));
  CHECK_FALSE(r.survives(6));
  CHECK(parse_rule("B3/S23").rule.is_conway());
  CHECK_FALSE(r.is_conway());
}

TEST_CASE("bounded-grid suffix") {
  RuleSpec s = parse_rule("B3/S23:T64,48");
  REQUIRE(s.suffix);
  CHECK(s.suffix->topology == Topology::torus);
  CHECK(s.suffix->width == 64);
  CHECK(s.suffix->height == 48);
  CHECK(s.to_string() == "B3/S23:T64,48");
  s = parse_rule("b36s23:p7,9");
  REQUIRE(s.suffix);
  CHECK(s.suffix->topology == Topology::plane);
  CHECK(s.to_string() == "B36/S23:P7,9");
  CHECK_FALSE(parse_rule("B3/S23").suffix);
}

namespace {
std::string error_of(const char* text) {
  try {
    parse_rule(text);
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("bad rules are rejected with the column") {
  CHECK(error_of("B39/S23").find("column 3") != std::string::npos);
  CHECK(error_of("B39/S23").find("9") != std::string::npos);
  CHECK(error_of("B3/B4/S23").find("appears twice") != std::string::npos);
  CHECK(error_of("B3/S23:K10,10").find("unknown bounded-grid type") != std::string::npos);
  CHECK(error_of("B3/S23:T10").find("expected <W>,<H>") != std::string::npos);
  CHECK(error_of("B3/S23:T0,5").find("at least 1") != std::string::npos);
  CHECK(error_of("B3/S23:Tx,5").find("column 9") != std::string::npos);
  CHECK(error_of("B3x/S23").find("unexpected 'x'") != std::string::npos);
  CHECK(error_of("").find("empty rule") != std::string::npos);
  CHECK(error_of("B3").find("missing S part") != std::string::npos);
  CHECK(error_of("23").find("missing '/'") != std::string::npos);
  CHECK(error_of("B3//S23") != "no error");
  CHECK(error_of("B3/S23/") != "no error");
  CHECK(error_of("B3/S23/B4") != "no error");
}
