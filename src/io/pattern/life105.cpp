#include "mpilife/core/cells.hpp"
#include "readers.hpp"

namespace mpilife::pattern_io {

namespace {

// Reads "#P x y", the top-left corner of the block whose rows follow. A bare "#P" (Golly reads
// acorn.lif and rabbits.lif this way) keeps the position: the next row of the current block, or
// 0,0 before any.
void read_life105_offset(const Line& line, const Reporter& report, std::int64_t& block_x,
                         std::int64_t& y) {
  LineCursor at(line, report, 2);
  at.skip_blanks();
  if (at.at_end()) return;
  if (!at.read_int(block_x, true)) at.fail("expected the block's x offset after #P");
  at.skip_blanks();
  if (!at.read_int(y, true)) at.fail("expected the block's y offset after #P");
  at.skip_blanks();
  if (!at.at_end()) at.fail("unexpected " + describe(at.peek()) + " after #P");
}

}  // namespace

Pattern parse_life105(std::string_view text, const std::string& file, const Reporter& report) {
  Pattern p;
  p.format = PatternFormat::life105;
  std::int64_t block_x = 0;
  std::int64_t y = 0;
  long last_line = 0;
  LineReader lines(text);
  Line line;
  while (lines.next(line)) {
    const std::string_view s = line.text;
    last_line = line.number;
    if (!s.empty() && s[0] == '#') {
      const char kind = s.size() > 1 ? s[1] : '\0';
      const std::string_view rest = s.size() > 2 ? s.substr(2) : std::string_view();
      if (starts_with(s, "#Life")) continue;
      if (kind == 'D' || kind == 'C') {
        report.add_comment(p, line.number, rest);
      } else if (kind == 'N') {
        p.rule = RuleSpec{};  // #N: the normal rule, Conway's B3/S23
      } else if (kind == 'R') {
        const std::string_view rule = trim(rest);
        if (rule.empty()) report.fail(line.number, 2, "missing rule after #R");
        p.rule = report.rule(line.number, static_cast<std::size_t>(rule.data() - s.data()), rule);
      } else if (kind == 'P') {
        read_life105_offset(line, report, block_x, y);
      }
      continue;
    }
    const std::string_view cells = trim(s);
    if (cells.empty()) continue;
    if (cells.data() != s.data()) report.fail(line.number, 0, "unexpected blank at row start");
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const char c = cells[i];
      if (c == '*' || c == 'O') {
        report.need_cells(p, 1, line.number, i);
        p.cells.push_back({block_x + static_cast<std::int64_t>(i), y});
      } else if (c != '.') {
        report.fail(line.number, i,
                    "unexpected " + describe(c) + " in a Life 1.05 row (expected . or *)");
      }
    }
    ++y;
  }
  normalise(p, report, last_line);
  finish(p, file);
  return p;
}

}  // namespace mpilife::pattern_io
