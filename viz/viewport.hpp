#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "mpilife/core/cells.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife::viz {

/// Where the grid lies in a window: a power-of-two zoom and the pixel position of the grid's
/// top-left corner. Zoom level z >= 0 draws each cell as a 2^z x 2^z square; z < 0 draws each
/// 2^-z x 2^-z block of cells as one pixel, so the data needed never exceeds one value per pixel.
class Viewport {
 public:
  /// Most pixels per cell: 2^kMaxZoom.
  static constexpr int kMaxZoom = 5;

  /// A grid of `grid_width` x `grid_height` cells in a `window_width` x `window_height` window,
  /// fitted.
  Viewport(std::int64_t grid_width, std::int64_t grid_height, int window_width, int window_height);

  /// Follows a window resize, keeping the cell at the centre of the window where it was.
  void resize(int window_width, int window_height);
  /// The largest zoom that shows the whole grid (at most 1:16), centred.
  void fit();
  /// Changes the zoom level by `steps` (positive zooms in), keeping the cell under pixel
  /// (px, py) under it.
  void zoom_by(int steps, int px, int py);
  /// Moves the picture by (dx, dy) pixels.
  void pan(std::int64_t dx, std::int64_t dy);

  /// Zoom level: 2^z pixels per cell for z >= 0, 2^-z cells per pixel for z < 0.
  int zoom() const { return zoom_; }
  /// Pixels along a cell's side (1 when zoomed out).
  std::int64_t pixels_per_cell() const { return zoom_ >= 0 ? std::int64_t{1} << zoom_ : 1; }
  /// Cells along a pixel's side (1 when zoomed in).
  std::int64_t cells_per_pixel() const { return zoom_ < 0 ? std::int64_t{1} << -zoom_ : 1; }
  /// Pixel column of the grid's left edge (may be off screen).
  std::int64_t origin_x() const { return origin_x_; }
  /// Pixel row of the grid's top edge (may be off screen).
  std::int64_t origin_y() const { return origin_y_; }
  /// Window width in pixels.
  int window_width() const { return window_width_; }
  /// Window height in pixels.
  int window_height() const { return window_height_; }
  /// Grid width in cells.
  std::int64_t grid_width() const { return grid_width_; }
  /// Grid height in cells.
  std::int64_t grid_height() const { return grid_height_; }

  /// The visible cells and the scale to ask the simulation for.
  ViewRequest request() const;
  /// The cell drawn at pixel (px, py), if any.
  std::optional<Cell> cell_at(int px, int py) const;
  /// Golly's notation of the zoom: "1:8" (8 pixels per cell) or "16:1" (16 cells per pixel).
  std::string zoom_text() const;

 private:
  double cell_coordinate(double pixel, std::int64_t origin) const;
  std::int64_t pixel_of(double cell, double pixel) const;

  std::int64_t grid_width_;
  std::int64_t grid_height_;
  int window_width_;
  int window_height_;
  int zoom_ = 0;
  int min_zoom_ = 0;
  std::int64_t origin_x_ = 0;
  std::int64_t origin_y_ = 0;
};

/// The zoom of `viewport` in grid cells when each of its units is `frame_scale` x `frame_scale`
/// cells (a replay recorded with --frame-scale), in Golly's notation: "1:2" (2 pixels per cell),
/// "4:1" (4 x 4 cells per pixel), with two decimals where the ratio is not whole ("1:2.67").
std::string cell_zoom_text(const Viewport& viewport, std::int64_t frame_scale);

}  // namespace mpilife::viz
