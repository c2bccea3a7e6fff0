#pragma once

// Private to the pattern readers: one parser per format and the text helpers they share (line
// splitting, a cursor that knows its line and column for errors, finishing a pattern).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/pattern.hpp"

namespace mpilife::pattern_io {

/// Largest width, height, coordinate span or run count a pattern file may state (Golly's limit).
inline constexpr std::int64_t kMaxSide = 1'000'000'000;

/// The saturated live-cell count of a macrocell node: any count this large stands for "at least".
inline constexpr std::int64_t kManyCells = std::int64_t{1} << 62;

/// One line of input: its 1-based number and its text without the line ending.
struct Line {
  long number = 0;        ///< 1-based line number
  std::string_view text;  ///< the line without its ending
};

/// Walks the lines of a text one at a time, without copying it or listing them: "\n", "\r\n" and
/// a lone "\r" end a line; a final line ending does not start another line.
class LineReader {
 public:
  /// A reader at the first line of `text`.
  explicit LineReader(std::string_view text) : text_(text) {}

  /// Puts the next line in `line`; false when there is none.
  bool next(Line& line);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  long number_ = 0;
};

/// The 1-based line and column of byte `offset` of `text`, with LineReader's line endings.
SourcePos position_of(std::string_view text, std::size_t offset, const std::string& file);

/// `text` cut to at most `max` characters, "..." marking a cut, to quote in a message.
std::string excerpt(std::string_view text, std::size_t max = 40);

/// True for the blanks a line may hold between tokens: space, tab, form feed, vertical tab.
inline bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/// True for the ASCII digits '0' to '9'.
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// True when `s` begins with `prefix`.
inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

/// Advances `i` past the blanks of `s` that start there.
inline void skip_blanks(std::string_view s, std::size_t& i) {
  while (i < s.size() && is_blank(s[i])) ++i;
}

/// `s` without its leading and trailing blanks.
std::string_view trim(std::string_view s);

/// `s` with ASCII letters in lower case.
std::string lower(std::string_view s);

/// "'x'" for a printable character, otherwise "byte 0xNN", for error messages.
std::string describe(char c);

/// Reads an optionally signed decimal integer at `i` of `s`; false if there is none or it is
/// larger than kMaxSide in magnitude (`i` then points at the offending character).
bool read_int(std::string_view s, std::size_t& i, std::int64_t& value, bool allow_sign);

/// Reports errors at a line and column of the file being parsed and keeps the pattern within the
/// limits for a text of its size.
class Reporter {
 public:
  /// A reporter for `file` ("" for text that came from no file) of `text_bytes` bytes.
  Reporter(const std::string& file, const PatternLimits& limits, std::size_t text_bytes)
      : file_(file),
        limits_(limits),
        text_bytes_(text_bytes),
        cell_budget_(limits.cell_budget(text_bytes)) {}

  /// Throws a data error at 1-based `line` and 0-based `index` within it.
  [[noreturn]] void fail(long line, std::size_t index, const std::string& what) const;

  /// Parses `text`, which starts at 0-based `index` of `line`, as a rule; a bad rule is reported
  /// at the column of the offending character within the line, a rule of a family mpilife does
  /// not run by naming the family. With `history`, Golly's LifeHistory (optionally with a
  /// bounded-grid suffix) reads as B3/S23 and sets *history; without it, LifeHistory is refused
  /// like any other named rule.
  RuleSpec rule(long line, std::size_t index, std::string_view text, bool* history = nullptr) const;

  /// Fails at `line` and `index` unless `p` may take `more` live cells (checked before they are
  /// made, so a run count cannot allocate what the input does not justify).
  void need_cells(const Pattern& p, std::int64_t more, long line, std::size_t index) const;

  /// Fails at `line` and `index` unless a pattern may hold `total` live cells at all: the
  /// absolute limit, for formats (macrocell) whose cell count does not grow with their size.
  void need_total_cells(std::int64_t total, long line, std::size_t index) const;

  /// The size in bytes of the text being parsed.
  std::size_t text_bytes() const { return text_bytes_; }

  /// Adds the text after a comment marker (and the blanks around it) to the comments of `p`,
  /// failing at `line` when the pattern already has as many as the limits allow.
  void add_comment(Pattern& p, long line, std::string_view rest) const;

 private:
  std::string file_;
  PatternLimits limits_;
  std::size_t text_bytes_;
  std::int64_t cell_budget_;
};

/// A position within one line that reports errors at its own line and column.
class LineCursor {
 public:
  /// A cursor at 0-based `index` of `line`, reporting through `report`.
  LineCursor(Line line, const Reporter& report, std::size_t index = 0)
      : line_(line), report_(report), i_(index) {}

  /// The whole text of the line.
  std::string_view text() const { return line_.text; }
  /// The 0-based index of the cursor within the line.
  std::size_t index() const { return i_; }
  /// True when the cursor is past the last character.
  bool at_end() const { return i_ >= line_.text.size(); }
  /// True when the cursor is on `c`.
  bool at(char c) const { return !at_end() && line_.text[i_] == c; }
  /// The character under the cursor; only valid when not at_end().
  char peek() const { return line_.text[i_]; }
  /// Moves one character on.
  void advance() { ++i_; }
  /// Moves past the blanks under the cursor.
  void skip_blanks() { pattern_io::skip_blanks(line_.text, i_); }
  /// read_int at the cursor, which moves as read_int moves its index.
  bool read_int(std::int64_t& value, bool allow_sign) {
    return pattern_io::read_int(line_.text, i_, value, allow_sign);
  }
  /// Throws a data error at the cursor.
  [[noreturn]] void fail(const std::string& what) const { fail_at(i_, what); }
  /// Throws a data error at 0-based `index` of the cursor's line.
  [[noreturn]] void fail_at(std::size_t index, const std::string& what) const {
    report_.fail(line_.number, index, what);
  }
  /// Parses the rest of the line from the cursor, up to `length` characters, as a rule (see
  /// Reporter::rule for `history`).
  RuleSpec rule(std::size_t length, bool* history = nullptr) const {
    return report_.rule(line_.number, i_, line_.text.substr(i_, length), history);
  }

 private:
  Line line_;
  const Reporter& report_;
  std::size_t i_;
};

/// Shifts cells given at arbitrary (possibly negative) coordinates, Golly's, so the smallest x and
/// y are 0 and records that corner as the pattern's origin; a span over kMaxSide is reported at
/// the start of `line`.
void normalise(Pattern& p, const Reporter& report, long line);

/// Reads a signed decimal integer of at most 18 digits at `i` of `s` (for positions and
/// generations, which may exceed kMaxSide); false if there is none or it is longer.
bool read_long(std::string_view s, std::size_t& i, std::int64_t& value, bool allow_sign);

/// The note a pattern read as Life from Golly's LifeHistory carries (states 1, 3, 5 alive).
extern const char* const kLifeHistoryNote;

/// Finishes a pattern: removes duplicate cells, sorts them row by row, grows the box to the live
/// extent and, when it has none, names it after `file`.
void finish(Pattern& p, const std::string& file);

/// True when `s` (after blanks) starts like an RLE header line "x = ...".
bool is_rle_header(std::string_view s);

/// Parses RLE and extended RLE (#CXRLE) text.
Pattern parse_rle(std::string_view text, const std::string& file, const Reporter& report);

/// Parses plaintext (.cells) text.
Pattern parse_plaintext(std::string_view text, const std::string& file, const Reporter& report);

/// Parses Life 1.06 text: one "x y" coordinate pair per line.
Pattern parse_life106(std::string_view text, const std::string& file, const Reporter& report);

/// Parses Life 1.05 text: blocks of rows placed by #P lines (a bare #P keeps the position).
Pattern parse_life105(std::string_view text, const std::string& file, const Reporter& report);

/// Parses Golly's macrocell text ([M2] header, #R/#G/#C lines, 8x8 leaves and "k nw ne sw se"
/// nodes), counting the live cells of each node before any is made.
Pattern parse_macrocell(std::string_view text, const std::string& file, const Reporter& report);

/// Parses MCell text (#MCell header, #GAME, #RULE, #BOARD, #WRAP, #D, #L lines) of a Life-like
/// rule; refuses other MCell games by family.
Pattern parse_mcell(std::string_view text, const std::string& file, const Reporter& report);

}  // namespace mpilife::pattern_io
