#include "layout.hpp"

#include <algorithm>

namespace mpilife::viz {

namespace {

// Fewest columns a wrapped line may have.
constexpr std::size_t kMinColumns = 8;

int widest(const std::vector<std::string>& lines, std::size_t cap) {
  std::size_t w = 0;
  for (const std::string& l : lines) w = std::max(w, std::min(l.size(), cap));
  return static_cast<int>(w) * kCharWidth + 2 * kPanelPadding;
}

int text_height(const std::vector<std::string>& lines) {
  return static_cast<int>(lines.size()) * kLineHeight + 2 * kPanelPadding;
}

// The next panel of height `h` below `y` in the column, cut at `bottom`; advances y.
Rect stack(const Rect& side, int& y, int h, int bottom) {
  Rect r{side.x, y, side.w, std::max(0, std::min(h, bottom - y))};
  y += r.h;
  return r;
}

}  // namespace

std::vector<std::string> wrap_lines(const std::vector<std::string>& lines, std::size_t columns) {
  columns = std::max(columns, kMinColumns);
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    std::string rest = line;
    std::string indent;
    while (indent.size() + rest.size() > columns) {
      const std::size_t room = columns - indent.size();
      std::size_t cut = rest.rfind(' ', room);
      if (cut == std::string::npos || cut == 0) cut = room;
      out.push_back(indent + rest.substr(0, cut));
      const std::size_t next = rest.find_first_not_of(' ', cut);
      rest = next == std::string::npos ? std::string() : rest.substr(next);
      indent = "  ";
    }
    if (!rest.empty() || indent.empty()) out.push_back(indent + rest);
  }
  return out;
}

ScreenLayout screen_layout(int width, int height, const PanelContent& content) {
  ScreenLayout l;
  width = std::max(1, width);
  height = std::max(1, height);
  int want = 0;
  if (!content.help.empty()) want = std::max(want, widest(content.help, std::string::npos));
  if (!content.info.empty()) want = std::max(want, widest(content.info, kInfoColumns));
  if (content.plot) want = std::max(want, kPlotWidth);
  const int column = std::min(want, width / 2);
  l.grid = Rect{0, 0, width - column, height};
  if (column <= 0) return l;
  l.side = Rect{width - column, 0, column, height};
  const auto columns =
      static_cast<std::size_t>(std::max(0, column - 2 * kPanelPadding) / kCharWidth);
  l.help_lines = wrap_lines(content.help, columns);
  l.info_lines = wrap_lines(content.info, columns);
  int y = 0;
  if (!content.help.empty()) l.help = stack(l.side, y, text_height(l.help_lines), height);
  if (content.plot) l.plot = stack(l.side, y, kPlotHeight, height);
  if (!content.info.empty()) l.info = stack(l.side, y, text_height(l.info_lines), height);
  return l;
}

}  // namespace mpilife::viz
