#include "mpilife/io/pattern.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "readers.hpp"

namespace mpilife::pattern_io {

Pattern parse_plaintext(std::string_view text, const std::string& file) {
  const Reporter report(file);
  Pattern p;
  p.format = PatternFormat::plaintext;
  std::int64_t row = 0;
  std::int64_t last_row = -1;  // last row holding any cell, dead or alive
  bool started = false;
  for (const Line& line : split_lines(text)) {
    const std::string_view s = line.text;
    if (!s.empty() && s[0] == '!') {
      const std::string_view rest = trim(s.substr(1));
      if (starts_with(lower(rest), "name:")) {
        p.name = std::string(trim(rest.substr(5)));
      } else {
        add_comment(p, rest);
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
    std::size_t i = 0;
    skip_blanks(s, i);
    if (i >= s.size()) continue;
    std::int64_t cx = 0;
    std::int64_t cy = 0;
    if (!read_int(s, i, cx, true)) {
      report.fail(line.number, i,
                  "expected an x coordinate (a whole number from -1000000000 to 1000000000)");
    }
    if (i >= s.size() || !is_blank(s[i])) {
      report.fail(
          line.number, i,
          i < s.size() ? "unexpected " + describe(s[i]) + " after x" : "missing y coordinate");
    }
    skip_blanks(s, i);
    if (!read_int(s, i, cy, true)) {
      report.fail(line.number, i,
                  "expected a y coordinate (a whole number from -1000000000 to 1000000000)");
    }
    skip_blanks(s, i);
    if (i < s.size()) report.fail(line.number, i, "unexpected " + describe(s[i]) + " after y");
    p.cells.push_back({cx, cy});
  }
  normalise(p, report, last_line);
  finish(p, file);
  return p;
}

Pattern parse_life105(std::string_view text, const std::string& file) {
  const Reporter report(file);
  Pattern p;
  p.format = PatternFormat::life105;
  std::int64_t block_x = 0;
  std::int64_t y = 0;
  long last_line = 0;
  for (const Line& line : split_lines(text)) {
    const std::string_view s = line.text;
    last_line = line.number;
    if (!s.empty() && s[0] == '#') {
      const char kind = s.size() > 1 ? s[1] : '\0';
      const std::string_view rest = s.size() > 2 ? s.substr(2) : std::string_view();
      if (starts_with(s, "#Life")) continue;
      if (kind == 'D' || kind == 'C') {
        add_comment(p, rest);
      } else if (kind == 'N') {
        p.rule = RuleSpec{};
      } else if (kind == 'R') {
        const std::string_view rule = trim(rest);
        if (rule.empty()) report.fail(line.number, 2, "missing rule after #R");
        p.rule = report.rule(line.number, static_cast<std::size_t>(rule.data() - s.data()), rule);
      } else if (kind == 'P') {
        std::size_t i = 2;
        skip_blanks(s, i);
        if (!read_int(s, i, block_x, true)) {
          report.fail(line.number, i, "expected the block's x offset after #P");
        }
        skip_blanks(s, i);
        if (!read_int(s, i, y, true)) {
          report.fail(line.number, i, "expected the block's y offset after #P");
        }
        skip_blanks(s, i);
        if (i < s.size()) report.fail(line.number, i, "unexpected " + describe(s[i]) + " after #P");
      }
      continue;
    }
    const std::string_view cells = trim(s);
    if (cells.empty()) continue;
    if (cells.data() != s.data()) report.fail(line.number, 0, "unexpected blank at row start");
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const char c = cells[i];
      if (c == '*' || c == 'O') {
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

namespace mpilife {

using namespace pattern_io;

namespace {

// The first line that is neither blank nor a comment in any of the formats.
std::string_view first_data_line(std::string_view text) {
  for (const Line& line : split_lines(text)) {
    const std::string_view s = trim(line.text);
    if (!s.empty() && s[0] != '#' && s[0] != '!') return s;
  }
  return {};
}

}  // namespace

PatternFormat detect_format(std::string_view path, std::string_view text) {
  const std::size_t dot = path.find_last_of('.');
  const std::size_t slash = path.find_last_of('/');
  const std::string ext =
      dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)
          ? std::string()
          : lower(path.substr(dot + 1));
  if (ext == "rle") return PatternFormat::rle;
  if (ext == "cells") return PatternFormat::plaintext;
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  if (starts_with(text, "#Life 1.06")) return PatternFormat::life106;
  if (starts_with(text, "#Life 1.05")) return PatternFormat::life105;
  const std::string_view data = first_data_line(text);
  const bool numeric = !data.empty() && (is_digit(data[0]) || data[0] == '-' || data[0] == '+');
  if (ext == "lif" || ext == "life")
    return numeric ? PatternFormat::life106 : PatternFormat::life105;
  if (starts_with(text, "#CXRLE") || is_rle_header(data)) return PatternFormat::rle;
  if (starts_with(text, "!")) return PatternFormat::plaintext;
  if (numeric) return PatternFormat::life106;
  if (!data.empty() && data.find_first_not_of(".O*") == std::string_view::npos) {
    return PatternFormat::plaintext;
  }
  return PatternFormat::rle;
}

Pattern parse_pattern(std::string_view text, PatternFormat format, const std::string& file) {
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  switch (format) {
    case PatternFormat::rle:
      return parse_rle(text, file);
    case PatternFormat::plaintext:
      return parse_plaintext(text, file);
    case PatternFormat::life106:
      return parse_life106(text, file);
    case PatternFormat::life105:
      return parse_life105(text, file);
  }
  return parse_rle(text, file);
}

Pattern read_pattern(const std::string& path) {
  const auto cannot_open = [&path](int err) {
    return Error(ExitCode::no_input, "cannot open '" + path + "': " + std::strerror(err));
  };
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw cannot_open(errno);
  struct stat info {};
  if (::fstat(fileno(f), &info) == 0 && S_ISDIR(info.st_mode)) {
    std::fclose(f);
    throw cannot_open(EISDIR);
  }
  std::string text;
  char buffer[65536];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, got);
  const int err = std::ferror(f) ? errno : 0;
  std::fclose(f);
  if (err != 0) throw cannot_open(err);
  return parse_pattern(text, detect_format(path, text), path);
}

}  // namespace mpilife
