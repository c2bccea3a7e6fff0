#include "mpilife/io/pattern.hpp"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>

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

// The first line that is not blank, trimmed.
std::string_view first_line_after_blanks(std::string_view text) {
  LineReader lines(text);
  Line line;
  while (lines.next(line)) {
    const std::string_view s = trim(line.text);
    if (!s.empty()) return s;
  }
  return {};
}

// Inflates gzip data given in pieces (one or more gzip members, as gzip -c a b > c makes), never
// holding more than `max_bytes` bytes of output: one byte more is the refusal.
class Inflater {
 public:
  Inflater(const std::string& file, std::int64_t max_bytes) : file_(file), max_bytes_(max_bytes) {
    if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) {
      throw Error(ExitCode::software, file + ": cannot start zlib to inflate the gzip data");
    }
  }
  ~Inflater() { inflateEnd(&z_); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Inflates the next `size` bytes of input.
  void feed(const char* data, std::size_t size) {
    while (size > 0) {
      if (member_done_) {
        // Another member must follow, starting with the magic number.
        if (static_cast<unsigned char>(data[0]) != 0x1F ||
            (size > 1 && static_cast<unsigned char>(data[1]) != 0x8B)) {
          fail("unexpected data after the end of the gzip stream");
        }
        inflateReset(&z_);
        member_done_ = false;
      }
      const auto piece =
          static_cast<uInt>(std::min<std::size_t>(size, std::numeric_limits<uInt>::max()));
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
      z_.avail_in = piece;
      while (z_.avail_in > 0 && !member_done_) step();
      const std::size_t used = piece - z_.avail_in;
      data += used;
      size -= used;
    }
  }

  // The whole inflated text; fails when the last member is incomplete.
  std::string finish() {
    if (!member_done_) fail("the gzip data ends early (a truncated file?)");
    return std::move(out_);
  }

 private:
  // One call of inflate() into at most 64 KiB more output.
  void step() {
    char buffer[65536];
    z_.next_out = reinterpret_cast<Bytef*>(buffer);
    z_.avail_out = sizeof buffer;
    const int rc = inflate(&z_, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      fail(std::string("corrupt gzip data (zlib: ") +
           (z_.msg != nullptr ? z_.msg : "error " + std::to_string(rc)) + ")");
    }
    const std::size_t made = sizeof buffer - z_.avail_out;
    if (static_cast<std::int64_t>(out_.size() + made) > max_bytes_) {
      fail("the gzip-compressed pattern inflates to more than " + std::to_string(max_bytes_) +
           " bytes, the largest input mpilife reads; it was not inflated further");
    }
    out_.append(buffer, made);
    if (rc == Z_STREAM_END) member_done_ = true;
    if (rc == Z_BUF_ERROR && made == 0 && z_.avail_in > 0) fail("corrupt gzip data");
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw data_error(SourcePos{file_, 0, 0}, what);
  }

  const std::string& file_;
  std::int64_t max_bytes_;
  z_stream z_{};
  std::string out_;
  bool member_done_ = false;
};

// Refuses files that are not patterns but which Golly's pattern folders also hold: ZIP archives
// of patterns and scripts, Lua and Python scripts.
void refuse_non_patterns(std::string_view path, std::string_view bytes) {
  const auto where = SourcePos{std::string(path), 0, 0};
  if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06")) {
    throw data_error(where,
                     "a ZIP archive, not a pattern (Golly opens it as a folder of patterns and "
                     "scripts); unzip it and give one of its pattern files");
  }
  const std::string name = lower(path);
  for (const char* ext : {".lua", ".py"}) {
    const std::size_t n = std::strlen(ext);
    if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) {
      throw data_error(where,
                       std::string("a Golly ") + (n == 4 ? "Lua" : "Python") +
                           " script, not a pattern (it builds its pattern when Golly runs it); "
                           "save the pattern it makes as .rle or .mc and give that");
    }
  }
}

}  // namespace

PatternFormat detect_format(std::string_view path, std::string_view text) {
  // The extension, ignoring a trailing ".gz" (the content says whether it is compressed).
  std::string name = lower(path);
  const std::size_t slash_at = name.find_last_of('/');
  if (slash_at != std::string::npos) name.erase(0, slash_at + 1);
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) name.resize(name.size() - 3);
  const std::size_t dot = name.find_last_of('.');
  const std::string ext = dot == std::string::npos ? std::string() : name.substr(dot + 1);
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  // Golly's own headers decide first, whatever the name says.
  const std::string_view head = first_line_after_blanks(text);
  if (starts_with(head, "[M2]")) return PatternFormat::macrocell;
  if (starts_with(head, "#MCell")) return PatternFormat::mcell;
  if (ext == "rle") return PatternFormat::rle;
  if (ext == "cells") return PatternFormat::plaintext;
  if (ext == "mc") return PatternFormat::macrocell;
  if (ext == "mcl") return PatternFormat::mcell;
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

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1F &&
         static_cast<unsigned char>(bytes[1]) == 0x8B;
}

std::int64_t PatternLimits::cell_budget(std::size_t bytes) const {
  const std::int64_t room = std::max<std::int64_t>(max_cells - base_cells, 0);
  if (cells_per_byte <= 0) return std::min(max_cells, base_cells);
  if (bytes > static_cast<std::uint64_t>(room / cells_per_byte)) return max_cells;
  return std::min(max_cells, base_cells + cells_per_byte * static_cast<std::int64_t>(bytes));
}

std::string gunzip_pattern(std::string_view bytes, const std::string& file,
                           const PatternLimits& limits) {
  Inflater inflater(file, limits.max_bytes);
  inflater.feed(bytes.data(), bytes.size());
  return inflater.finish();
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
    case PatternFormat::macrocell:
      return parse_macrocell(text, file, report);
    case PatternFormat::mcell:
      return parse_mcell(text, file, report);
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

// Reads the open `f` to its end: the text itself, or the text gzip data inflates to (by the
// magic number, whatever the name), at most max_bytes + 1 bytes of it (one byte more than allowed
// tells a text that is too large from one exactly as large as allowed). Compressed input streams
// through the inflater, so neither it nor a gzip bomb's output is held whole.
std::string read_text(std::FILE* f, const std::string& path, std::int64_t max_bytes) {
  std::string text;
  char buffer[65536];
  const auto cap = static_cast<std::size_t>(max_bytes) + 1;
  std::size_t got = std::fread(buffer, 1, std::min(sizeof buffer, cap), f);
  if (is_gzip(std::string_view(buffer, got))) {
    Inflater inflater(path, max_bytes);
    std::int64_t read = 0;
    while (got > 0) {
      read += static_cast<std::int64_t>(got);
      if (read > max_bytes) {
        throw data_error(SourcePos{path, 0, 0}, "gzip-compressed input longer than " +
                                                    std::to_string(max_bytes) +
                                                    " bytes, the largest mpilife reads");
      }
      inflater.feed(buffer, got);
      got = std::fread(buffer, 1, sizeof buffer, f);
    }
    if (std::ferror(f)) return {};
    return inflater.finish();
  }
  while (got > 0) {
    text.append(buffer, got);
    if (text.size() >= cap) break;
    got = std::fread(buffer, 1, std::min(sizeof buffer, cap - text.size()), f);
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
  std::string text;
  try {
    text = read_text(f, path, limits.max_bytes);
  } catch (...) {
    std::fclose(f);
    throw;
  }
  const int err = std::ferror(f) ? errno : 0;
  std::fclose(f);
  if (err != 0) throw cannot_open(std::strerror(err));
  refuse_non_patterns(path, text);
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
