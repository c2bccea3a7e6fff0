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

Pattern parse_life106(std::string_view text, const std::string& file) {
  const Reporter report(file);
  Pattern p;
  p.format = PatternFormat::life106;
  long last_line = 0;
  for (const Line& line : split_lines(text)) {
    const std::string_view s = line.text;
    last_line = line.number;
    if (!s.empty() && s[0] == '#') {
      if (starts_with(s, "#Life")) continue;
      if (starts_with(s, "#N") && s.size() > 2 && is_blank(s[2])) {
        p.name = std::string(trim(s.substr(2)));
      } else if (s.size() > 1) {
        add_comment(p, s.substr(2));
      }
      continue;
    }
    LineCursor at(line, report);
    at.skip_blanks();
    if (at.at_end()) continue;
    p.cells.push_back(read_life106_cell(at));
  }
  normalise(p, report, last_line);
  finish(p, file);
  return p;
}

}  // namespace mpilife::pattern_io
