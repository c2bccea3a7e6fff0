#include "mpilife/io/pattern.hpp"

#include <sys/stat.h>

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
