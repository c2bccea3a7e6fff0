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
  CHECK(error_of("B3/S23:Q10,10").find("unknown bounded-grid type") != std::string::npos);
  CHECK(error_of("B3/S23:T10").find("expected <W>,<H>") != std::string::npos);
  CHECK(error_of("B3/S23:T00x,5").find("column 11") != std::string::npos);
  CHECK(error_of("B3/S23:T-1,5").find("positive whole number") != std::string::npos);
  CHECK(error_of("B3/S23:Tx,5").find("column 9") != std::string::npos);
  CHECK(error_of("B3x/S23").find("unexpected 'x'") != std::string::npos);
  CHECK(error_of("").find("empty rule") != std::string::npos);
  CHECK(error_of("23").find("missing '/'") != std::string::npos);
  CHECK(error_of("B3//S23") != "no error");
  CHECK(error_of("B3/S23/") != "no error");
  CHECK(error_of("B3/S23/B4") != "no error");
}

TEST_CASE("a rule with only a B or only an S part reads as Golly reads it") {
  CHECK(parse_rule("B234").to_string() == "B234/S");
  CHECK(parse_rule("b3").to_string() == "B3/S");
  CHECK(parse_rule("S23").to_string() == "B/S23");
  CHECK(parse_rule("B3/S").to_string() == "B3/S");
  CHECK(parse_rule("B/S23").to_string() == "B/S23");
  CHECK(parse_rule("B").to_string() == "B/S");
  CHECK(parse_rule("B234:T10,12").to_string() == "B234/S:T10,12");
  CHECK(parse_rule("B3_S23").to_string() == "B3/S23");  // Golly allows '_' for '/'
  CHECK(parse_rule("23_3").to_string() == "B3/S23");
}

namespace {
// The message refusing `text` as a family mpilife does not run, after checking it is one.
std::string refusal_of(const char* text) {
  try {
    parse_rule(text);
  } catch (const RuleError& e) {
    CHECK(e.code() == ExitCode::data);
    CHECK(e.unsupported());
    CHECK(e.column() >= 1);
    CHECK(static_cast<std::size_t>(e.column()) <= std::string_view(text).size());
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("rule families mpilife does not run are named, never 'unexpected'") {
  CHECK(refusal_of("B2ae/S") ==
        "rule 'B2ae/S' is isotropic non-totalistic (Hensel notation), which mpilife does not run; "
        "it runs Life-like (outer-totalistic) rules such as B3/S23");
  const std::pair<const char*, const char*> families[] = {
      {"B3/S23-k", "is isotropic non-totalistic (Hensel notation)"},
      {"B2cekin/S12", "is isotropic non-totalistic"},
      {"3/2a34", "is isotropic non-totalistic"},
      {"12/34/3", "is a Generations rule"},
      {"/2/3", "is a Generations rule"},
      {"B2/S/C3", "is a Generations rule"},
      {"345/2/4", "is a Generations rule"},
      {"R5,C0,M1,S34..58,B34..45,NM", "is a Larger than Life rule"},
      {"1,3,3,3,4", "is a Larger than Life rule"},
      {"B245/S3H", "is a hexagonal-neighbourhood rule"},
      {"B13/S012V", "is a von Neumann-neighbourhood rule"},
      {"b2/s013v", "is a von Neumann-neighbourhood rule"},
      {"MAPARYXfhZofugWaH7oaIDogBZofuhogOiAaIDogIAAgAAWaH7oaIDogGiA6ICAgIAAgAAAAA", "MAP rule"},
      {"W110", "is a one-dimensional Wolfram rule"},
      {"WireWorld", "names a rule of another kind"},
      {"LifeHistory", "names a rule of another kind"},
      {"JvN29", "names a rule of another kind"},
      {"B3/S23:T0,68", "has the bounded grid ':T0,68', a tube"},
      {"B3/S23:P30,0", "a plane of infinite width or height"},
      {"B3/S23:T30+5,20", "a torus with shifted edges"},
      {"B3/S23:T30,20-2", "a torus with shifted edges"},
      {"B3/S23:K40*,20", "a Klein bottle"},
      {"B3/S23:C40,20", "a cross-surface"},
      {"B3/S23:S30", "a sphere"},
      {"b3s23:k10,10", "a Klein bottle"},
  };
  for (const auto& [text, family] : families) {
    CAPTURE(text);
    const std::string message = refusal_of(text);
    CHECK(message.find(family) != std::string::npos);
    CHECK(message.find("which mpilife does not run") != std::string::npos);
    CHECK(message.find("unexpected") == std::string::npos);
  }
  CHECK(refusal_of("B3/S23:T0,68") ==
        "rule 'B3/S23:T0,68' has the bounded grid ':T0,68', a tube (a torus of infinite width or "
        "height), which mpilife does not run; it runs a torus :T<W>,<H> or a plane :P<W>,<H> of "
        "finite size (or the unbounded universe without a suffix)");
}

TEST_CASE("near misses stay plain errors") {
  CHECK(error_of("B3x/S23").find("unexpected 'x'") != std::string::npos);
  CHECK(error_of("B3/B4/S23").find("appears twice") != std::string::npos);
  CHECK(error_of("B3//S23").find("invalid rule") != std::string::npos);
  CHECK(error_of("B3/S23/").find("invalid rule") != std::string::npos);
  CHECK(error_of("23").find("missing '/'") != std::string::npos);
}

TEST_CASE("LifeHistory is recognised for the pattern readers") {
  CHECK(is_life_history("LifeHistory"));
  CHECK(is_life_history(" lifehistory:T31,20"));
  CHECK_FALSE(is_life_history("LifeHistoryX"));
  CHECK_FALSE(is_life_history("Life"));
  CHECK_FALSE(is_life_history("B3/S23"));
}
