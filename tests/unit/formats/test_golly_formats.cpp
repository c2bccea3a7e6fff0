// Golly's own files (issue 12 item 3, reading side): gzip-compressed input, macrocell, MCell,
// Life 1.05 bare #P and #R, one-part rules, #CXRLE Pos/Gen, LifeHistory read as Life, and the
// refusals that name a rule family. Hand-written files always; Golly's pattern collection
// (/usr/share/golly/Patterns, Debian package golly) and bgolly when installed.

#include <doctest/doctest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/io/pattern.hpp"
#include "support/golly_oracle.hpp"
#include "support/pattern_errors.hpp"

using namespace mpilife;
using mpilife::test::read_error;

namespace {

const std::filesystem::path kGollyPatterns = "/usr/share/golly/Patterns";

// Rows of the pattern's box, '.' dead and 'O' alive, joined by '/'.
std::string rows(const Pattern& p) {
  std::vector<std::string> lines(static_cast<std::size_t>(p.height),
                                 std::string(static_cast<std::size_t>(p.width), '.'));
  for (const Cell& c : p.cells) {
    REQUIRE(c.x >= 0);
    REQUIRE(c.y >= 0);
    REQUIRE(c.x < p.width);
    REQUIRE(c.y < p.height);
    lines[static_cast<std::size_t>(c.y)][static_cast<std::size_t>(c.x)] = 'O';
  }
  std::string out;
  for (std::size_t y = 0; y < lines.size(); ++y) out += (y > 0 ? "/" : "") + lines[y];
  return out;
}

// The message of the data error parsing `text` as `format` raises.
std::string error_of(const std::string& text, PatternFormat format,
                     const PatternLimits& limits = {}) {
  try {
    parse_pattern(text, format, "", limits);
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    return e.what();
  }
  return "no error";
}

// `text` as one gzip member (deflate level 9).
std::string gzip(const std::string& text) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

const char* const kGlider = "x = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n";

// What bgolly writes for a glider with #CXRLE Pos=-7,5 at generation 0 (-o gp.mc) and after 4
// generations (the glider has moved one cell right and down; Golly adds #G).
const char* const kGliderMc = "[M2] (golly 3.3)\n#R B3/S23\n$$$$..*$...*$.***$\n4 0 0 1 0\n";
const char* const kGliderMcGen4 =
    "[M2] (golly 3.3)\n#R B3/S23\n#G 4\n$$$$$...*$....*$..***$\n4 0 0 1 0\n";

}  // namespace

TEST_CASE("gzip: compressed input is recognised by content and inflated") {
  const golly::TempDir dir;
  const std::string gz = gzip(kGlider);
  for (const char* name : {"glider.rle.gz", "glider.rle", "glider", "glider.gz", "glider.txt"}) {
    CAPTURE(name);
    write_file(dir.file(name), gz);
    const Pattern p = read_pattern(dir.file(name));
    CHECK(p.format == PatternFormat::rle);
    CHECK(rows(p) == ".O./..O/OOO");
    REQUIRE(p.rule);
    CHECK(p.rule->to_string() == "B3/S23");
  }
  // A file named .gz that is not compressed (Golly ships one: weekender-distaff.rle.gz).
  write_file(dir.file("plain.rle.gz"), kGlider);
  CHECK(rows(read_pattern(dir.file("plain.rle.gz"))) == ".O./..O/OOO");
  // Each format, compressed: macrocell by its header, Life 1.05 by its name.
  write_file(dir.file("g.mc.gz"), gzip(kGliderMc));
  CHECK(read_pattern(dir.file("g.mc.gz")).format == PatternFormat::macrocell);
  write_file(dir.file("g.lif.gz"), gzip("#Life 1.05\n#P\n.*\n..*\n***\n"));
  CHECK(rows(read_pattern(dir.file("g.lif.gz"))) == ".O./..O/OOO");
  // Several members, as `cat a.gz b.gz` makes, inflate to one text.
  write_file(dir.file("two.rle.gz"), gzip("x = 3, y = 3\nbo$2bo$") + gzip("3o!\n"));
  CHECK(rows(read_pattern(dir.file("two.rle.gz"))) == ".O./..O/OOO");
  // Line numbers in errors are those of the inflated text.
  write_file(dir.file("bad.rle.gz"), gzip("#C one\nx = 3, y = 3\nbo$2bo$3oq!\n"));
  const auto [bad, bad_code] = read_error(dir.file("bad.rle.gz"));
  CHECK(bad_code == ExitCode::data);
  CHECK(bad.find(dir.file("bad.rle.gz") + ":3:10: unsupported cell state 'q'") == 0);
  // gunzip_pattern, for text already in memory.
  CHECK(gunzip_pattern(gz) == kGlider);
}

TEST_CASE("gzip: bombs, corrupt and truncated data are refused") {
  const golly::TempDir dir;
  PatternLimits limits;
  limits.max_bytes = 1 << 20;
  // 64 MiB of dead cells in 64 KiB: refused once 1 MiB is out, without inflating the rest.
  const std::string member = gzip(std::string(1 << 20, 'b'));
  std::string bomb;
  for (int i = 0; i < 64; ++i) bomb += member;
  CHECK(bomb.size() < 100'000);
  write_file(dir.file("bomb.rle.gz"), bomb);
  const auto [message, code] = read_error(dir.file("bomb.rle.gz"), limits);
  CHECK(code == ExitCode::data);
  CHECK(message == dir.file("bomb.rle.gz") +
                       ": the gzip-compressed pattern inflates to more than 1048576 bytes, the "
                       "largest input mpilife reads; it was not inflated further");
  // Exactly the limit is fine.
  write_file(dir.file("full.rle.gz"), gzip(std::string((1 << 20) - 2, 'b') + "o!"));
  CHECK(read_pattern(dir.file("full.rle.gz"), limits).cells.size() == 1);

  std::string corrupt = gzip(kGlider);
  corrupt[12] = static_cast<char>(corrupt[12] ^ 0x55);
  corrupt[13] = static_cast<char>(corrupt[13] ^ 0x55);
  write_file(dir.file("corrupt.rle.gz"), corrupt);
  const auto [bad, bad_code] = read_error(dir.file("corrupt.rle.gz"));
  CHECK(bad_code == ExitCode::data);
  CHECK(bad.find(dir.file("corrupt.rle.gz") + ": ") == 0);
  CHECK(bad.find("gzip data") != std::string::npos);

  const std::string whole = gzip(kGlider);
  write_file(dir.file("cut.rle.gz"), whole.substr(0, whole.size() - 6));
  CHECK(read_error(dir.file("cut.rle.gz")).first ==
        dir.file("cut.rle.gz") + ": the gzip data ends early (a truncated file?)");
  write_file(dir.file("tail.rle.gz"), whole + "junk");
  CHECK(read_error(dir.file("tail.rle.gz")).first ==
        dir.file("tail.rle.gz") + ": unexpected data after the end of the gzip stream");
}

TEST_CASE("not patterns: ZIP archives and scripts are refused by name") {
  const golly::TempDir dir;
  write_file(dir.file("set.zip"), std::string("PK\x03\x04", 4) + "rest of an archive");
  const auto [zip, zip_code] = read_error(dir.file("set.zip"));
  CHECK(zip_code == ExitCode::data);
  CHECK(zip.find("a ZIP archive, not a pattern") != std::string::npos);
  write_file(dir.file("loop.lua"), "-- a Golly script\nlocal g = golly()\n");
  CHECK(read_error(dir.file("loop.lua")).first.find("a Golly Lua script, not a pattern") !=
        std::string::npos);
}

TEST_CASE("macrocell: Golly's quadtree, its position and generation") {
  const Pattern p = parse_pattern(kGliderMc, PatternFormat::macrocell);
  CHECK(p.format == PatternFormat::macrocell);
  CHECK(rows(p) == ".O./..O/OOO");
  REQUIRE(p.origin);
  CHECK(*p.origin == PatternOrigin{-7, 5});  // what the RLE given to bgolly said
  CHECK(p.generation == 0);
  REQUIRE(p.rule);
  CHECK(p.rule->to_string() == "B3/S23");
  const Pattern later = parse_pattern(kGliderMcGen4, PatternFormat::macrocell);
  CHECK(rows(later) == ".O./..O/OOO");
  CHECK(*later.origin == PatternOrigin{-6, 6});
  CHECK(later.generation == 4);
  // One cell at Golly's 0,0 sits in the root's north-east quadrant, bottom row (bgolly's output).
  const Pattern one = parse_pattern("[M2] (golly 3.3)\n#R B3/S23\n$$$$$$$*$\n4 0 1 0 0\n",
                                    PatternFormat::macrocell);
  CHECK(*one.origin == PatternOrigin{0, 0});
  // Deeper trees, comments, no rule line (Golly's default Life), blank lines.
  const Pattern deep = parse_pattern(
      "[M2] (golly 2.0)\n#C a comment\n#O someone\n\n$$$....*$\n4 1 0 0 0\n5 0 0 0 2\n6 0 0 0 "
      "3\n",
      PatternFormat::macrocell);
  CHECK_FALSE(deep.rule);
  CHECK(deep.comments == std::vector<std::string>{"a comment", "someone"});
  CHECK(*deep.origin == PatternOrigin{20, 20});  // bgolly's -o of a cell at Pos=20,20
  CHECK(deep.cells.size() == 1);
  // Shared nodes expand once per use: four gliders.
  const Pattern four =
      parse_pattern("[M2]\n$$$$..*$...*$.***$\n4 1 1 1 1\n", PatternFormat::macrocell);
  CHECK(four.cells.size() == 20);
  CHECK(four.width == 11);
  CHECK(four.height == 11);
  // An empty universe.
  const Pattern empty = parse_pattern("[M2] (golly 3.3)\n#R B3/S23\n", PatternFormat::macrocell);
  CHECK(empty.cells.empty());
  CHECK_FALSE(empty.origin);
}

TEST_CASE("macrocell: multi-state leaves and LifeHistory") {
  // Level-1 squares "1 nw ne sw se" of states; LifeHistory's odd states are alive.
  const Pattern p =
      parse_pattern("[M2] (golly 3.3)\n#R LifeHistory\n1 1 2 3 4\n1 5 6 0 0\n2 1 2 0 2\n",
                    PatternFormat::macrocell);
  CHECK(rows(p) == "O.O/O../..O");
  CHECK(p.note.find("LifeHistory read as Life") != std::string::npos);
  REQUIRE(p.rule);
  CHECK(p.rule->to_string() == "B3/S23");
  const Pattern life =
      parse_pattern("[M2]\n#R B3/S23\n1 0 1 1 0\n2 1 0 0 1\n", PatternFormat::macrocell);
  CHECK(rows(life) == ".O../O.../...O/..O.");
  CHECK(life.note.empty());
  CHECK(error_of("[M2]\n1 0 2 0 0\n", PatternFormat::macrocell) ==
        "2:1: state 2 in a macrocell file of a two-state rule (states 0 and 1)");
}

TEST_CASE("macrocell: malformed files name the line and column") {
  const std::pair<const char*, const char*> cases[] = {
      {"x = 3, y = 3\n3o!\n",
       "1:1: expected the macrocell header '[M2]' (Golly's format version 2), got 'x = 3, y = "
       "3'"},
      {"", "1:1: expected the macrocell header '[M2]', got an empty file"},
      {"[M2]\n$$*x$\n", "2:4: unexpected 'x' in a macrocell leaf (expected . * or $)"},
      {"[M2]\n.........*$\n", "2:9: a macrocell leaf row has at most 8 cells"},
      {"[M2]\n$$$$$$$$*\n", "2:9: a macrocell leaf has at most 8 rows"},
      {"[M2]\n*\n4 1 0 0 2\n",
       "3:1: node 2 uses node 2, which is not defined before it (nodes are numbered from 1 in "
       "the order of the file)"},
      {"[M2]\n*\n4 1 0 0 0\n5 1 0 0 0\n", "4:1: node 3 of level 5 uses node 1 of level 3, not 4"},
      {"[M2]\n*\n3 1 0 0 0\n", "3:1: a node over 8x8 leaves has level 4 or more, not 3"},
      {"[M2]\n63 0 0 0 0\n",
       "2:1: macrocell node level must be a whole number from 1 to 62 (the coordinates mpilife "
       "can hold)"},
      {"[M2]\n*\n4 1 0 0\n", "3:8: a macrocell node line has 5 numbers: level nw ne sw se"},
      {"[M2]\n*\n4 1 0 0 0 0\n", "3:11: unexpected '0' after the macrocell node"},
      {"[M2]\n*\n4,1,0,0,0\n", "3:2: unexpected ',' in a macrocell node line"},
      {"[M2]\nx\n",
       "2:1: unexpected 'x' in a macrocell file (expected a leaf of . * $, or a node line 'level "
       "nw ne sw se')"},
      {"[M2]\n*\n1 0 1 0 0\n",
       "3:1: a level-1 state square in a macrocell file whose leaves are 8x8 rasters"},
      {"[M2]\n#G 12x\n", "2:6: unexpected 'x' after #G"},
      {"[M2]\n#G\n", "2:3: expected the generation (a whole number of at most 18 digits) after #G"},
      {"[M2]\n#R B3/S23x\n",
       "2:10: invalid rule \"B3/S23x\": unexpected 'x' (expected e.g. B3/S23, "
       "b36s23, 23/3, B3/S23:T64,64)"},
      {"[M2]\n#R w22\n",
       "2:4: rule 'w22' is a one-dimensional Wolfram rule, which mpilife does not run; it runs "
       "Life-like (outer-totalistic) rules such as B3/S23"},
  };
  for (const auto& [text, message] : cases) {
    CAPTURE(text);
    CHECK(error_of(text, PatternFormat::macrocell) == message);
  }
}

TEST_CASE("macrocell: the live-cell limit is checked before anything is expanded") {
  // A full leaf doubled 40 times: 64 * 4^37 cells, far past any limit, refused at once.
  std::string text =
      "[M2]\n********$********$********$********$********$********$********$********$\n";
  for (int level = 4, node = 1; level <= 40; ++level, ++node) {
    text += std::to_string(level) + " " + std::to_string(node) + " " + std::to_string(node) + " " +
            std::to_string(node) + " " + std::to_string(node) + "\n";
  }
  CHECK(error_of(text, PatternFormat::macrocell) ==
        "39:1: pattern has more than 4611686018427387904 live cells, more than the 100000000 any "
        "pattern may hold");
  PatternLimits limits;
  limits.max_cells = 1000;
  const std::string small =
      "[M2]\n********$********$********$********$********$********$********$********$\n4 1 1 1 "
      "1\n5 2 2 2 2\n";
  CHECK(error_of(small, PatternFormat::macrocell, limits) ==
        "4:1: pattern has 1024 live cells, more than the 1000 any pattern may hold");
  limits.max_cells = 1024;
  CHECK(parse_pattern(small, PatternFormat::macrocell, "", limits).cells.size() == 1024);
  // Sparse but too wide: two cells 2^40 apart are refused before expansion too.
  std::string wide = "[M2]\n*\n";
  for (int level = 4, node = 1; level <= 41; ++level, ++node) {
    wide += std::to_string(level) + " " + std::to_string(node) + " 0 0 " +
            (level == 41 ? std::to_string(node) : std::string("0")) + "\n";
  }
  CHECK(error_of(wide, PatternFormat::macrocell) ==
        "40:1: pattern spans more than 1000000000 cells in one direction");
}

TEST_CASE("#CXRLE: position and generation") {
  const Pattern p = parse_pattern("#CXRLE Pos=-7,5 Gen=3480106827776\n" + std::string(kGlider),
                                  PatternFormat::rle);
  REQUIRE(p.origin);
  CHECK(*p.origin == PatternOrigin{-7, 5});
  CHECK(p.generation == 3480106827776);
  const Pattern gen_only =
      parse_pattern("#CXRLE Gen=9\n" + std::string(kGlider), PatternFormat::rle);
  CHECK_FALSE(gen_only.origin);
  CHECK(gen_only.generation == 9);
  const Pattern other_keys =
      parse_pattern("#CXRLE  Foo=1 Pos=+3,-4  Bar\n" + std::string(kGlider), PatternFormat::rle);
  CHECK(*other_keys.origin == PatternOrigin{3, -4});
  CHECK_FALSE(parse_pattern(kGlider, PatternFormat::rle).origin);
  CHECK(error_of("#CXRLE Pos=1\nx = 1, y = 1\no!", PatternFormat::rle) ==
        "1:13: expected ',' between the x and y of Pos in #CXRLE");
  CHECK(error_of("#CXRLE Pos=a,1\nx = 1, y = 1\no!", PatternFormat::rle) ==
        "1:12: expected Pos=<x>,<y> (whole numbers of at most 18 digits) in #CXRLE");
  CHECK(error_of("#CXRLE Gen=-1\nx = 1, y = 1\no!", PatternFormat::rle) ==
        "1:12: expected Gen=<generation> (a whole number of at most 18 digits) in #CXRLE");
  CHECK(error_of("#CXRLE Gen=1234567890123456789\nx = 1, y = 1\no!", PatternFormat::rle) ==
        "1:12: expected Gen=<generation> (a whole number of at most 18 digits) in #CXRLE");
}

TEST_CASE("Life 1.05: bare #P, #R and #N as Golly reads them") {
  const Pattern acorn =
      parse_pattern("#Life 1.05\n#D Acorn\n#P\n.*\n...*\n**..***\n", PatternFormat::life105);
  CHECK(rows(acorn) == ".O...../...O.../OO..OOO");
  CHECK(*acorn.origin == PatternOrigin{0, 0});
  // A bare #P after a block continues below it; #P x y moves.
  const Pattern blocks =
      parse_pattern("#Life 1.05\n#P -2 -1\n*\n#P\n.*\n#P 3 0\n*\n", PatternFormat::life105);
  CHECK(rows(blocks) == "O...../.O...O");
  CHECK(*blocks.origin == PatternOrigin{-2, -1});
  const Pattern seeds = parse_pattern("#Life 1.05\n#R B234\n#P 0 0\n**\n", PatternFormat::life105);
  CHECK(seeds.rule->to_string() == "B234/S");
  const Pattern s_b = parse_pattern("#Life 1.05\n#R 23/3\n*\n", PatternFormat::life105);
  CHECK(s_b.rule->rule.is_conway());
  CHECK(error_of("#Life 1.05\n#R 12/34/3\n*\n", PatternFormat::life105) ==
        "2:9: rule '12/34/3' is a Generations rule (dying cells pass through extra states), "
        "which mpilife does not run; it runs Life-like (outer-totalistic) rules such as B3/S23");
  const Pattern life106 = parse_pattern("#Life 1.06\n-5 7\n-4 8\n", PatternFormat::life106);
  CHECK(*life106.origin == PatternOrigin{-5, 7});
}

TEST_CASE("rules with one part and rule families in pattern files") {
  CHECK(parse_pattern("x = 1, y = 1, rule = B3/S\no!", PatternFormat::rle).rule->to_string() ==
        "B3/S");
  CHECK(parse_pattern("x = 1, y = 1, rule = S23\no!", PatternFormat::rle).rule->to_string() ==
        "B/S23");
  CHECK(error_of("x = 1, y = 1, rule = B2ae/S\no!", PatternFormat::rle) ==
        "1:24: rule 'B2ae/S' is isotropic non-totalistic (Hensel notation), which mpilife does "
        "not run; it runs Life-like (outer-totalistic) rules such as B3/S23");
  CHECK(error_of("x = 1, y = 1, rule = B3/S23:T0,68\no!", PatternFormat::rle) ==
        "1:29: rule 'B3/S23:T0,68' has the bounded grid ':T0,68', a tube (a torus of infinite "
        "width or height), which mpilife does not run; it runs a torus :T<W>,<H> or a plane "
        ":P<W>,<H> of finite size (or the unbounded universe without a suffix)");
  CHECK(error_of("x = 1, y = 1, rule = WireWorld\nA!", PatternFormat::rle)
            .find("rule 'WireWorld' names a rule of another kind") != std::string::npos);
}

TEST_CASE("LifeHistory RLE reads as Life with a note") {
  const Pattern p = parse_pattern("x = 7, y = 2, rule = LifeHistory:T20,10\n.ABCDEF$o2b2A!\n",
                                  PatternFormat::rle);
  CHECK(rows(p) == ".O.O.O./O..OO..");
  REQUIRE(p.rule);
  CHECK(p.rule->to_string() == "B3/S23:T20,10");
  CHECK(p.note ==
        "rule LifeHistory read as Life (B3/S23), as Golly's states mean: states 1, 3 and 5 (o/A, "
        "C, E: on, marked on, start on) alive; 2, 4 and 6 (B, D, F: history, marked off, "
        "boundary) dead");
  CHECK(parse_pattern(kGlider, PatternFormat::rle).note.empty());
  CHECK(error_of("x = 2, y = 1, rule = LifeHistory\nAG!", PatternFormat::rle) ==
        "2:2: unexpected cell state 'G' in a LifeHistory pattern (its states are . or b, and A to "
        "F)");
  CHECK(error_of("x = 2, y = 1, rule = LifeHistory:K20*,10\nA!", PatternFormat::rle)
            .find("1:34: rule 'LifeHistory:K20*,10' has the bounded grid ':K20*,10', a Klein "
                  "bottle") == 0);
  // Only a LifeHistory rule makes B..F states.
  CHECK(error_of("x = 2, y = 1, rule = B3/S23\nAC!", PatternFormat::rle) ==
        "2:2: unsupported cell state 'C' (two-state RLE uses b or . for dead, o or A for alive)");
}

TEST_CASE("MCell: Life-like files load, other games are refused by family") {
  const Pattern p = parse_pattern(
      "#MCell 4.00\n#GAME Life\n#RULE 23/36\n#D HighLife glider\n#D second line\n#L .A$..A$3A\n",
      PatternFormat::mcell);
  CHECK(p.format == PatternFormat::mcell);
  CHECK(rows(p) == ".O./..O/OOO");
  REQUIRE(p.rule);
  CHECK(p.rule->to_string() == "B36/S23");
  CHECK(p.comments == std::vector<std::string>{"HighLife glider", "second line"});
  CHECK(*p.origin == PatternOrigin{0, 0});
  // A board makes the rule bounded; Golly centres the pattern on it.
  const Pattern board =
      parse_pattern("#MCell 4.00\n#GAME Life\n#RULE 23/3\n#BOARD 20x10\n#WRAP 1\n#L 2.A$3.A$.3A\n",
                    PatternFormat::mcell);
  CHECK(board.rule->to_string() == "B3/S23:T20,10");
  CHECK(*board.origin == PatternOrigin{-9 + 9, -5 + 4});
  CHECK(rows(board) == ".O./..O/OOO");
  const Pattern plane =
      parse_pattern("#MCell 4.00\n#BOARD 7x7\n#WRAP 0\n#L A\n", PatternFormat::mcell);
  CHECK(plane.rule->to_string() == "B3/S23:P7,7");
  CHECK(*plane.origin == PatternOrigin{0, 0});
  // MCell's HistoricalLife table reads as LifeHistory, so as Life with a note.
  const Pattern history = parse_pattern(
      "#MCell 4.00\n#GAME Rules table\n#RULE "
      "1,0,1,0,0,0,1,0,0,0,0,0,0,2,2,1,1,2,2,2,2,2,0,2,2,2,1,2,2,2,2,2,\n#L ABC$3.E\n",
      PatternFormat::mcell);
  CHECK(rows(history) == "O.O./...O");
  CHECK_FALSE(history.note.empty());
  CHECK(error_of("#MCell 4.00\n#GAME Generations\n#RULE 012345/458/3\n#L A\n",
                 PatternFormat::mcell) ==
        "2:7: MCell game 'Generations' (rule '012345/458/3') is a Generations rule (dying cells "
        "pass through extra states), which mpilife does not run; it runs Life-like "
        "(outer-totalistic) rules such as B3/S23");
  CHECK(error_of("#MCell 4.00\n#RULE 012345/458/3\n#L A\n", PatternFormat::mcell)
            .find("2:17: rule '012345/458/3' is a Generations rule") == 0);
  CHECK(error_of("#MCell 4.00\n#GAME Life\n#L AB\n", PatternFormat::mcell) ==
        "3:5: state 2 in an MCell pattern of a Life-like rule (its states are . and A)");
  CHECK(error_of("#MCell 4.00\n#L A?\n", PatternFormat::mcell) ==
        "2:5: unexpected '?' in MCell cells (expected . $ a state A..X or a count)");
  CHECK(error_of("#MCell 4.00\n#BOARD 20y10\n", PatternFormat::mcell) ==
        "2:10: expected 'x' between the board's width and height");
  CHECK(error_of("#MCell 4.00\nA\n", PatternFormat::mcell) ==
        "2:1: unexpected 'A' in an MCell file (its lines start with #)");
  CHECK(detect_format("x.mcl", "#MCell 4.00\n") == PatternFormat::mcell);
  CHECK(detect_format("x.rle", "#MCell 4.00\n") == PatternFormat::mcell);
  CHECK(detect_format("x.rle", "[M2] (golly 3.3)\n") == PatternFormat::macrocell);
  CHECK(detect_format("x.mc", "") == PatternFormat::macrocell);
  CHECK(detect_format("x.mc.gz", "") == PatternFormat::macrocell);
  CHECK(detect_format("x.rle.gz", "o!") == PatternFormat::rle);
}

namespace {

// Why a file of Golly's collection was refused, in a word or two: the family a message names, or
// "other" (which the sweep treats as a failure: a generic parse error).
std::string reason_of(const std::string& message) {
  const std::pair<const char*, const char*> reasons[] = {
      {"isotropic non-totalistic", "Hensel notation"},
      {"Generations", "Generations"},
      {"Larger than Life", "Larger than Life"},
      {"hexagonal", "hexagonal"},
      {"von Neumann", "von Neumann"},
      {"MAP rule", "MAP"},
      {"Wolfram", "Wolfram"},
      {"a tube", "tube"},
      {"infinite width or height", "infinite plane"},
      {"shifted edges", "shifted torus"},
      {"Klein bottle", "Klein bottle"},
      {"cross-surface", "cross-surface"},
      {"a sphere", "sphere"},
      {"names a rule of another kind", "named rule"},
      {"a rule table", "rule table"},
      {"ZIP archive", "ZIP archive"},
      {"script, not a pattern", "script"},
      {"live cells, more than the", "over the cell limit"},
      {"spans more than", "too wide"},
  };
  for (const auto& [needle, reason] : reasons) {
    if (message.find(needle) != std::string::npos) return reason;
  }
  return "other";
}

// Every file under `folder`, sorted.
std::vector<std::filesystem::path> files_under(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Loads every file under `folder`: each either loads or is refused with a family message; prints
// the count by reason.
void sweep(const std::filesystem::path& folder, const PatternLimits& limits) {
  std::map<std::string, int> counts;
  int loaded = 0;
  for (const auto& path : files_under(folder)) {
    const std::string file = path.string();
    CAPTURE(file);
    try {
      const Pattern p = read_pattern(file, limits);
      ++loaded;
      CHECK(static_cast<std::int64_t>(p.cells.size()) <= limits.max_cells);
    } catch (const Error& e) {
      const std::string reason = reason_of(e.what());
      CHECK_MESSAGE(reason != "other", e.what());
      CHECK(e.code() == ExitCode::data);
      ++counts[reason];
    }
  }
  std::ostringstream summary;
  summary << folder.string() << ": " << loaded << " loaded";
  for (const auto& [reason, n] : counts) summary << ", " << n << " refused (" << reason << ")";
  MESSAGE(summary.str());
  CHECK(loaded > 0);
}

}  // namespace

TEST_CASE("Golly's Life/ folder: every file loads or is refused by family") {
  if (!std::filesystem::exists(kGollyPatterns / "Life")) {
    MESSAGE(
        "Golly's patterns not found at /usr/share/golly/Patterns (Debian package golly): "
        "skipped");
    return;
  }
  sweep(kGollyPatterns / "Life", PatternLimits{});
  // Files named in issue 12.
  const Pattern acorn = read_pattern((kGollyPatterns / "Life/Methuselahs/acorn.lif").string());
  CHECK(rows(acorn) == ".O...../...O.../OO..OOO");
  const Pattern rabbits = read_pattern((kGollyPatterns / "Life/Methuselahs/rabbits.lif").string());
  CHECK(rabbits.cells.size() == 9);
  CHECK(rabbits.width == 7);
  CHECK(rabbits.height == 3);
  const Pattern torus = read_pattern((kGollyPatterns / "Life/Bounded-Grids/torus.rle").string());
  CHECK(torus.rule->to_string() == "B3/S23:T31,20");
  CHECK_FALSE(torus.note.empty());
  CHECK(*torus.origin == PatternOrigin{-2, -2});
  const Pattern gun =
      read_pattern((kGollyPatterns / "Life/Guns/infinite-Corderships-gun.rle.gz").string());
  CHECK(gun.cells.size() > 1000);
}

TEST_CASE("Golly's HashLife/ folder: every file loads or is refused by family") {
  if (!std::filesystem::exists(kGollyPatterns / "HashLife")) {
    MESSAGE(
        "Golly's patterns not found at /usr/share/golly/Patterns (Debian package golly): "
        "skipped");
    return;
  }
  // A limit of 10 million live cells keeps the sweep fast; larger files are refused before
  // they are expanded, which is what this checks for them.
  PatternLimits limits;
  limits.max_cells = 10'000'000;
  sweep(kGollyPatterns / "HashLife", limits);
}

TEST_CASE("macrocell against bgolly: the same cells at generation 0, and Golly's position") {
  if (!golly::have_bgolly() || !std::filesystem::exists(kGollyPatterns / "HashLife")) {
    MESSAGE("bgolly or Golly's patterns not found (Debian package golly): skipped");
    return;
  }
  const golly::TempDir dir;
  // Shape and cells: bgolly writes the bounding box of the live cells as RLE.
  for (const char* name : {"jagged.mc", "gotts-dots.mc", "totalperiodic.mc", "ruler.mc",
                           "hashlife-oddity1.mc", "nick-gotts-2.mc", "wedge-grow.mc"}) {
    CAPTURE(name);
    const std::string in = (kGollyPatterns / "HashLife" / name).string();
    const std::string out = dir.file("out.rle");
    REQUIRE(golly::shell(std::string(golly::kBgolly) + " -q -q -a HashLife -m 0 -o " + out + " " +
                         in + " > /dev/null 2>&1"));
    const Pattern theirs = read_pattern(out);
    const Pattern ours = read_pattern(in);
    CHECK(ours.width == theirs.width);
    CHECK(ours.height == theirs.height);
    CHECK(ours.cells.size() == theirs.cells.size());
    CHECK(ours.cells == theirs.cells);
  }
  // Position and generation: an RLE placed with #CXRLE Pos, written by bgolly as .mc after N
  // generations, reads back at Pos (gliders move one cell right and down every 4 generations).
  const std::pair<std::int64_t, std::int64_t> positions[] = {
      {-7, 5}, {0, 0}, {-1, -1}, {100, -3}, {-20000, 33333}, {123456, 7}};
  for (const auto& [x, y] : positions) {
    for (int generations : {0, 8}) {
      CAPTURE(x);
      CAPTURE(y);
      CAPTURE(generations);
      const std::string in = dir.file("placed.rle");
      const std::string out = dir.file("placed.mc");
      write_file(in, "#CXRLE Pos=" + std::to_string(x) + "," + std::to_string(y) + "\n" + kGlider);
      REQUIRE(golly::shell(std::string(golly::kBgolly) + " -q -q -a HashLife -m " +
                           std::to_string(generations) + " -o " + out + " " + in +
                           " > /dev/null 2>&1"));
      const Pattern p = read_pattern(out);
      CHECK(rows(p) == ".O./..O/OOO");
      REQUIRE(p.origin);
      CHECK(*p.origin == PatternOrigin{x + generations / 4, y + generations / 4});
      CHECK(p.generation == generations);
    }
  }
}
