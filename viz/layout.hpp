#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace mpilife::viz {

/// Pixels per line of overlay and panel text (the 6x13 font plus spacing).
inline constexpr int kLineHeight = 15;
/// Pixels per character of overlay and panel text.
inline constexpr int kCharWidth = 6;
/// Space between a panel's edge and its text.
inline constexpr int kPanelPadding = 8;
/// Height of the population plot panel.
inline constexpr int kPlotHeight = 150;
/// Preferred width of the population plot panel.
inline constexpr int kPlotWidth = 260;
/// Widest a comment line of the information panel makes it before it wraps, in characters.
inline constexpr std::size_t kInfoColumns = 64;

/// A rectangle of window pixels; empty when w or h is 0.
struct Rect {
  int x = 0;  ///< left column
  int y = 0;  ///< top row
  int w = 0;  ///< width
  int h = 0;  ///< height

  /// Whether pixel (px, py) lies inside.
  bool contains(int px, int py) const { return px >= x && py >= y && px < x + w && py < y + h; }
  /// Whether the rectangle has no pixels.
  bool empty() const { return w <= 0 || h <= 0; }
};

/// What the side panels would show, before the layout decides their room.
struct PanelContent {
  std::vector<std::string> help;  ///< help lines; empty when the help panel is hidden
  std::vector<std::string> info;  ///< information lines; empty when that panel is hidden
  bool plot = false;              ///< whether the population plot is shown
};

/// Where things lie in the window: the grid on the left, and a column of panels beside it (help,
/// then the population plot, then the information) that takes its room from the grid instead of
/// covering it. The texts are wrapped to the column.
struct ScreenLayout {
  Rect grid;                            ///< the grid's part of the window (the viewport), at 0,0
  Rect side;                            ///< the panel column on the right (empty without panels)
  Rect help;                            ///< the help panel (empty when hidden)
  Rect plot;                            ///< the population plot (empty when hidden)
  Rect info;                            ///< the information panel (empty when hidden)
  std::vector<std::string> help_lines;  ///< help text, wrapped to the column
  std::vector<std::string> info_lines;  ///< information text, wrapped to the column
};

/// Lines no longer than `columns` characters (at least 8): longer ones are broken at spaces
/// where they can be, and continued indented by two.
std::vector<std::string> wrap_lines(const std::vector<std::string>& lines, std::size_t columns);

/// The layout of a `width` x `height` window showing `content`: the column is as wide as its
/// widest panel wants, at most half the window, and panels that do not fit below each other are
/// cut at the window's bottom.
ScreenLayout screen_layout(int width, int height, const PanelContent& content);

}  // namespace mpilife::viz
