#include "mpilife/core/cells.hpp"
#include "readers.hpp"

namespace mpilife::pattern_io {

namespace {

// Reads the "x y" coordinate pair of one data line.
Cell read_life106_cell(LineCursor& at) {
  Cell cell;
  if (!at.read_int(cell.x, true)) {
    at.fail("expected an x coordinate (a whole number from -1000000000 to 1000000000)");
  }
  if (at.at_end() || !is_blank(at.peek())) {
    at.fail(!at.at_end() ? "unexpected " + describe(at.peek()) + " after x"
                         : "missing y coordinate");
  }
  at.skip_blanks();
  if (!at.read_int(cell.y, true)) {
    at.fail("expected a y coordinate (a whole number from -1000000000 to 1000000000)");
  }
  at.skip_blanks();
  if (!at.at_end()) at.fail("unexpected " + describe(at.peek()) + " after y");
  return cell;
}

}  // namespace

Pattern parse_life106(std::string_view text, const std::string& file, const Reporter& report) {
  Pattern p;
  p.format = PatternFormat::life106;
  long last_line = 0;
  LineReader lines(text);
  Line line;
  while (lines.next(line)) {
    const std::string_view s = line.text;
    last_line = line.number;
    if (!s.empty() && s[0] == '#') {
      if (starts_with(s, "#Life")) continue;
      if (starts_with(s, "#N") && s.size() > 2 && is_blank(s[2])) {
        p.name = std::string(trim(s.substr(2)));
      } else if (s.size() > 1) {
        report.add_comment(p, line.number, s.substr(2));
      }
      continue;
    }
    LineCursor at(line, report);
    at.skip_blanks();
    if (at.at_end()) continue;
    const Cell cell = read_life106_cell(at);
    report.need_cells(p, 1, line.number, 0);
    p.cells.push_back(cell);
  }
  normalise(p, report, last_line);
  finish(p, file);
  return p;
}

}  // namespace mpilife::pattern_io
