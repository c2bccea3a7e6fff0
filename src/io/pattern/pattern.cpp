#include "mpilife/io/pattern.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "mpilife/core/error.hpp"
#include "readers.hpp"

namespace mpilife {

using namespace pattern_io;

namespace {

// The first line that is neither blank nor a comment in any of the formats.
std::string_view first_data_line(std::string_view text) {
  LineReader lines(text);
  Line line;
  while (lines.next(line)) {
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

std::int64_t PatternLimits::cell_budget(std::size_t bytes) const {
  const std::int64_t room = std::max<std::int64_t>(max_cells - base_cells, 0);
  if (cells_per_byte <= 0) return std::min(max_cells, base_cells);
  if (bytes > static_cast<std::uint64_t>(room / cells_per_byte)) return max_cells;
  return std::min(max_cells, base_cells + cells_per_byte * static_cast<std::int64_t>(bytes));
}

Pattern parse_pattern(std::string_view text, PatternFormat format, const std::string& file,
                      const PatternLimits& limits) {
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  const Reporter report(file, limits, text.size());
  switch (format) {
    case PatternFormat::rle:
      return parse_rle(text, file, report);
    case PatternFormat::plaintext:
      return parse_plaintext(text, file, report);
    case PatternFormat::life106:
      return parse_life106(text, file, report);
    case PatternFormat::life105:
      return parse_life105(text, file, report);
  }
  return parse_rle(text, file, report);
}

namespace {

// What kind of file `mode` says a non-regular, non-pipe input is, for the refusal.
std::string kind_of(mode_t mode) {
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

// Reads at most limits.max_bytes + 1 bytes of the open `f`: one byte more than allowed tells a
// file that is too large from one that is exactly as large as allowed.
std::string read_capped(std::FILE* f, std::int64_t max_bytes) {
  std::string text;
  char buffer[65536];
  const auto cap = static_cast<std::size_t>(max_bytes) + 1;
  while (text.size() < cap) {
    const std::size_t want = std::min(sizeof buffer, cap - text.size());
    const std::size_t got = std::fread(buffer, 1, want, f);
    if (got == 0) break;
    text.append(buffer, got);
  }
  return text;
}

}  // namespace

Pattern read_pattern(const std::string& path, const PatternLimits& limits) {
  const auto cannot_open = [&path](const std::string& why) {
    return Error(ExitCode::no_input, "cannot open '" + path + "': " + why);
  };
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw cannot_open(std::strerror(errno));
  struct stat info {};
  if (::fstat(fileno(f), &info) == 0 && !S_ISREG(info.st_mode) && !S_ISFIFO(info.st_mode)) {
    std::fclose(f);
    if (S_ISDIR(info.st_mode)) throw cannot_open(std::strerror(EISDIR));
    throw cannot_open("it is " + kind_of(info.st_mode) + ", not a pattern file or a pipe");
  }
  std::string text = read_capped(f, limits.max_bytes);
  const int err = std::ferror(f) ? errno : 0;
  std::fclose(f);
  if (err != 0) throw cannot_open(std::strerror(err));
  if (static_cast<std::int64_t>(text.size()) > limits.max_bytes) {
    const auto limit = static_cast<std::size_t>(limits.max_bytes);
    throw data_error(position_of(text, limit, path),
                     "pattern input longer than " + std::to_string(limit) +
                         " bytes, the largest mpilife reads (for a larger state, restart from a "
                         "checkpoint)");
  }
  return parse_pattern(text, detect_format(path, text), path, limits);
}

}  // namespace mpilife
