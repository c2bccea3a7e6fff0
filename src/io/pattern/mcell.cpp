#include <algorithm>
#include <cstdint>
#include <string>

#include "mpilife/core/cells.hpp"
#include "readers.hpp"

namespace mpilife::pattern_io {

namespace {

// MCell's rule-table spelling of HistoricalLife, which Golly loads as LifeHistory (its states
// become LifeHistory's, so odd states are alive), and of plain Life.
constexpr std::string_view kHistoricalLifeTable =
    "1,0,1,0,0,0,1,0,0,0,0,0,0,2,2,1,1,2,2,2,2,2,0,2,2,2,1,2,2,2,2,2";
constexpr std::string_view kLifeTable = "1,0,0,0,0,0,1,0,0,0,0,0,0,0,0,1,1";

// The family of an MCell game other than Life, in words that follow "is".
std::string game_family(const std::string& game) {
  const std::string g = lower(game);
  if (g == "generations") return "a Generations rule (dying cells pass through extra states)";
  if (g == "larger than life") return "a Larger than Life rule (a neighbourhood of range R)";
  if (g == "rules table") return "a rule table (Golly runs it with its RuleLoader)";
  if (g == "weighted life") return "a weighted-neighbourhood rule";
  if (g == "vote for life") return "a voting rule";
  if (g == "neumann binary") return "a von Neumann-neighbourhood rule";
  if (g == "1-d totalistic" || g == "1-d binary") return "a one-dimensional rule";
  if (g == "cyclic ca") return "a cyclic cellular automaton";
  if (g == "margolus") return "a Margolus (block) rule";
  return "a family of MCell's other than Life";
}

// Reads an MCell file: #L runs start at the board's top-left (-(W/2), -(H/2)) or at 0,0 without
// a board, and a bounded board is centred as Golly centres it.
class McellReader {
 public:
  McellReader(const std::string& file, const Reporter& report) : file_(file), report_(report) {
    p_.format = PatternFormat::mcell;
  }

  Pattern read(std::string_view text) {
    LineReader lines(text);
    Line line;
    bool header = false;
    while (lines.next(line)) {
      last_line_ = line.number;
      const std::string_view s = line.text;
      if (trim(s).empty()) continue;
      if (!header) {
        if (!starts_with(s, "#MCell")) {
          report_.fail(line.number, 0,
                       "expected the MCell header '#MCell', got '" + excerpt(s) + "'");
        }
        header = true;
        continue;
      }
      if (s[0] != '#') {
        report_.fail(line.number, 0,
                     "unexpected " + describe(s[0]) + " in an MCell file (its lines start with #)");
      }
      read_line(line);
    }
    if (!header) report_.fail(1, 0, "expected the MCell header '#MCell', got an empty file");
    check_game();
    place_on_board();
    if (history_) p_.note = kLifeHistoryNote;
    normalise(p_, report_, last_line_);
    finish(p_, file_);
    return std::move(p_);
  }

 private:
  // One '#' line after the header.
  void read_line(const Line& line) {
    const std::string_view s = line.text;
    const auto rest_after = [&](std::size_t n) { return trim(s.substr(std::min(n, s.size()))); };
    if (starts_with(s, "#L ") || s == "#L") {
      check_game();
      read_cells(line);
    } else if (starts_with(s, "#GAME")) {
      game_ = std::string(rest_after(5));
      game_line_ = line.number;
    } else if (starts_with(s, "#RULE") || starts_with(s, "#GOLLY")) {
      if (rule_line_ != 0) return;  // the first rule counts, as in Golly
      const std::string_view rule = rest_after(s[1] == 'G' ? 6 : 5);
      if (rule.empty())
        report_.fail(line.number, 0,
                     "missing rule after " + std::string(s.substr(0, s[1] == 'G' ? 6 : 5)));
      rule_text_ = std::string(rule);
      rule_line_ = line.number;
      rule_at_ = static_cast<std::size_t>(rule.data() - s.data());
    } else if (starts_with(s, "#BOARD")) {
      read_board(line);
    } else if (starts_with(s, "#WRAP")) {
      LineCursor at(line, report_, 5);
      at.skip_blanks();
      std::int64_t wrap = 0;
      if (!at.read_int(wrap, false)) at.fail("expected 0 (plane) or 1 (torus) after #WRAP");
      wrapped_ = wrap != 0;
    } else if (starts_with(s, "#D")) {
      report_.add_comment(p_, line.number, s.substr(2));
    }
    // #MCell, #SPEED, #CCOLORS, #PALETTE, #COLORING, #N ... carry nothing mpilife uses.
  }

  // "#BOARD WxH": a bounded board; the runs start at its top-left.
  void read_board(const Line& line) {
    LineCursor at(line, report_, 6);
    at.skip_blanks();
    if (!at.read_int(board_w_, false)) at.fail("expected #BOARD <width>x<height>");
    if (!at.at('x') && !at.at('X')) at.fail("expected 'x' between the board's width and height");
    at.advance();
    if (!at.read_int(board_h_, false)) at.fail("expected the board's height after 'x'");
    at.skip_blanks();
    if (!at.at_end()) at.fail("unexpected " + describe(at.peek()) + " after #BOARD");
    board_line_ = line.number;
    x_ = -(board_w_ / 2);
    y_ = -(board_h_ / 2);
  }

  // Resolves the rule once, before the first cell: a game other than Life is refused by family;
  // the HistoricalLife and Life tables read as Life; any other rule goes through the rule parser
  // (which names the family of Generations, Larger than Life and the rest).
  void check_game() {
    if (rule_done_) return;
    rule_done_ = true;
    if (rule_line_ != 0 && starts_with(rule_text_, kHistoricalLifeTable)) {
      history_ = true;
      p_.rule = RuleSpec{};
      return;
    }
    if (rule_line_ != 0 && starts_with(rule_text_, kLifeTable)) {
      p_.rule = RuleSpec{};
      return;
    }
    if (!game_.empty() && lower(game_) != "life") {
      report_.fail(game_line_, 6,
                   "MCell game '" + excerpt(game_) + "'" +
                       (rule_line_ != 0 ? " (rule '" + excerpt(rule_text_) + "')" : std::string()) +
                       " is " + game_family(game_) + kRunsLifeLikeOnly);
    }
    if (rule_line_ != 0) p_.rule = report_.rule(rule_line_, rule_at_, rule_text_, &history_);
  }

  // One "#L" line of runs: digits repeat the next '.', '$' or state; states are A..X, with a..j
  // before them for states over 24.
  void read_cells(const Line& line) {
    const std::string_view s = line.text;
    std::int64_t n = 0;
    std::size_t count_at = 0;
    for (std::size_t i = 2; i < s.size(); ++i) {
      const char c = s[i];
      if (is_digit(c)) {
        if (n == 0) count_at = i;
        n = n * 10 + (c - '0');
        if (n > kMaxSide)
          report_.fail(line.number, count_at, "run count larger than " + std::to_string(kMaxSide));
        continue;
      }
      if (is_blank(c)) continue;
      const std::int64_t run = n == 0 ? 1 : n;
      n = 0;
      if (c == '.') {
        move(line, i, run, 0);
      } else if (c == '$') {
        x_ = -(board_w_ / 2);
        move(line, i, 0, run);
      } else {
        std::int64_t state = 0;
        std::size_t at = i;
        if (c >= 'a' && c <= 'j') {
          state = 24 * (c - 'a' + 1);
          ++i;
        }
        if (i >= s.size() || s[i] < 'A' || s[i] > 'X') {
          report_.fail(line.number, at,
                       "unexpected " + describe(s[at]) +
                           " in MCell cells (expected . $ a state A..X or a count)");
        }
        state += s[i] - 'A' + 1;
        if (alive(state, line, at)) {
          report_.need_cells(p_, run, line.number, at);
          for (std::int64_t k = 0; k < run; ++k) p_.cells.push_back({x_ + k, y_});
        }
        move(line, at, run, 0);
      }
    }
    if (n != 0)
      report_.fail(line.number, count_at, "run count at the end of the line has nothing to repeat");
  }

  // True when `state` is alive: 1 for a Life-like rule; odd states for LifeHistory.
  bool alive(std::int64_t state, const Line& line, std::size_t at) const {
    if (history_) {
      if (state > 8) {
        report_.fail(line.number, at,
                     "state " + std::to_string(state) + " is not a HistoricalLife state (A to H)");
      }
      return state % 2 == 1;
    }
    if (state > 1) {
      report_.fail(line.number, at,
                   "state " + std::to_string(state) +
                       " in an MCell pattern of a Life-like rule (its states are . and A)");
    }
    return true;
  }

  // Moves the position by (dx, dy), within the coordinates a pattern may span.
  void move(const Line& line, std::size_t at, std::int64_t dx, std::int64_t dy) {
    x_ += dx;
    y_ += dy;
    if (x_ > kMaxSide || y_ > kMaxSide) {
      report_.fail(
          line.number, at,
          "pattern spans more than " + std::to_string(kMaxSide) + " cells in one direction");
    }
  }

  // A board gives the rule a :T (#WRAP 1) or :P suffix of its size, and Golly centres the
  // pattern on it (the runs began at its top-left corner).
  void place_on_board() {
    if (board_w_ == 0 && board_h_ == 0) return;
    if (board_w_ == 0 || board_h_ == 0) {
      report_.fail(board_line_, 0,
                   "MCell board " + std::to_string(board_w_) + "x" + std::to_string(board_h_) +
                       " has an infinite side, which mpilife does not run; it runs a torus or "
                       "plane of finite size");
    }
    RuleSpec spec = p_.rule.value_or(RuleSpec{});
    spec.suffix = GridSuffix{wrapped_ ? Topology::torus : Topology::plane, board_w_, board_h_};
    p_.rule = spec;
    if (p_.cells.empty()) return;
    const auto [left, top, right, bottom] = bounds_of(p_.cells);
    // As Golly: one more than the board, to land where MCell puts it.
    const std::int64_t shift_x = (board_w_ + 1 - (right - left + 1)) / 2;
    const std::int64_t shift_y = (board_h_ + 1 - (bottom - top + 1)) / 2;
    if (shift_x <= 0 && shift_y <= 0) return;
    for (Cell& c : p_.cells) {
      c.x += shift_x;
      c.y += shift_y;
    }
  }

  const std::string& file_;
  const Reporter& report_;
  Pattern p_;
  std::string game_;
  long game_line_ = 0;
  std::string rule_text_;
  long rule_line_ = 0;
  std::size_t rule_at_ = 0;
  bool rule_done_ = false;
  bool history_ = false;
  bool wrapped_ = false;
  std::int64_t board_w_ = 0;
  std::int64_t board_h_ = 0;
  long board_line_ = 0;
  std::int64_t x_ = 0;
  std::int64_t y_ = 0;
  long last_line_ = 1;
};

}  // namespace

Pattern parse_mcell(std::string_view text, const std::string& file, const Reporter& report) {
  return McellReader(file, report).read(text);
}

}  // namespace mpilife::pattern_io
