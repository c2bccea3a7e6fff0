#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mpilife/view/frame.hpp"
#include "viewport.hpp"

namespace mpilife::viz {

/// The viewer's colours, 0xAARRGGBB.
struct Palette {
  std::uint32_t outside = 0xFF090B10;     ///< window area beyond the grid's edges
  std::uint32_t dead = 0xFF1B2030;        ///< a dead cell
  std::uint32_t alive = 0xFFFFD23F;       ///< a live cell
  std::uint32_t grid = 0xFF293047;        ///< grid lines between cells (zoomed in far)
  std::uint32_t grid_major = 0xFF3D4766;  ///< every tenth grid line
  std::uint32_t text = 0xFFE8EAF0;        ///< overlay text
  std::uint32_t panel = 0xB0000000;       ///< translucent overlay background
  std::uint32_t accent = 0xFF4FA3FF;      ///< replay timeline, population plot
  std::uint32_t side = 0xFF11141C;        ///< background of the panels beside the grid
};

/// Pixels per cell from which grid lines are drawn.
inline constexpr std::int64_t kGridLinePixels = 8;

/// An ARGB8888 picture the size of the window, drawn on the CPU and uploaded in one piece.
class Canvas {
 public:
  /// A `width` x `height` canvas filled with black.
  Canvas(int width, int height);

  /// Width in pixels.
  int width() const { return width_; }
  /// Height in pixels.
  int height() const { return height_; }
  /// The pixels, row-major, 0xAARRGGBB.
  const std::vector<std::uint32_t>& pixels() const { return pixels_; }
  /// The pixels of row y (0 <= y < height).
  std::uint32_t* row(int y) {
    return pixels_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width_);
  }
  /// Pixel (x, y).
  std::uint32_t at(int x, int y) const {
    return pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) +
                   static_cast<std::size_t>(x)];
  }

  /// Fills the rectangle (clipped to the canvas) with `argb`, blending by its alpha.
  void fill(std::int64_t x, std::int64_t y, std::int64_t w, std::int64_t h, std::uint32_t argb);
  /// Draws `text` in the 6x13 font with its top-left at (x, y); returns the width drawn.
  int text(int x, int y, const std::string& text, std::uint32_t argb);

 private:
  int width_;
  int height_;
  std::vector<std::uint32_t> pixels_;
};

/// The colour of a block with `count` live cells out of `area`: dead for none, then from 30%
/// to 100% of the live colour by the square root of the density, so sparse life stays visible.
std::uint32_t shade(const Palette& palette, std::uint32_t count, std::int64_t area);

/// Draws `frame` as `viewport` places it: cells as squares or one shaded pixel per block when
/// zoomed out (density frames are shaded at every zoom); area off the grid in the outside colour.
/// Each unit of the viewport is `frame_scale` x `frame_scale` cells (a replay recorded with
/// --frame-scale); grid lines outline cells, not units, from kGridLinePixels pixels per cell.
/// The frame must be the data viewport.request() asked for.
void draw_cells(Canvas& canvas, const Frame& frame, const Viewport& viewport,
                const Palette& palette, std::int64_t frame_scale = 1);

}  // namespace mpilife::viz
