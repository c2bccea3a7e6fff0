// libFuzzer target for one pattern reader (MPILIFE_FUZZ_FORMAT: 0 RLE, 1 plaintext, 2 Life 1.06,
// 3 Life 1.05, 4 macrocell, 5 MCell), for detect_format + parse_pattern (without it: the first
// byte modulo 8 picks the file name: '0' no extension, '1' .rle, '2' .cells, '3' .lif, '4' .life,
// '5' .txt, '6' .mc, '7' .mcl) or, with MPILIFE_FUZZ_GZIP, for gunzip_pattern + detection +
// parsing of the inflated text. Beyond "no crash, no sanitizer report", every input that parses
// must give a pattern whose cells lie inside its box, sorted without duplicates, within the cell
// budget of its size (a macrocell: within the limit on any pattern), that write_rle turns into RLE
// parsing back to the same pattern, and that write_macrocell turns into a macrocell parsing back to
// the same cells at the same place; every error must be a data error with a short message. The
// macrocell, detection and gzip targets run with a limit of 2^20 live cells, since a few bytes of
// macrocell may stand for millions of cells.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/io/macrocell_writer.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/io/rle_writer.hpp"
#include "require.hpp"

using namespace mpilife;

namespace {

using fuzz::require;

// The largest box the round trip draws densely (larger boxes are checked without it).
constexpr std::int64_t kMaxDenseBox = std::int64_t{1} << 22;

// The most live cells the macrocell round trip writes (it costs a tree of up to 30 levels).
constexpr std::size_t kMaxMacrocellCells = 256;

// The box holds every cell, the cells are in row-major order without duplicates, and there are no
// more than the input's size allows.
void check_cells(const Pattern& p, std::size_t size, const PatternLimits& limits) {
  require(p.width >= 0 && p.height >= 0, "box has a negative side");
  require(p.width <= 1'000'000'000 && p.height <= 1'000'000'000, "box over the side limit");
  const std::int64_t budget =
      p.format == PatternFormat::macrocell ? limits.max_cells : limits.cell_budget(size);
  require(static_cast<std::int64_t>(p.cells.size()) <= budget,
          "more cells than the budget of the input's size");
  require(static_cast<std::int64_t>(p.comments.size()) <= limits.max_comments,
          "more comments than the limit");
  for (std::size_t i = 0; i < p.cells.size(); ++i) {
    const Cell& c = p.cells[i];
    require(c.x >= 0 && c.y >= 0 && c.x < p.width && c.y < p.height, "cell outside the box");
    if (i == 0) continue;
    const Cell& b = p.cells[i - 1];
    require(b.y < c.y || (b.y == c.y && b.x < c.x), "cells unsorted or duplicated");
  }
}

// write_rle of the pattern parses back to the same box, cells, rule and comments.
void check_round_trip(const Pattern& p) {
  if (p.width == 0 || p.height == 0 || p.width * p.height > kMaxDenseBox) return;
  std::vector<std::uint8_t> dense(static_cast<std::size_t>(p.width * p.height), 0);
  for (const Cell& c : p.cells) dense[static_cast<std::size_t>(c.y * p.width + c.x)] = 1;
  std::ostringstream out;
  write_rle(out, dense.data(), p.width, p.height, p.rule ? p.rule->to_string() : "", p.comments);
  const Pattern back = parse_pattern(out.str(), PatternFormat::rle);
  require(back.width == p.width && back.height == p.height, "round trip changed the box");
  require(back.cells == p.cells, "round trip changed the cells");
  require(back.comments == p.comments, "round trip changed the comments");
  require(back.rule.has_value() == p.rule.has_value(), "round trip lost or added the rule");
  if (p.rule) require(back.rule->to_string() == p.rule->to_string(), "round trip changed the rule");
}

// write_macrocell of the pattern at its Golly coordinates parses back to the same cells, place,
// rule, generation and comments.
void check_macrocell_round_trip(const Pattern& p, const PatternLimits& limits) {
  if (p.generation < 0) return;  // no file of Golly's says a negative generation
  if (p.cells.size() > kMaxMacrocellCells) return;
  const PatternOrigin origin = p.origin.value_or(PatternOrigin{});
  std::vector<Cell> cells;
  cells.reserve(p.cells.size());
  for (const Cell& c : p.cells) cells.push_back({origin.x + c.x, origin.y + c.y});
  std::ostringstream out;
  write_macrocell(out, cells, p.rule ? p.rule->to_string() : "", p.generation, p.comments);
  Pattern back;
  try {
    back = parse_pattern(out.str(), PatternFormat::macrocell, "fuzz.mc", limits);
  } catch (const Error&) {
    require(false, "the macrocell written does not parse");
  }
  // The macrocell's box is the live cells' extent, so compare the cells at Golly's coordinates.
  const PatternOrigin back_origin = back.origin.value_or(PatternOrigin{});
  require(back.cells.size() == cells.size(), "macrocell round trip changed the population");
  for (std::size_t i = 0; i < cells.size(); ++i) {
    require(back_origin.x + back.cells[i].x == cells[i].x &&
                back_origin.y + back.cells[i].y == cells[i].y,
            "macrocell round trip moved a cell");
  }
  require(back.generation == p.generation, "macrocell round trip changed the generation");
  require(back.comments == p.comments, "macrocell round trip changed the comments");
  require(back.rule.has_value() == p.rule.has_value(), "macrocell round trip lost the rule");
  if (p.rule) require(back.rule->to_string() == p.rule->to_string(), "macrocell changed the rule");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  PatternLimits limits;
#if !defined(MPILIFE_FUZZ_FORMAT) || MPILIFE_FUZZ_FORMAT == 4
  limits.max_cells = std::int64_t{1} << 20;
#endif
  try {
#if defined(MPILIFE_FUZZ_GZIP)
    limits.max_bytes = std::int64_t{1} << 20;
    const std::string inflated = gunzip_pattern(text, "fuzz.gz", limits);
    require(static_cast<std::int64_t>(inflated.size()) <= limits.max_bytes,
            "inflated past the limit");
    text = inflated;
    const Pattern p = parse_pattern(text, detect_format("fuzz.gz", text), "fuzz.gz", limits);
#elif defined(MPILIFE_FUZZ_FORMAT)
    const Pattern p =
        parse_pattern(text, static_cast<PatternFormat>(MPILIFE_FUZZ_FORMAT), "fuzz", limits);
#else
    static const char* const kNames[] = {"fuzz",      "fuzz.rle", "fuzz.cells", "fuzz.lif",
                                         "fuzz.life", "fuzz.txt", "fuzz.mc",    "fuzz.mcl"};
    if (text.empty()) return 0;
    const std::string name = kNames[static_cast<unsigned char>(text[0]) % 8];
    text.remove_prefix(1);
    const Pattern p = parse_pattern(text, detect_format(name, text), name, limits);
#endif
    check_cells(p, text.size(), limits);
    check_round_trip(p);
    check_macrocell_round_trip(p, limits);
  } catch (const Error& e) {
    require(e.code() == ExitCode::data, "an error other than a data error");
    require(std::string_view(e.what()).size() < 400, "an error message over 400 characters");
  }
  return 0;
}
