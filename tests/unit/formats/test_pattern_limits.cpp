// Hostile pattern and rule input: the readers keep their memory proportional to the input and
// refuse what exceeds the documented limits with a data error at a line and column, never an
// allocation failure or an endless read.

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>

#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/pattern.hpp"
#include "support/pattern_errors.hpp"

using namespace mpilife;
using mpilife::test::read_error;

namespace {

// The message and exit code of parsing `text` (the message is "no error" when it parses).
std::pair<std::string, ExitCode> parse_error(const std::string& text, PatternFormat format,
                                             const PatternLimits& limits = {}) {
  try {
    parse_pattern(text, format, "p", limits);
  } catch (const Error& e) {
    return {e.what(), e.code()};
  }
  return {"no error", ExitCode::ok};
}

// `count` copies of `piece`.
std::string repeat(const std::string& piece, std::size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (std::size_t i = 0; i < count; ++i) out += piece;
  return out;
}

// A file under the build folder that is removed again at the end of the test.
struct TempFile {
  std::string path;
  TempFile(const std::string& name, const std::string& text) : path("limits-" + name) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

}  // namespace

TEST_CASE("limits: the cell budget grows with the input up to the absolute cap") {
  const PatternLimits limits;
  CHECK(limits.cell_budget(0) == std::int64_t{1} << 20);
  CHECK(limits.cell_budget(12) == (std::int64_t{1} << 20) + 12 * 16);
  CHECK(limits.cell_budget(std::size_t{1} << 30) == 100'000'000);
  CHECK(limits.cell_budget(~std::size_t{0}) == 100'000'000);
}

TEST_CASE("limits: an RLE run count is checked before its cells are made") {
  // 12 bytes asking for 999999999 cells (16 GB) used to end in std::bad_alloc.
  const auto [message, code] = parse_error("999999999o!", PatternFormat::rle);
  CHECK(code == ExitCode::data);
  CHECK(message.rfind("p:1:10: pattern has more than 1048752 live cells, the most a 11-byte", 0) ==
        0);
  CHECK(message.find("check the run count of 999999999") != std::string::npos);

  // A 2 MB line of long runs: refused where it crosses the cap, not after making all its cells.
  PatternLimits small;
  small.max_cells = 4'000'000;
  const std::string line = repeat("99999o", 350'000);
  const auto [long_line, long_code] = parse_error(line + "!", PatternFormat::rle, small);
  CHECK(long_code == ExitCode::data);
  CHECK(long_line ==
        "p:1:246: pattern has more than 4000000 live cells, the most any pattern may hold; check "
        "the run count of 99999");

  // A 2 MB line of single cells is within the budget and parses.
  const Pattern wide = parse_pattern(repeat("o", 2'000'000) + "!", PatternFormat::rle);
  CHECK(wide.cells.size() == 2'000'000);
  CHECK(wide.width == 2'000'000);
}

TEST_CASE("limits: a huge box with few cells keeps only the cells") {
  const Pattern header = parse_pattern("x = 1000000000, y = 1000000000\no!\n", PatternFormat::rle);
  CHECK(header.width == 1'000'000'000);
  CHECK(header.height == 1'000'000'000);
  CHECK(header.cells.size() == 1);

  const Pattern tall = parse_pattern("o999999999$o!", PatternFormat::rle);
  CHECK(tall.width == 1);
  CHECK(tall.height == 1'000'000'000);
  CHECK(tall.cells.size() == 2);

  const Pattern far = parse_pattern("#Life 1.05\n#P -500000000 0\n*.*\n#P 400000000 7\n.**\n",
                                    PatternFormat::life105);
  CHECK(far.width == 900'000'003);
  CHECK(far.height == 8);
  CHECK(far.cells.size() == 4);

  // A dead run past the largest side is refused like a live one.
  const auto [dead, dead_code] = parse_error("999999999b999999999bo!", PatternFormat::rle);
  CHECK(dead_code == ExitCode::data);
  CHECK(dead == "p:1:20: row longer than 1000000000 cells");
}

TEST_CASE("limits: the cap on live cells holds for every format") {
  PatternLimits limits;
  limits.max_cells = 100;
  limits.base_cells = 100;
  std::string list = "#Life 1.06\n";
  for (int i = 0; i < 150; ++i) list += std::to_string(i) + " " + std::to_string(-i) + "\n";
  auto [life106, code106] = parse_error(list, PatternFormat::life106, limits);
  CHECK(code106 == ExitCode::data);
  CHECK(life106 == "p:102:1: pattern has more than 100 live cells, the most any pattern may hold");

  const std::string row = repeat("O", 101);
  CHECK(parse_error(row, PatternFormat::plaintext, limits).first.rfind("p:1:101: pattern has", 0) ==
        0);
  CHECK(parse_error("#Life 1.05\n" + repeat("*", 101), PatternFormat::life105, limits)
            .first.rfind("p:2:101: pattern has", 0) == 0);
  CHECK(parse_error(repeat("o", 101) + "!", PatternFormat::rle, limits)
            .first.rfind("p:1:101: pattern has", 0) == 0);
  CHECK(parse_error("50o$51o!", PatternFormat::rle, limits).first.rfind("p:1:7: pattern has", 0) ==
        0);
  CHECK(parse_pattern(repeat("O", 100), PatternFormat::plaintext, "", limits).cells.size() == 100);
}

TEST_CASE("limits: comment lines are capped") {
  PatternLimits limits;
  limits.max_comments = 3;
  const std::string text = "#C 1\n#C 2\n#C 3\n#C 4\nx = 1, y = 1\no!\n";
  CHECK(parse_error(text, PatternFormat::rle, limits).first ==
        "p:4:1: more than 3 comment lines, the most a pattern may have");
  CHECK(parse_pattern("#C 1\n#C 2\n#C 3\no!", PatternFormat::rle, "", limits).comments.size() == 3);
}

TEST_CASE("limits: a flood of line endings parses as an empty pattern") {
  // Each line used to cost a 24-byte entry in a list of all lines before parsing began.
  const std::string endings = repeat("\r\n", 4'000'000);
  const Pattern p = parse_pattern(endings + "o!", PatternFormat::rle);
  CHECK(p.cells.size() == 1);
  CHECK(parse_error(endings + "q", PatternFormat::rle).first.rfind("p:4000001:1: ", 0) == 0);
}

TEST_CASE("limits: an error quotes at most a part of a long rule") {
  const std::string junk = repeat("B3/S23", 350'000);
  try {
    parse_rule(junk);
    FAIL("a 2 MB rule parsed");
  } catch (const RuleError& e) {
    CHECK(std::string(e.what()).size() < 250);
    CHECK(e.column() == 7);
  }
  const std::string header = "x = 1, y = 1, rule = B3/S23" + repeat("x", 2'000'000) + "\no!\n";
  const auto [message, code] = parse_error(header, PatternFormat::rle);
  CHECK(code == ExitCode::data);
  CHECK(message.size() < 250);
  CHECK(message.rfind("p:1:28: invalid rule \"B3/S23xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\"", 0) ==
        0);
}

TEST_CASE("limits: read_pattern refuses devices and reads no more than it may") {
  const auto [zero, zero_code] = read_error("/dev/zero");
  CHECK(zero_code == ExitCode::no_input);
  CHECK(zero == "cannot open '/dev/zero': it is a character device, not a pattern file or a pipe");

  PatternLimits limits;
  limits.max_bytes = 20;
  const TempFile big("big.rle", "#C 0123456789\n#C 0123456789\n");
  const auto [too_big, too_big_code] = read_error(big.path, limits);
  CHECK(too_big_code == ExitCode::data);
  CHECK(too_big == big.path +
                       ":2:7: pattern input longer than 20 bytes, the largest mpilife reads (for a "
                       "larger state, restart from a checkpoint)");
  const TempFile fits("fits.rle", "#C 0123456789\nbo$o!");
  CHECK(read_pattern(fits.path, limits).cells.size() == 2);

  // A pipe is read up to the limit too.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string flood = repeat("o", 64);
  REQUIRE(::write(fds[1], flood.data(), flood.size()) == 64);
  ::close(fds[1]);
  const std::string pipe_path = "/dev/fd/" + std::to_string(fds[0]);
  const auto [piped, piped_code] = read_error(pipe_path, limits);
  ::close(fds[0]);
  CHECK(piped_code == ExitCode::data);
  CHECK(piped.rfind(pipe_path + ":1:21: pattern input longer than 20 bytes", 0) == 0);
}

TEST_CASE("limits: an RLE header error quotes at most a part of a long key (fuzz_rle crash)") {
  // Found by fuzz_rle (tests/fuzz/corpus/rle/crash-long-header-key): the whole key was quoted.
  const std::string key = "y" + repeat("K", 500);
  CHECK(parse_error("x = 2, " + key + " = 2\no!", PatternFormat::rle).first ==
        "p:1:8: unknown key '" + key.substr(0, 40) +
            "...' in the RLE header (expected x, y, rule)");
  CHECK(parse_error("x = 2, " + key + "\no!", PatternFormat::rle).first ==
        "p:1:509: expected '=' after 'y" + repeat("k", 39) + "...' in the RLE header");
}

TEST_CASE("limits: a live cell below row 10^9 is refused, also without a header (fuzz_rle crash)") {
  // Found by fuzz_rle in CI (tests/fuzz/corpus/rle/crash-tall-no-header): 999999999 row ends
  // and two more rows put a live cell at y = 10^9, a box taller than the side limit.
  const auto [message, code] = parse_error("oo999999999$o $o  ", PatternFormat::rle);
  CHECK(code == ExitCode::data);
  CHECK(message == "p:1:16: pattern taller than 1000000000 rows");
  CHECK(parse_pattern("o999999998$o!", PatternFormat::rle).height == 999'999'999);
}
