#include "mpilife/io/pattern.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "readers.hpp"

namespace mpilife::pattern_io {

namespace {

// The header line "x = W, y = H[, rule = R]" of an RLE file.
struct RleHeader {
  std::int64_t width = 0;
  std::int64_t height = 0;
};

// Reads "<key> = <value>" pairs of an RLE header, separated by commas.
RleHeader parse_rle_header(const Line& line, const Reporter& report, Pattern& p) {
  const std::string_view s = line.text;
  RleHeader header;
  bool seen_x = false;
  bool seen_y = false;
  std::size_t i = 0;
  while (true) {
    skip_blanks(s, i);
    if (i >= s.size()) break;
    const std::size_t key_at = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    const std::string key = lower(s.substr(key_at, i - key_at));
    if (key.empty()) report.fail(line.number, key_at, "expected x, y or rule in the RLE header");
    skip_blanks(s, i);
    if (i >= s.size() || s[i] != '=') {
      report.fail(line.number, i, "expected '=' after '" + key + "' in the RLE header");
    }
    ++i;
    skip_blanks(s, i);
    if (key == "x" || key == "y") {
      if (key == "x" ? seen_x : seen_y) {
        report.fail(line.number, key_at, "'" + key + "' appears twice in the RLE header");
      }
      (key == "x" ? seen_x : seen_y) = true;
      std::int64_t v = 0;
      const std::size_t value_at = i;
      if (i < s.size() && s[i] == '-') {
        report.fail(
            line.number, value_at,
            "pattern " + std::string(key == "x" ? "width" : "height") + " must not be negative");
      }
      if (!read_int(s, i, v, false)) {
        if (i < s.size() && is_digit(s[i])) {
          report.fail(line.number, value_at,
                      "pattern size larger than " + std::to_string(kMaxSide) + " cells");
        }
        report.fail(line.number, value_at,
                    "expected a whole number after '" + key + " =' in the RLE header");
      }
      (key == "x" ? header.width : header.height) = v;
      skip_blanks(s, i);
      if (i < s.size()) {
        if (s[i] != ',') {
          report.fail(line.number, i, "unexpected " + describe(s[i]) + " in the RLE header");
        }
        ++i;
      }
    } else if (key == "rule") {
      // The rule runs to the end of the line; Golly writes no trailing comma but tolerates one.
      std::string_view text = s.substr(i);
      while (!text.empty() && (is_blank(text.back()) || text.back() == ',')) text.remove_suffix(1);
      if (text.empty())
        report.fail(line.number, i, "missing rule after 'rule =' in the RLE header");
      p.rule = report.rule(line.number, i, text);
      break;
    } else {
      report.fail(line.number, key_at,
                  "unknown key '" + std::string(s.substr(key_at, key.size())) +
                      "' in the RLE header (expected x, y, rule)");
    }
  }
  if (!seen_x) report.fail(line.number, 0, "RLE header lacks 'x = <width>'");
  if (!seen_y) report.fail(line.number, 0, "RLE header lacks 'y = <height>'");
  return header;
}

}  // namespace

bool is_rle_header(std::string_view s) {
  std::size_t i = 0;
  skip_blanks(s, i);
  return i < s.size() && (s[i] == 'x' || s[i] == 'X') &&
         (i + 1 == s.size() || is_blank(s[i + 1]) || s[i + 1] == '=');
}

Pattern parse_rle(std::string_view text, const std::string& file) {
  const Reporter report(file);
  Pattern p;
  p.format = PatternFormat::rle;
  std::optional<RleHeader> header;
  long header_line = 0;
  bool header_rule = false;
  bool data_started = false;
  std::int64_t x = 0;
  std::int64_t y = 0;
  std::int64_t count = 0;  // pending run count, 0 = none
  long count_line = 0;
  std::size_t count_at = 0;
  bool done = false;

  for (const Line& line : split_lines(text)) {
    const std::string_view s = line.text;
    if (!s.empty() && s[0] == '#') {
      const char kind = s.size() > 1 ? s[1] : '\0';
      const std::string_view rest = s.size() > 2 ? s.substr(2) : std::string_view();
      if (starts_with(s, "#CXRLE")) {
        // Position and generation of an extended RLE; placement is the caller's choice.
      } else if (kind == 'N') {
        p.name = std::string(trim(rest));
      } else if (kind == 'C' || kind == 'c' || kind == 'O') {
        add_comment(p, rest);
      } else if (kind == 'r') {
        const std::size_t at = static_cast<std::size_t>(trim(rest).data() - s.data());
        if (!trim(rest).empty() && !header_rule) p.rule = report.rule(line.number, at, trim(rest));
      }
      // #P and #R give a position, #D and others carry nothing we use.
      continue;
    }
    if (!header && !data_started && count == 0 && is_rle_header(s)) {
      header = parse_rle_header(line, report, p);
      header_rule = p.rule.has_value();
      header_line = line.number;
      continue;
    }
    for (std::size_t i = 0; i < s.size() && !done; ++i) {
      const char c = s[i];
      if (is_blank(c)) {
        // Golly would silently drop the count here; the RLE convention forbids the blank.
        if (count != 0) report.fail(line.number, i, "blank between a run count and its cell tag");
        continue;
      }
      data_started = true;
      if (is_digit(c)) {
        if (count == 0 && c == '0') {
          report.fail(line.number, i, "run count must be at least 1");
        }
        if (count == 0) {
          count_line = line.number;
          count_at = i;
        }
        count = count * 10 + (c - '0');
        if (count > kMaxSide) {
          report.fail(count_line, count_at, "run count larger than " + std::to_string(kMaxSide));
        }
        continue;
      }
      const bool counted = count != 0;
      const std::int64_t n = counted ? count : 1;
      count = 0;
      if (c == 'b' || c == '.') {
        x += n;
      } else if (c == 'o' || c == 'A') {
        if (header && (x + n > header->width || y >= header->height)) {
          report.fail(line.number, i,
                      "live cell at x = " +
                          std::to_string(y >= header->height ? x : std::max(x, header->width)) +
                          ", y = " + std::to_string(y) + " lies outside the " +
                          std::to_string(header->width) + "x" + std::to_string(header->height) +
                          " box of the header on line " + std::to_string(header_line));
        }
        if (x + n > kMaxSide) {
          report.fail(line.number, i, "row longer than " + std::to_string(kMaxSide) + " cells");
        }
        for (std::int64_t k = 0; k < n; ++k) p.cells.push_back({x + k, y});
        x += n;
      } else if (c == '$') {
        y += n;
        x = 0;
        if (y > kMaxSide) {
          report.fail(line.number, i, "pattern taller than " + std::to_string(kMaxSide) + " rows");
        }
      } else if (c == '!') {
        if (counted) report.fail(line.number, i, "run count before '!' has no cell tag to repeat");
        done = true;
      } else if (std::isalpha(static_cast<unsigned char>(c))) {
        report.fail(line.number, i,
                    "unsupported cell state " + describe(c) +
                        " (two-state RLE uses b or . for dead, o or A for alive)");
      } else {
        report.fail(line.number, i,
                    "unexpected " + describe(c) + " in RLE data (expected b, o, $, ! or a count)");
      }
    }
    if (done) break;
  }
  if (count != 0) report.fail(count_line, count_at, "run count at the end has no cell tag");
  if (header) {
    p.width = header->width;
    p.height = header->height;
  }
  finish(p, file);
  return p;
}

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
