#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "mpilife/core/cells.hpp"
#include "readers.hpp"

namespace mpilife::pattern_io {

namespace {

// The header line "x = W, y = H[, rule = R]" of an RLE file.
struct RleHeader {
  std::int64_t width = 0;
  std::int64_t height = 0;
};

// Reads the whole number after "x =" or "y =" (`key`) and the comma that may follow it.
std::int64_t read_rle_size(LineCursor& at, const std::string& key) {
  const std::size_t value_at = at.index();
  if (at.at('-')) {
    at.fail_at(value_at,
               "pattern " + std::string(key == "x" ? "width" : "height") + " must not be negative");
  }
  std::int64_t value = 0;
  if (!at.read_int(value, false)) {
    if (!at.at_end() && is_digit(at.peek())) {
      at.fail_at(value_at, "pattern size larger than " + std::to_string(kMaxSide) + " cells");
    }
    at.fail_at(value_at, "expected a whole number after '" + key + " =' in the RLE header");
  }
  at.skip_blanks();
  if (!at.at_end()) {
    if (at.peek() != ',') at.fail("unexpected " + describe(at.peek()) + " in the RLE header");
    at.advance();
  }
  return value;
}

// Reads the rule after "rule =", which runs to the end of the line; Golly writes no trailing
// comma but tolerates one. LifeHistory sets *history.
RuleSpec read_rle_rule(const LineCursor& at, bool* history) {
  std::string_view text = at.text().substr(at.index());
  while (!text.empty() && (is_blank(text.back()) || text.back() == ',')) text.remove_suffix(1);
  if (text.empty()) at.fail("missing rule after 'rule =' in the RLE header");
  return at.rule(text.size(), history);
}

// Reads "#CXRLE Pos=x,y Gen=n": Golly's position of the box's top-left cell and the generation.
// Other keys are ignored, as Golly ignores them.
void parse_cxrle(const Line& line, const Reporter& report, Pattern& p) {
  LineCursor at(line, report, 6);
  while (true) {
    at.skip_blanks();
    if (at.at_end()) return;
    const std::size_t key_at = at.index();
    while (!at.at_end() && !is_blank(at.peek()) && !at.at('=')) at.advance();
    const std::string_view key = line.text.substr(key_at, at.index() - key_at);
    if (!at.at('=')) continue;
    at.advance();
    std::size_t i = at.index();
    if (key == "Pos") {
      PatternOrigin origin;
      if (!read_long(line.text, i, origin.x, true)) {
        at.fail_at(i, "expected Pos=<x>,<y> (whole numbers of at most 18 digits) in #CXRLE");
      }
      if (i >= line.text.size() || line.text[i] != ',') {
        at.fail_at(i, "expected ',' between the x and y of Pos in #CXRLE");
      }
      ++i;
      if (!read_long(line.text, i, origin.y, true)) {
        at.fail_at(i, "expected Pos=<x>,<y> (whole numbers of at most 18 digits) in #CXRLE");
      }
      p.origin = origin;
    } else if (key == "Gen") {
      if (!read_long(line.text, i, p.generation, false)) {
        at.fail_at(i, "expected Gen=<generation> (a whole number of at most 18 digits) in #CXRLE");
      }
    }
    while (!at.at_end() && at.index() < i) at.advance();
    while (!at.at_end() && !is_blank(at.peek())) at.advance();
  }
}

// Reads "<key> = <value>" pairs of an RLE header, separated by commas; the rule goes to `p`.
RleHeader parse_rle_header(const Line& line, const Reporter& report, Pattern& p, bool* history) {
  LineCursor at(line, report);
  RleHeader header;
  bool seen_x = false;
  bool seen_y = false;
  while (true) {
    at.skip_blanks();
    if (at.at_end()) break;
    const std::size_t key_at = at.index();
    while (!at.at_end() && std::isalpha(static_cast<unsigned char>(at.peek()))) at.advance();
    const std::string_view key_text = line.text.substr(key_at, at.index() - key_at);
    const std::string key = lower(key_text);
    if (key.empty()) at.fail_at(key_at, "expected x, y or rule in the RLE header");
    at.skip_blanks();
    if (!at.at('=')) at.fail("expected '=' after '" + excerpt(key) + "' in the RLE header");
    at.advance();
    at.skip_blanks();
    if (key == "x" || key == "y") {
      bool& seen = key == "x" ? seen_x : seen_y;
      if (seen) at.fail_at(key_at, "'" + key + "' appears twice in the RLE header");
      seen = true;
      (key == "x" ? header.width : header.height) = read_rle_size(at, key);
    } else if (key == "rule") {
      p.rule = read_rle_rule(at, history);
      break;
    } else {
      at.fail_at(key_at,
                 "unknown key '" + excerpt(key_text) + "' in the RLE header (expected x, y, rule)");
    }
  }
  if (!seen_x) at.fail_at(0, "RLE header lacks 'x = <width>'");
  if (!seen_y) at.fail_at(0, "RLE header lacks 'y = <height>'");
  return header;
}

// Reads an RLE file line by line: comment lines, the header, then the runs of cells, which may
// carry a run count over a line break.
class RleReader {
 public:
  RleReader(const std::string& file, const Reporter& report) : file_(file), report_(report) {
    p_.format = PatternFormat::rle;
  }

  // Parses the whole text.
  Pattern read(std::string_view text) {
    LineReader lines(text);
    Line line;
    while (lines.next(line)) {
      const std::string_view s = line.text;
      if (!s.empty() && s[0] == '#') {
        read_comment(line);
        continue;
      }
      if (!header_ && !data_started_ && count_ == 0 && is_rle_header(s)) {
        // The header's rule, if it has one, replaces an earlier #r line's (and its LifeHistory).
        std::optional<RuleSpec> before = std::move(p_.rule);
        p_.rule.reset();
        bool header_history = false;
        header_ = parse_rle_header(line, report_, p_, &header_history);
        if (p_.rule) {
          history_ = header_history;
        } else {
          p_.rule = std::move(before);
        }
        header_rule_ = p_.rule.has_value();
        header_line_ = line.number;
        continue;
      }
      read_data(line);
      if (done_) break;
    }
    if (count_ != 0) report_.fail(count_line_, count_at_, "run count at the end has no cell tag");
    if (header_) {
      p_.width = header_->width;
      p_.height = header_->height;
    }
    if (history_) p_.note = kLifeHistoryNote;
    finish(p_, file_);
    return std::move(p_);
  }

 private:
  // A "#" line: #N names the pattern, #C/#c/#O are comments, #r a rule the header overrides.
  void read_comment(const Line& line) {
    const std::string_view s = line.text;
    const char kind = s.size() > 1 ? s[1] : '\0';
    const std::string_view rest = s.size() > 2 ? s.substr(2) : std::string_view();
    if (starts_with(s, "#CXRLE")) {
      parse_cxrle(line, report_, p_);
    } else if (kind == 'N') {
      p_.name = std::string(trim(rest));
    } else if (kind == 'C' || kind == 'c' || kind == 'O') {
      report_.add_comment(p_, line.number, rest);
    } else if (kind == 'r') {
      const std::string_view rule = trim(rest);
      if (!rule.empty() && !header_rule_) {
        p_.rule = report_.rule(line.number, static_cast<std::size_t>(rule.data() - s.data()), rule,
                               &history_);
      }
    }
    // #P and #R give a position, #D and others carry nothing we use.
  }

  // The runs on one data line, up to the '!' that ends the pattern.
  void read_data(const Line& line) {
    const std::string_view s = line.text;
    for (std::size_t i = 0; i < s.size() && !done_; ++i) {
      const char c = s[i];
      if (is_blank(c)) {
        // Golly would silently drop the count here; the RLE convention forbids the blank.
        if (count_ != 0) report_.fail(line.number, i, "blank between a run count and its cell tag");
        continue;
      }
      data_started_ = true;
      if (is_digit(c)) {
        read_digit(line.number, i, c);
      } else {
        read_tag(line.number, i, c);
      }
    }
  }

  // One digit of a run count, at 0-based `i` of line `line`.
  void read_digit(long line, std::size_t i, char c) {
    if (count_ == 0 && c == '0') report_.fail(line, i, "run count must be at least 1");
    if (count_ == 0) {
      count_line_ = line;
      count_at_ = i;
    }
    count_ = count_ * 10 + (c - '0');
    if (count_ > kMaxSide) {
      report_.fail(count_line_, count_at_, "run count larger than " + std::to_string(kMaxSide));
    }
  }

  // A cell tag, row end or '!', repeated by the pending run count.
  void read_tag(long line, std::size_t i, char c) {
    const bool counted = count_ != 0;
    const std::int64_t n = counted ? count_ : 1;
    count_ = 0;
    if (c == 'b' || c == '.') {
      x_ += n;
      if (x_ > kMaxSide) {
        report_.fail(line, i, "row longer than " + std::to_string(kMaxSide) + " cells");
      }
    } else if (c == 'o' || c == 'A' || (history_ && (c == 'C' || c == 'E'))) {
      add_live_run(line, i, n);
    } else if (history_ && (c == 'B' || c == 'D' || c == 'F')) {
      x_ += n;  // LifeHistory's off states: history, marked off, boundary
      if (x_ > kMaxSide) {
        report_.fail(line, i, "row longer than " + std::to_string(kMaxSide) + " cells");
      }
    } else if (history_ && std::isalpha(static_cast<unsigned char>(c))) {
      report_.fail(line, i,
                   "unexpected cell state " + describe(c) +
                       " in a LifeHistory pattern (its states are . or b, and A to F)");
    } else if (c == '$') {
      y_ += n;
      x_ = 0;
      if (y_ > kMaxSide) {
        report_.fail(line, i, "pattern taller than " + std::to_string(kMaxSide) + " rows");
      }
    } else if (c == '!') {
      if (counted) report_.fail(line, i, "run count before '!' has no cell tag to repeat");
      done_ = true;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      report_.fail(line, i,
                   "unsupported cell state " + describe(c) +
                       " (two-state RLE uses b or . for dead, o or A for alive)");
    } else {
      report_.fail(line, i,
                   "unexpected " + describe(c) + " in RLE data (expected b, o, $, ! or a count)");
    }
  }

  // `n` live cells from the current position on, which must lie inside the header's box.
  void add_live_run(long line, std::size_t i, std::int64_t n) {
    if (header_ && (x_ + n > header_->width || y_ >= header_->height)) {
      report_.fail(line, i,
                   "live cell at x = " +
                       std::to_string(y_ >= header_->height ? x_ : std::max(x_, header_->width)) +
                       ", y = " + std::to_string(y_) + " lies outside the " +
                       std::to_string(header_->width) + "x" + std::to_string(header_->height) +
                       " box of the header on line " + std::to_string(header_line_));
    }
    if (x_ + n > kMaxSide) {
      report_.fail(line, i, "row longer than " + std::to_string(kMaxSide) + " cells");
    }
    if (y_ >= kMaxSide) {
      report_.fail(line, i, "pattern taller than " + std::to_string(kMaxSide) + " rows");
    }
    report_.need_cells(p_, n, line, i);
    for (std::int64_t k = 0; k < n; ++k) p_.cells.push_back({x_ + k, y_});
    x_ += n;
  }

  const std::string& file_;
  const Reporter& report_;
  Pattern p_;
  std::optional<RleHeader> header_;
  long header_line_ = 0;
  bool header_rule_ = false;  // a rule was known after the header; later #r lines are ignored
  bool history_ = false;      // the rule is LifeHistory: states A-F, odd ones alive
  bool data_started_ = false;
  std::int64_t x_ = 0;
  std::int64_t y_ = 0;
  std::int64_t count_ = 0;  // pending run count, 0 = none
  long count_line_ = 0;
  std::size_t count_at_ = 0;
  bool done_ = false;
};

}  // namespace

bool is_rle_header(std::string_view s) {
  std::size_t i = 0;
  skip_blanks(s, i);
  return i < s.size() && (s[i] == 'x' || s[i] == 'X') &&
         (i + 1 == s.size() || is_blank(s[i + 1]) || s[i + 1] == '=');
}

Pattern parse_rle(std::string_view text, const std::string& file, const Reporter& report) {
  return RleReader(file, report).read(text);
}

}  // namespace mpilife::pattern_io
