#include <algorithm>
#include <cctype>
#include <cstdio>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "readers.hpp"

namespace mpilife::pattern_io {

bool LineReader::next(Line& line) {
  if (pos_ >= text_.size()) return false;
  std::size_t end = text_.find_first_of("\r\n", pos_);
  if (end == std::string_view::npos) end = text_.size();
  line = {++number_, text_.substr(pos_, end - pos_)};
  pos_ = end + 1;
  if (end < text_.size() && text_[end] == '\r' && pos_ < text_.size() && text_[pos_] == '\n') {
    ++pos_;
  }
  return true;
}

SourcePos position_of(std::string_view text, std::size_t offset, const std::string& file) {
  long line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const bool crlf_head = text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if ((text[i] == '\n' || text[i] == '\r') && !crlf_head) {
      ++line;
      start = i + 1;
    }
  }
  return {file, line, static_cast<long>(offset - start) + 1};
}

std::string excerpt(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  return std::string(text.substr(0, max)) + "...";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string describe(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (std::isprint(u)) return std::string("'") + c + "'";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", static_cast<unsigned>(u));
  return buf;
}

bool read_int(std::string_view s, std::size_t& i, std::int64_t& value, bool allow_sign) {
  bool negative = false;
  if (allow_sign && i < s.size() && (s[i] == '-' || s[i] == '+')) {
    negative = s[i] == '-';
    ++i;
  }
  if (i >= s.size() || !is_digit(s[i])) return false;
  std::int64_t v = 0;
  const std::size_t first = i;
  while (i < s.size() && is_digit(s[i])) {
    v = v * 10 + (s[i] - '0');
    if (v > kMaxSide) {
      i = first;
      return false;
    }
    ++i;
  }
  value = negative ? -v : v;
  return true;
}

void Reporter::fail(long line, std::size_t index, const std::string& what) const {
  throw data_error(SourcePos{file_, line, static_cast<long>(index) + 1}, what);
}

const char* const kLifeHistoryNote =
    "rule LifeHistory read as Life (B3/S23), as Golly's states mean: states 1, 3 and 5 (o/A, C, E: "
    "on, marked on, start on) alive; 2, 4 and 6 (B, D, F: history, marked off, boundary) dead";

RuleSpec Reporter::rule(long line, std::size_t index, std::string_view text, bool* history) const {
  // LifeHistory reads as B3/S23 with the suffix it has; columns of the suffix stay those of the
  // original text.
  std::string life;
  std::string_view parsed = text;
  std::size_t shift = 0;  // how many columns the parsed text's suffix lies left of the original's
  const bool is_history = history != nullptr && is_life_history(text);
  if (is_history) {
    const std::size_t colon = text.find(':');
    life = "B3/S23";
    if (colon != std::string_view::npos) {
      life += text.substr(colon);
      shift = colon - 6;
    }
    parsed = life;
  }
  try {
    RuleSpec spec = parse_rule(parsed);
    if (is_history) *history = true;
    return spec;
  } catch (const RuleError& e) {
    const std::size_t column = static_cast<std::size_t>(e.column()) - 1 + shift;
    if (e.unsupported()) fail(line, index + column, "rule '" + excerpt(text) + "' " + e.reason());
    fail(line, index + column, "invalid rule \"" + excerpt(text) + "\": " + e.reason());
  }
}

void Reporter::need_cells(const Pattern& p, std::int64_t more, long line, std::size_t index) const {
  const auto have = static_cast<std::int64_t>(p.cells.size());
  if (more <= cell_budget_ - have) return;
  const bool capped = cell_budget_ == limits_.max_cells;
  fail(line, index,
       "pattern has more than " + std::to_string(cell_budget_) + " live cells, the most " +
           (capped ? "any pattern may hold"
                   : "a " + std::to_string(text_bytes_) + "-byte input may hold (" +
                         std::to_string(limits_.base_cells) + " plus " +
                         std::to_string(limits_.cells_per_byte) + " per byte, at most " +
                         std::to_string(limits_.max_cells) + ")") +
           (more > 1 ? "; check the run count of " + std::to_string(more) : std::string()));
}

void Reporter::need_total_cells(std::int64_t total, long line, std::size_t index) const {
  if (total <= limits_.max_cells) return;
  fail(line, index,
       "pattern has " + std::string(total >= kManyCells ? "more than " : "") +
           std::to_string(total) + " live cells, more than the " +
           std::to_string(limits_.max_cells) + " any pattern may hold");
}

void Reporter::add_comment(Pattern& p, long line, std::string_view rest) const {
  if (static_cast<std::int64_t>(p.comments.size()) >= limits_.max_comments) {
    fail(line, 0,
         "more than " + std::to_string(limits_.max_comments) +
             " comment lines, the most a pattern may have");
  }
  p.comments.emplace_back(trim(rest));
}

void normalise(Pattern& p, const Reporter& report, long line) {
  if (p.cells.empty()) return;
  const auto [min_x, min_y, max_x, max_y] = bounds_of(p.cells);
  if (max_x - min_x >= kMaxSide || max_y - min_y >= kMaxSide) {
    report.fail(line, 0,
                "pattern spans more than " + std::to_string(kMaxSide) + " cells in one direction");
  }
  for (Cell& c : p.cells) {
    c.x -= min_x;
    c.y -= min_y;
  }
  p.origin = PatternOrigin{min_x, min_y};
}

bool read_long(std::string_view s, std::size_t& i, std::int64_t& value, bool allow_sign) {
  constexpr std::size_t kMaxDigits = 18;
  bool negative = false;
  std::size_t at = i;
  if (allow_sign && at < s.size() && (s[at] == '-' || s[at] == '+')) {
    negative = s[at] == '-';
    ++at;
  }
  const std::size_t first = at;
  std::int64_t v = 0;
  while (at < s.size() && is_digit(s[at])) {
    if (at - first == kMaxDigits) return false;
    v = v * 10 + (s[at] - '0');
    ++at;
  }
  if (at == first) return false;
  value = negative ? -v : v;
  i = at;
  return true;
}

void finish(Pattern& p, const std::string& file) {
  const auto row_major = [](const Cell& a, const Cell& b) {
    return a.y != b.y ? a.y < b.y : a.x < b.x;
  };
  if (!std::is_sorted(p.cells.begin(), p.cells.end(), row_major)) {
    std::sort(p.cells.begin(), p.cells.end(), row_major);
  }
  p.cells.erase(std::unique(p.cells.begin(), p.cells.end()), p.cells.end());
  for (const Cell& c : p.cells) {
    p.width = std::max(p.width, c.x + 1);
    p.height = std::max(p.height, c.y + 1);
  }
  if (p.name.empty() && !file.empty()) {
    std::string_view base = file;
    const std::size_t slash = base.find_last_of('/');
    if (slash != std::string_view::npos) base.remove_prefix(slash + 1);
    const std::size_t dot = base.find_last_of('.');
    if (dot != std::string_view::npos && dot > 0) base = base.substr(0, dot);
    p.name = std::string(base);
  }
}

}  // namespace mpilife::pattern_io
