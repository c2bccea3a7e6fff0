#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/io/rle_writer.hpp"
#include "support/text_lines.hpp"

using namespace mpilife;

namespace {

const std::string kData = std::string(MPILIFE_SOURCE_DIR) + "/tests/data/";

// The live cells of `p` as a row-major width x height picture.
std::vector<std::uint8_t> picture(const Pattern& p) {
  std::vector<std::uint8_t> cells(static_cast<std::size_t>(p.width * p.height), 0);
  for (const Cell& c : p.cells) {
    REQUIRE(c.x >= 0);
    REQUIRE(c.y >= 0);
    REQUIRE(c.x < p.width);
    REQUIRE(c.y < p.height);
    cells[static_cast<std::size_t>(c.y * p.width + c.x)] = 1;
  }
  return cells;
}

// Rows of the picture, '.' dead and 'O' alive, joined by '/'.
std::string rows(const Pattern& p) {
  const std::vector<std::uint8_t> cells = picture(p);
  std::string out;
  for (std::int64_t y = 0; y < p.height; ++y) {
    if (y > 0) out += '/';
    for (std::int64_t x = 0; x < p.width; ++x) {
      out += cells[static_cast<std::size_t>(y * p.width + x)] ? 'O' : '.';
    }
  }
  return out;
}

Pattern rle(const std::string& text) {
  return parse_pattern(text, PatternFormat::rle);
}

// The message of the Error parsing `text` raises, after checking it is a data error.
std::string error_of(const std::string& text, PatternFormat format = PatternFormat::rle,
                     const std::string& file = "") {
  try {
    parse_pattern(text, format, file);
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    return e.what();
  }
  return "no error";
}

// The message and exit code of reading `path`.
std::pair<std::string, ExitCode> read_error(const std::string& path) {
  try {
    read_pattern(path);
  } catch (const Error& e) {
    return {e.what(), e.code()};
  }
  return {"no error", ExitCode::ok};
}

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::string written(const std::vector<std::uint8_t>& cells, std::int64_t w, std::int64_t h,
                    const std::string& rule = "B3/S23",
                    const std::vector<std::string>& comments = {}) {
  std::ostringstream out;
  write_rle(out, cells.data(), w, h, rule, comments);
  return out.str();
}

using test::lines_of;

const char* const kGliderRle = "x = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n";

}  // namespace

TEST_CASE("RLE: a glider with header, rule and metadata") {
  const Pattern p =
      rle("#N Glider\n#O Richard K. Guy\n#C first comment\n#c  second comment\n"
          "x = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n");
  CHECK(p.format == PatternFormat::rle);
  CHECK(p.width == 3);
  CHECK(p.height == 3);
  CHECK(rows(p) == ".O./..O/OOO");
  CHECK(p.cells.size() == 5);
  REQUIRE(p.rule);
  CHECK(p.rule->to_string() == "B3/S23");
  CHECK(p.name == "Glider");
  CHECK(p.comments ==
        std::vector<std::string>{"Richard K. Guy", "first comment", "second comment"});
}

TEST_CASE("RLE: header spelling is flexible and the rule optional") {
  for (const char* header :
       {"x=3,y=3,rule=B3/S23", "x = 3 , y = 3 , rule = b3s23", "  x =3,y= 3, rule =   23/3  ",
        "x = 3, y = 3, rule = B3/S23,", "X = 3, Y = 3, RULE = B3/S23",
        "x\t=\t3,\ty\t=\t3,\trule\t=\tB3/S23"}) {
    CAPTURE(header);
    const Pattern p = rle(std::string(header) + "\nbo$2bo$3o!");
    CHECK(p.width == 3);
    CHECK(p.height == 3);
    REQUIRE(p.rule);
    CHECK(p.rule->to_string() == "B3/S23");
  }
  const Pattern no_rule = rle("x = 3, y = 3\nbo$2bo$3o!");
  CHECK_FALSE(no_rule.rule);
  CHECK(rows(no_rule) == ".O./..O/OOO");
  const Pattern torus = rle("x = 3, y = 3, rule = B36/S23:T64,48\nbo$2bo$3o!");
  REQUIRE(torus.rule);
  REQUIRE(torus.rule->suffix);
  CHECK(torus.rule->to_string() == "B36/S23:T64,48");
  const Pattern hash_r = rle("#r B36/S23\nx = 3, y = 3\nbo$2bo$3o!");
  REQUIRE(hash_r.rule);
  CHECK(hash_r.rule->to_string() == "B36/S23");
  const Pattern header_wins = rle("#r B36/S23\nx = 3, y = 3, rule = B2/S\nbo$2bo$3o!");
  CHECK(header_wins.rule->to_string() == "B2/S");
}

TEST_CASE("RLE: runs, row ends and tokens") {
  CHECK(rows(rle("x = 12, y = 1\n12o!")) == "OOOOOOOOOOOO");
  CHECK(rows(rle("x = 5, y = 5\no3$4bo!")) == "O..../...../...../....O/.....");
  CHECK(rows(rle("x = 4, y = 2\n2.2A$A.A!")) == "..OO/O.O.");
  CHECK(rows(rle("x = 4, y = 2\n 2b 2o $\t o b o ! ")) == "..OO/O.O.");
  CHECK(rows(rle("x = 4, y = 2\n2b2\no$obo!")) == "..OO/O.O.");  // a count may end a line
  CHECK(rows(rle("x = 3, y = 3\nbo$\n\n2bo$\n3o!")) == ".O./..O/OOO");
  CHECK(rows(rle("x = 3, y = 3\nbo$2bo$3o")) == ".O./..O/OOO");  // no '!' at the end
  CHECK(rows(rle("x = 3, y = 3\nbo$2bo$3o! 3o$zz\n#C?\nqqq")) == ".O./..O/OOO");
  const Pattern big = rle("x = 200, y = 3\nbo$2bo$3o!");
  CHECK(big.width == 200);
  CHECK(big.height == 3);
  const Pattern empty = rle("x = 0, y = 0, rule = B3/S23\n!\n");  // Golly's empty pattern
  CHECK(empty.width == 0);
  CHECK(empty.height == 0);
  CHECK(empty.cells.empty());
  const Pattern headless = rle("#C no header at all\nbo$2bo$3o!");
  CHECK(headless.width == 3);
  CHECK(headless.height == 3);
  CHECK_FALSE(headless.rule);
}

TEST_CASE("RLE: #CXRLE, #P and #R lines and text after '!' are ignored") {
  const Pattern p = read_pattern(kData + "glider-xrle.rle");
  CHECK(p.width == 3);
  CHECK(p.height == 3);
  CHECK(rows(p) == ".O./..O/OOO");
  CHECK(p.name == "Glider (extended RLE)");
  CHECK(p.comments == std::vector<std::string>{
                          "written by Golly",
                          "Golly's extended RLE: a #CXRLE line with the position and generation."});
  REQUIRE(p.rule);
  CHECK(p.rule->to_string() == "B3/S23:T20,10");
}

TEST_CASE("RLE: CRLF and lone CR line endings") {
  const std::string text = "#N Glider\n#C comment\nx = 3, y = 3, rule = B3/S23\nbo$2bo$\n3o!\n";
  for (const std::string& variant : {crlf(text), [&] {
                                       std::string cr = text;
                                       for (char& c : cr) c = c == '\n' ? '\r' : c;
                                       return cr;
                                     }()}) {
    const Pattern p = rle(variant);
    CHECK(rows(p) == ".O./..O/OOO");
    CHECK(p.name == "Glider");
    CHECK(p.comments == std::vector<std::string>{"comment"});
    REQUIRE(p.rule);
    CHECK(p.rule->to_string() == "B3/S23");
  }
  CHECK(error_of(crlf("x = 3, y = 3\r\nbo$2bo$\n3oq!\n")) ==
        "4:3: unsupported cell state 'q' (two-state RLE uses b or . for dead, o or A for alive)");
}

TEST_CASE("RLE: very long lines") {
  std::string data;
  for (int i = 0; i < 50000; ++i) data += "bo";
  const Pattern p = rle("x = 100000, y = 2\n" + data + "$100000o!");
  CHECK(p.width == 100000);
  CHECK(p.height == 2);
  CHECK(p.cells.size() == 150000);
  CHECK(p.cells[1].x == 3);
  CHECK(error_of("x = 100000, y = 1\n" + data + "x!") ==
        "2:100001: unsupported cell state 'x' (two-state RLE uses b or . for dead, o or A for "
        "alive)");
}

TEST_CASE("RLE: malformed input names the line and column") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"x = 3, y = 3\nbo$2bo$3oq!",
       "2:10: unsupported cell state 'q' (two-state RLE uses b or . for dead, o or A for alive)"},
      {"x = 3, y = 3\nbo$2bo$3o%!",
       "2:10: unexpected '%' in RLE data (expected b, o, $, ! or a count)"},
      {"x = 3, y = 3\nbo$2bo$\x01",
       "2:8: unexpected byte 0x01 in RLE data (expected b, o, $, ! or a count)"},
      {"x = 3, y = 3\nbo$2bo$3o12", "2:10: run count at the end has no cell tag"},
      {"x = 3, y = 3\nbo$2bo$3 o!", "2:9: blank between a run count and its cell tag"},
      {"x = 3, y = 3\nbo$2bo$3o12!", "2:12: run count before '!' has no cell tag to repeat"},
      {"x = 3, y = 3\n0o$2bo$3o!", "2:1: run count must be at least 1"},
      {"x = 3, y = 3\n99999999999o!", "2:1: run count larger than 1000000000"},
      {"x = 3, y = 2\nbo$2bo$3o!",
       "2:9: live cell at x = 0, y = 2 lies outside the 3x2 box of the "
       "header on line 1"},
      {"x = 2, y = 3\nbo$2bo$3o!",
       "2:6: live cell at x = 2, y = 1 lies outside the 2x3 box of the header on line 1"},
      {"x = 3, y = , rule = B3/S23\n3o!",
       "1:12: expected a whole number after 'y =' in the RLE header"},
      {"x = -3, y = 3\n3o!", "1:5: pattern width must not be negative"},
      {"x = 3, y = 3000000000\n3o!", "1:12: pattern size larger than 1000000000 cells"},
      {"x = 3 y = 3\n3o!", "1:7: unexpected 'y' in the RLE header"},
      {"x 3, y = 3\n3o!", "1:3: expected '=' after 'x' in the RLE header"},
      {"x = 3\n3o!", "1:1: RLE header lacks 'y = <height>'"},
      {"x = 3, x = 3\n3o!", "1:8: 'x' appears twice in the RLE header"},
      {"x = 3, y = 3, size = 3\n3o!",
       "1:15: unknown key 'size' in the RLE header (expected x, y, rule)"},
      {"x = 3, y = 3, rule =\n3o!", "1:21: missing rule after 'rule =' in the RLE header"},
      {"x = 3, y = 3, rule = B39/S23\n3o!",
       "1:24: invalid rule \"B39/S23\": neighbour counts go from 0 to 8, not 9 (expected e.g. "
       "B3/S23, b36s23, 23/3, B3/S23:T64,64)"},
      {"#C a comment\nx = 3, y = 3, rule = B3/S23:Q4,4\n3o!",
       "2:29: invalid rule \"B3/S23:Q4,4\": unknown bounded-grid type 'Q' (mpilife supports :T "
       "torus and :P plane) (expected e.g. B3/S23, b36s23, 23/3, B3/S23:T64,64)"},
      {"#r B3/S2x\nx = 3, y = 3\n3o!",
       "1:9: invalid rule \"B3/S2x\": unexpected 'x' (expected e.g. B3/S23, b36s23, 23/3, "
       "B3/S23:T64,64)"},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    CHECK(error_of(text) == c.message);
  }
  CHECK(error_of("x = 3, y = 3\nbo$2bo$3oq!", PatternFormat::rle, "soup.rle") ==
        "soup.rle:2:10: unsupported cell state 'q' (two-state RLE uses b or . for dead, o or A for "
        "alive)");
}

TEST_CASE("plaintext .cells") {
  const Pattern p = read_pattern(kData + "glider.cells");
  CHECK(p.format == PatternFormat::plaintext);
  CHECK(p.name == "Glider");
  CHECK(p.comments == std::vector<std::string>{"The smallest spaceship, in plaintext."});
  CHECK(rows(p) == ".O./..O/OOO");
  CHECK_FALSE(p.rule);

  const Pattern ragged = read_pattern(kData + "pentadecathlon-ragged.cells");
  CHECK(ragged.width == 10);
  CHECK(ragged.height == 5);  // the blank line and the ".." line are rows
  CHECK(ragged.cells.size() == 12);
  CHECK(rows(ragged) == "..O....O../OO.OOOO.OO/..O....O../........../..........");

  const Pattern crlf_cells = parse_pattern(crlf("!c\n.O\n\nO.\n\n\n"), PatternFormat::plaintext);
  CHECK(rows(crlf_cells) == ".O/../O.");  // trailing blank lines are not rows
  CHECK(parse_pattern("!only a comment\n", PatternFormat::plaintext).cells.empty());

  CHECK(error_of("!Name: x\n.O.\n..X\n", PatternFormat::plaintext) ==
        "3:3: unexpected 'X' in plaintext row (expected . or O)");
  CHECK(error_of(".O.\n .O\n", PatternFormat::plaintext) ==
        "2:1: unexpected blank at the start of a row");
  CHECK(error_of(".O. O\n", PatternFormat::plaintext) ==
        "1:4: unexpected ' ' in plaintext row (expected . or O)");
}

TEST_CASE("Life 1.06") {
  const Pattern p = read_pattern(kData + "glider-106.lif");
  CHECK(p.format == PatternFormat::life106);
  CHECK(rows(p) == ".O./..O/OOO");  // normalised to the min corner, duplicate dropped
  CHECK(p.cells.size() == 5);
  CHECK(p.name == "glider-106");
  CHECK(p.comments ==
        std::vector<std::string>{"A glider given around negative coordinates, with one cell "
                                 "listed twice."});
  CHECK(rows(parse_pattern("#Life 1.06\n-1000 -2000\n-999 -1999\n", PatternFormat::life106)) ==
        "O./.O");
  CHECK(parse_pattern("#Life 1.06\n", PatternFormat::life106).cells.empty());
  CHECK(error_of("#Life 1.06\n0 0\n1 x\n", PatternFormat::life106) ==
        "3:3: expected a y coordinate (a whole number from -1000000000 to 1000000000)");
  CHECK(error_of("#Life 1.06\n0 0 0\n", PatternFormat::life106) == "2:5: unexpected '0' after y");
  CHECK(error_of("#Life 1.06\n0,0\n", PatternFormat::life106) == "2:2: unexpected ',' after x");
  CHECK(error_of("#Life 1.06\n0\n", PatternFormat::life106) == "2:2: missing y coordinate");
  CHECK(error_of("#Life 1.06\n-1000000000 0\n1000000000 0\n", PatternFormat::life106) ==
        "3:1: pattern spans more than 1000000000 cells in one direction");
}

TEST_CASE("Life 1.05") {
  const Pattern p = read_pattern(kData + "mixed-105.lif");
  CHECK(p.format == PatternFormat::life105);
  REQUIRE(p.rule);
  CHECK(p.rule->to_string() == "B36/S23");
  CHECK(p.comments == std::vector<std::string>{"Two blinkers and a block, in blocks at offsets,",
                                               "under HighLife written as S/B."});
  CHECK(rows(p) == "OOO..../......./......./......O/......O/OO....O/OO.....");
  const Pattern normal = parse_pattern("#Life 1.05\n#N\n#P 0 0\n*.*\n", PatternFormat::life105);
  REQUIRE(normal.rule);
  CHECK(normal.rule->rule.is_conway());
  CHECK(rows(normal) == "O.O");
  CHECK(error_of("#Life 1.05\n#P 0 0\n.*.\n.x.\n", PatternFormat::life105, "f.lif") ==
        "f.lif:4:2: unexpected 'x' in a Life 1.05 row (expected . or *)");
  CHECK(error_of("#Life 1.05\n#P 0 zero\n", PatternFormat::life105) ==
        "2:6: expected the block's y offset after #P");
  CHECK(error_of("#Life 1.05\n#R 23/39\n", PatternFormat::life105) ==
        "2:8: invalid rule \"23/39\": neighbour counts go from 0 to 8, not 9 (expected e.g. "
        "B3/S23, b36s23, 23/3, B3/S23:T64,64)");
}

TEST_CASE("format detection") {
  CHECK(detect_format("a/b.rle", "") == PatternFormat::rle);
  CHECK(detect_format("a/b.RLE", "") == PatternFormat::rle);
  CHECK(detect_format("b.cells", "") == PatternFormat::plaintext);
  CHECK(detect_format("b.lif", "#Life 1.06\n0 0\n") == PatternFormat::life106);
  CHECK(detect_format("b.life", "#Life 1.05\n#P 0 0\n*\n") == PatternFormat::life105);
  CHECK(detect_format("b.lif", "#D no header\n-1 2\n") == PatternFormat::life106);
  CHECK(detect_format("b.lif", "#D no header\n.*\n") == PatternFormat::life105);
  CHECK(detect_format("pattern", "#N x\nx = 3, y = 3\n3o!") == PatternFormat::rle);
  CHECK(detect_format("pattern", "#CXRLE Pos=0,0\nx = 3, y = 3\n3o!") == PatternFormat::rle);
  CHECK(detect_format("pattern", "!Name: g\n.O\n") == PatternFormat::plaintext);
  CHECK(detect_format("pattern", ".O.\nOOO\n") == PatternFormat::plaintext);
  CHECK(detect_format("pattern", "#Life 1.06\n0 0\n") == PatternFormat::life106);
  CHECK(detect_format("pattern.txt", "bo$2bo$3o!") == PatternFormat::rle);
  CHECK(detect_format("dir.rle/pattern", "0 0\n1 1\n") == PatternFormat::life106);
}

TEST_CASE("read_pattern: files, names and errors") {
  const Pattern p = read_pattern(kData + "glider-xrle.rle");
  CHECK(p.cells.size() == 5);
  CHECK(read_pattern(kData + "glider-106.lif").name == "glider-106");

  const auto [missing, missing_code] = read_error(kData + "no-such-file.rle");
  CHECK(missing_code == ExitCode::no_input);
  CHECK(missing == "cannot open '" + kData + "no-such-file.rle': No such file or directory");
  const auto [dir, dir_code] = read_error(kData);
  CHECK(dir_code == ExitCode::no_input);
  CHECK(dir == "cannot open '" + kData + "': Is a directory");

  struct Case {
    const char* file;
    const char* message;
  };
  const Case cases[] = {
      {"bad-char.rle",
       ":4:3: unsupported cell state 'q' (two-state RLE uses b or . for dead, o or A for alive)"},
      {"bad-rule.rle",
       ":1:24: invalid rule \"B39/S23\": neighbour counts go from 0 to 8, not 9 (expected e.g. "
       "B3/S23, b36s23, 23/3, B3/S23:T64,64)"},
      {"bad-header.rle", ":2:12: expected a whole number after 'y =' in the RLE header"},
      {"outside-box.rle",
       ":2:9: live cell at x = 0, y = 2 lies outside the 3x2 box of the header on line 1"},
      {"count-without-tag.rle", ":2:10: run count at the end has no cell tag"},
      {"bad.cells", ":3:3: unexpected 'X' in plaintext row (expected . or O)"},
      {"bad-106.lif",
       ":3:3: expected a y coordinate (a whole number from -1000000000 to "
       "1000000000)"},
  };
  for (const Case& c : cases) {
    const std::string file = c.file;
    CAPTURE(file);
    const auto [message, code] = read_error(kData + c.file);
    CHECK(code == ExitCode::data);
    CHECK(message == kData + c.file + c.message);
  }
}

TEST_CASE("write_rle: the exact text") {
  const std::vector<std::uint8_t> glider = {0, 1, 0, 0, 0, 1, 1, 1, 1};
  CHECK(written(glider, 3, 3) == kGliderRle);
  CHECK(written(glider, 3, 3, "B3/S23:T3,3", {"a glider", "two\nlines"}) ==
        "#C a glider\n#C two\n#C lines\nx = 3, y = 3, rule = B3/S23:T3,3\nbo$2bo$3o!\n");
  // Trailing dead cells are omitted, empty rows merged, trailing empty rows dropped.
  std::vector<std::uint8_t> sparse(6 * 7, 0);
  sparse[0] = 1;
  sparse[3 * 6 + 4] = 1;
  sparse[3 * 6 + 5] = 1;
  CHECK(written(sparse, 6, 7) == "x = 6, y = 7, rule = B3/S23\no3$4b2o!\n");
  CHECK(written(std::vector<std::uint8_t>(20, 0), 5, 4) == "x = 5, y = 4, rule = B3/S23\n!\n");
  CHECK(written({}, 0, 0) == "x = 0, y = 0, rule = B3/S23\n!\n");
  CHECK(written(glider, 3, 3, "") == "x = 3, y = 3\nbo$2bo$3o!\n");
  // A 75-cell run and long rows wrap at 70 characters without splitting "75o".
  std::vector<std::uint8_t> wide(2 * 140, 0);
  for (int x = 0; x < 140; x += 2) wide[static_cast<std::size_t>(x)] = 1;
  for (int x = 140; x < 140 + 75; ++x) wide[static_cast<std::size_t>(x)] = 1;
  const std::string text = written(wide, 140, 2);
  CHECK(text ==
        "x = 140, y = 2, rule = B3/S23\n"
        "obobobobobobobobobobobobobobobobobobobobobobobobobobobobobobobobobobob\n"
        "obobobobobobobobobobobobobobobobobobobobobobobobobobobobobobobobobobo$\n"
        "75o!\n");
}

TEST_CASE("RleWriter fed row by row writes what write_rle writes, and counts the rows") {
  std::mt19937_64 rng(777);
  for (const auto& [w, h] : {std::pair<std::int64_t, std::int64_t>{140, 9}, {5, 4}, {1, 30}}) {
    std::bernoulli_distribution alive(0.3);
    std::vector<std::uint8_t> cells(static_cast<std::size_t>(w * h));
    for (auto& c : cells) c = alive(rng) ? 1 : 0;
    for (std::int64_t y = h / 2; y < h; ++y) {  // a dead lower half: rows ends dropped
      for (std::int64_t x = 0; x < w; ++x) cells[static_cast<std::size_t>(y * w + x)] = 0;
    }
    std::ostringstream out;
    RleWriter rle(out, w, h, "B3/S23", {"streamed"});
    for (std::int64_t y = 0; y < h; ++y) rle.add_row(cells.data() + y * w);
    rle.finish();
    CHECK(out.str() == written(cells, w, h, "B3/S23", {"streamed"}));
    CHECK_THROWS_AS(rle.add_row(cells.data()), std::logic_error);
  }
  std::ostringstream out;
  RleWriter short_of_rows(out, 3, 3, "B3/S23");
  const std::uint8_t row[3] = {1, 1, 1};
  short_of_rows.add_row(row);
  CHECK_THROWS_AS(short_of_rows.finish(), std::logic_error);
}

TEST_CASE("RleWriter with a placement writes Golly's #CXRLE line, which the reader takes back") {
  const RlePlacement at = bounded_grid_placement(65, 48, 1234);
  CHECK(at.x == -32);  // Golly centres a bounded grid: left column -(65 / 2)
  CHECK(at.y == -24);
  std::ostringstream out;
  RleWriter rle(out, 3, 3, "B3/S23:T65,48", {"placed"}, at);
  const std::uint8_t rows[3][3] = {{0, 1, 0}, {0, 0, 1}, {1, 1, 1}};
  for (const auto& row : rows) rle.add_row(row);
  rle.finish();
  CHECK(out.str() ==
        "#CXRLE Pos=-32,-24 Gen=1234\n#C placed\nx = 3, y = 3, rule = B3/S23:T65,48\nbo$2bo$3o!\n");
  const Pattern p = parse_pattern(out.str(), PatternFormat::rle);
  REQUIRE(p.origin.has_value());
  CHECK(*p.origin == PatternOrigin{-32, -24});
  CHECK(p.generation == 1234);
  CHECK(p.cells.size() == 5);
}

TEST_CASE("write_rle round-trips random grids through parse_pattern") {
  std::mt19937_64 rng(12345);
  const std::pair<std::int64_t, std::int64_t> sizes[] = {{0, 0},   {1, 1},   {1, 9},  {9, 1},
                                                         {3, 3},   {17, 5},  {71, 3}, {70, 2},
                                                         {151, 7}, {13, 41}, {257, 3}};
  for (const auto& [w, h] : sizes) {
    for (double density : {0.0, 0.05, 0.5, 0.93, 1.0}) {
      CAPTURE(w);
      CAPTURE(h);
      CAPTURE(density);
      std::bernoulli_distribution alive(density);
      std::vector<std::uint8_t> cells(static_cast<std::size_t>(w * h));
      for (auto& c : cells) c = alive(rng) ? 1 : 0;
      const std::string text = written(cells, w, h, "B36/S23:P" + std::to_string(w + 1) + ",9");
      const std::vector<std::string> lines = lines_of(text);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i].size() <= 70);
        // No line after the header ends inside a run: the count stays with its tag.
        if (i > 0) CHECK((lines[i].empty() || lines[i].back() < '0' || lines[i].back() > '9'));
      }
      CHECK(text.size() >= 2);
      CHECK(text.substr(text.size() - 2) == "!\n");
      const Pattern p = rle(text);
      CHECK(p.width == w);
      CHECK(p.height == h);
      REQUIRE(p.rule);
      CHECK(p.rule->to_string() == "B36/S23:P" + std::to_string(w + 1) + ",9");
      CHECK(picture(p) == cells);
    }
  }
}
