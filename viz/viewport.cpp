#include "viewport.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife::viz {

namespace {

// Largest zoom `fit` picks: cells of a tiny pattern stay a comfortable 16 pixels.
constexpr int kMaxFitZoom = 4;

// Floor of a / b for b > 0.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// Ceiling of a / b for b > 0.
std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return -floor_div(-a, b);
}

// Pixels covering n cells at zoom z.
std::int64_t span_pixels(std::int64_t n, int z) {
  return z >= 0 ? n << z : ceil_div(n, std::int64_t{1} << -z);
}

// Visible [first, end) cells of a grid side of n cells drawn from pixel `origin` in a window side
// of `pixels`, at zoom z.
std::pair<std::int64_t, std::int64_t> visible(std::int64_t n, std::int64_t origin,
                                              std::int64_t pixels, int z) {
  std::int64_t first = 0;
  std::int64_t end = 0;
  if (z >= 0) {
    const std::int64_t p = std::int64_t{1} << z;
    first = floor_div(-origin, p);
    end = ceil_div(pixels - origin, p);
  } else {
    const std::int64_t s = std::int64_t{1} << -z;
    first = (-origin) * s;
    end = (pixels - origin) * s;
  }
  first = std::clamp<std::int64_t>(first, 0, n);
  end = std::clamp<std::int64_t>(end, first, n);
  return {first, end};
}

}  // namespace

Viewport::Viewport(std::int64_t grid_width, std::int64_t grid_height, int window_width,
                   int window_height)
    : grid_width_(std::max<std::int64_t>(1, grid_width)),
      grid_height_(std::max<std::int64_t>(1, grid_height)),
      window_width_(std::max(1, window_width)),
      window_height_(std::max(1, window_height)) {
  const std::int64_t side = std::max(grid_width_, grid_height_);
  while ((std::int64_t{1} << -min_zoom_) < side) --min_zoom_;
  fit();
}

void Viewport::resize(int window_width, int window_height) {
  const double cx = cell_coordinate(window_width_ / 2.0, origin_x_);
  const double cy = cell_coordinate(window_height_ / 2.0, origin_y_);
  window_width_ = std::max(1, window_width);
  window_height_ = std::max(1, window_height);
  origin_x_ = pixel_of(cx, window_width_ / 2.0);
  origin_y_ = pixel_of(cy, window_height_ / 2.0);
}

void Viewport::fit() {
  zoom_ = min_zoom_;
  for (int z = kMaxFitZoom; z > min_zoom_; --z) {
    if (span_pixels(grid_width_, z) <= window_width_ &&
        span_pixels(grid_height_, z) <= window_height_) {
      zoom_ = z;
      break;
    }
  }
  origin_x_ = (window_width_ - span_pixels(grid_width_, zoom_)) / 2;
  origin_y_ = (window_height_ - span_pixels(grid_height_, zoom_)) / 2;
}

void Viewport::zoom_by(int steps, int px, int py) {
  const int z = std::clamp(zoom_ + steps, min_zoom_, kMaxZoom);
  if (z == zoom_) return;
  const double mx = px + 0.5;
  const double my = py + 0.5;
  const double cx = cell_coordinate(mx, origin_x_);
  const double cy = cell_coordinate(my, origin_y_);
  zoom_ = z;
  origin_x_ = pixel_of(cx, mx);
  origin_y_ = pixel_of(cy, my);
}

void Viewport::pan(std::int64_t dx, std::int64_t dy) {
  // Keep at least a corner of the grid reachable: the picture may not leave the window entirely.
  const std::int64_t w = span_pixels(grid_width_, zoom_);
  const std::int64_t h = span_pixels(grid_height_, zoom_);
  origin_x_ = std::clamp<std::int64_t>(origin_x_ + dx, 1 - w, window_width_ - 1);
  origin_y_ = std::clamp<std::int64_t>(origin_y_ + dy, 1 - h, window_height_ - 1);
}

ViewRequest Viewport::request() const {
  const auto [x0, x1] = visible(grid_width_, origin_x_, window_width_, zoom_);
  const auto [y0, y1] = visible(grid_height_, origin_y_, window_height_, zoom_);
  ViewRequest r;
  r.scale = cells_per_pixel();
  if (x1 > x0 && y1 > y0) r.region = Extent{x0, y0, x1 - x0, y1 - y0};
  return r;
}

std::optional<Cell> Viewport::cell_at(int px, int py) const {
  if (px < 0 || py < 0 || px >= window_width_ || py >= window_height_) return std::nullopt;
  const std::int64_t p = pixels_per_cell();
  const std::int64_t s = cells_per_pixel();
  const std::int64_t x = floor_div(px - origin_x_, p) * s;
  const std::int64_t y = floor_div(py - origin_y_, p) * s;
  if (x < 0 || y < 0 || x >= grid_width_ || y >= grid_height_) return std::nullopt;
  return Cell{x, y};
}

std::string Viewport::zoom_text() const {
  return zoom_ >= 0 ? "1:" + std::to_string(pixels_per_cell())
                    : std::to_string(cells_per_pixel()) + ":1";
}

std::string cell_zoom_text(const Viewport& viewport, std::int64_t frame_scale) {
  // Cells per pixel along a side: frame_scale cells per unit, 2^-z units per pixel.
  const double cells = static_cast<double>(std::max<std::int64_t>(1, frame_scale)) *
                       std::ldexp(1.0, -viewport.zoom());
  const auto ratio = [](double r) {
    const double whole = std::round(r);
    char buf[32];
    if (std::abs(r - whole) < 1e-9) {
      std::snprintf(buf, sizeof buf, "%.0f", whole);
    } else {
      std::snprintf(buf, sizeof buf, "%.2f", r);
    }
    return std::string(buf);
  };
  return cells <= 1.0 ? "1:" + ratio(1.0 / cells) : ratio(cells) + ":1";
}

double Viewport::cell_coordinate(double pixel, std::int64_t origin) const {
  return (pixel - static_cast<double>(origin)) * std::ldexp(1.0, -zoom_);
}

std::int64_t Viewport::pixel_of(double cell, double pixel) const {
  return std::llround(pixel - cell * std::ldexp(1.0, zoom_));
}

}  // namespace mpilife::viz
