#include <algorithm>

#include "mpilife/core/cells.hpp"
#include "readers.hpp"

namespace mpilife::pattern_io {

Pattern parse_plaintext(std::string_view text, const std::string& file, const Reporter& report) {
  Pattern p;
  p.format = PatternFormat::plaintext;
  std::int64_t row = 0;
  std::int64_t last_row = -1;  // last row holding any cell, dead or alive
  bool started = false;
  LineReader lines(text);
  Line line;
  while (lines.next(line)) {
    const std::string_view s = line.text;
    if (!s.empty() && s[0] == '!') {
      const std::string_view rest = trim(s.substr(1));
      if (lower(rest.substr(0, 5)) == "name:") {
        p.name = std::string(trim(rest.substr(5)));
      } else {
        report.add_comment(p, line.number, rest);
      }
      continue;
    }
    const std::string_view cells = trim(s);
    if (cells.empty()) {
      if (started) ++row;
      continue;
    }
    started = true;
    const std::size_t first = static_cast<std::size_t>(cells.data() - s.data());
    if (first != 0) report.fail(line.number, 0, "unexpected blank at the start of a row");
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const char c = cells[i];
      if (c == 'O' || c == '*') {
        report.need_cells(p, 1, line.number, i);
        p.cells.push_back({static_cast<std::int64_t>(i), row});
      } else if (c != '.') {
        report.fail(line.number, i,
                    "unexpected " + describe(c) + " in plaintext row (expected . or O)");
      }
    }
    if (static_cast<std::int64_t>(cells.size()) > kMaxSide) {
      report.fail(line.number, 0, "row longer than " + std::to_string(kMaxSide) + " cells");
    }
    p.width = std::max(p.width, static_cast<std::int64_t>(cells.size()));
    last_row = row;
    ++row;
  }
  p.height = last_row + 1;
  finish(p, file);
  return p;
}

}  // namespace mpilife::pattern_io
