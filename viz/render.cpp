#include "render.hpp"

#include <algorithm>
#include <cmath>

#include "font6x13.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife::viz {

namespace {

std::uint32_t blend(std::uint32_t under, std::uint32_t over) {
  const std::uint32_t a = over >> 24;
  if (a == 255) return over;
  std::uint32_t out = 0xFF000000;
  for (int shift = 0; shift < 24; shift += 8) {
    const std::uint32_t u = (under >> shift) & 0xFF;
    const std::uint32_t o = (over >> shift) & 0xFF;
    out |= ((o * a + u * (255 - a)) / 255) << shift;
  }
  return out;
}

std::uint32_t mix(std::uint32_t from, std::uint32_t to, double t) {
  std::uint32_t out = 0xFF000000;
  for (int shift = 0; shift < 24; shift += 8) {
    const double f = (from >> shift) & 0xFF;
    const double g = (to >> shift) & 0xFF;
    out |= static_cast<std::uint32_t>(f + (g - f) * t + 0.5) << shift;
  }
  return out;
}

// One pixel per block at (px0, py0) onwards: the zoomed-out picture, written directly, with the
// shades of whole blocks looked up rather than computed per pixel.
void draw_blocks(Canvas& canvas, const Frame& frame, std::int64_t px0, std::int64_t py0,
                 std::int64_t bw, std::int64_t bh, std::int64_t s, const Palette& palette) {
  const Extent& r = frame.view.region;
  const std::int64_t whole = s * s * frame.full;
  std::vector<std::uint32_t> lut;
  if (whole <= (std::int64_t{1} << 16)) {
    lut.resize(static_cast<std::size_t>(whole + 1));
    for (std::int64_t n = 0; n <= whole; ++n) {
      lut[static_cast<std::size_t>(n)] = whole == 1
                                             ? (n ? palette.alive : palette.dead)
                                             : shade(palette, static_cast<std::uint32_t>(n), whole);
    }
  }
  const std::int64_t bx0 = std::max<std::int64_t>(0, -px0);
  const std::int64_t bx1 = std::min<std::int64_t>(bw, canvas.width() - px0);
  const std::int64_t by0 = std::max<std::int64_t>(0, -py0);
  const std::int64_t by1 = std::min<std::int64_t>(bh, canvas.height() - py0);
  for (std::int64_t by = by0; by < by1; ++by) {
    const std::int64_t cells_h = std::min(s, r.h - by * s);
    std::uint32_t* row = canvas.row(static_cast<int>(py0 + by)) + px0;
    const std::uint32_t* counts = frame.counts.data() + by * bw;
    for (std::int64_t bx = bx0; bx < bx1; ++bx) {
      const std::uint32_t n = counts[bx];
      if (n == 0) continue;
      const std::int64_t area = std::min(s, r.w - bx * s) * cells_h * frame.full;
      row[bx] = area == whole && !lut.empty()
                    ? lut[std::min<std::uint32_t>(n, static_cast<std::uint32_t>(whole))]
                : area == 1 ? palette.alive
                            : shade(palette, n, area);
    }
  }
}

}  // namespace

Canvas::Canvas(int width, int height)
    : width_(std::max(1, width)),
      height_(std::max(1, height)),
      pixels_(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_), 0xFF000000) {}

void Canvas::fill(std::int64_t x, std::int64_t y, std::int64_t w, std::int64_t h,
                  std::uint32_t argb) {
  const std::int64_t x0 = std::max<std::int64_t>(0, x);
  const std::int64_t y0 = std::max<std::int64_t>(0, y);
  const std::int64_t x1 = std::min<std::int64_t>(width_, x + w);
  const std::int64_t y1 = std::min<std::int64_t>(height_, y + h);
  for (std::int64_t yy = y0; yy < y1; ++yy) {
    std::uint32_t* row = pixels_.data() + yy * width_;
    if ((argb >> 24) == 255) {
      std::fill(row + x0, row + std::max(x0, x1), argb);
    } else {
      for (std::int64_t xx = x0; xx < x1; ++xx) row[xx] = blend(row[xx], argb);
    }
  }
}

int Canvas::text(int x, int y, const std::string& text, std::uint32_t argb) {
  int cx = x;
  for (const char ch : text) {
    const int c = static_cast<unsigned char>(ch);
    const int glyph = c >= 32 && c <= 126 ? c - 32 : '?' - 32;
    for (int r = 0; r < kGlyphHeight; ++r) {
      const std::uint8_t bits = kFont6x13[glyph][r];
      for (int b = 0; b < kGlyphWidth; ++b) {
        if ((bits >> (7 - b)) & 1) fill(cx + b, y + r, 1, 1, argb);
      }
    }
    cx += kGlyphWidth;
  }
  return cx - x;
}

std::uint32_t shade(const Palette& palette, std::uint32_t count, std::int64_t area) {
  if (count == 0 || area <= 0) return palette.dead;
  const double density = std::min(1.0, static_cast<double>(count) / static_cast<double>(area));
  return mix(palette.dead, palette.alive, 0.3 + 0.7 * std::sqrt(density));
}

void draw_cells(Canvas& canvas, const Frame& frame, const Viewport& viewport,
                const Palette& palette, std::int64_t frame_scale) {
  canvas.fill(0, 0, canvas.width(), canvas.height(), palette.outside);
  const std::int64_t p = viewport.pixels_per_cell();
  const std::int64_t s = viewport.cells_per_pixel();
  const std::int64_t ox = viewport.origin_x();
  const std::int64_t oy = viewport.origin_y();
  const std::int64_t grid_w = (viewport.grid_width() + s - 1) / s * p;
  const std::int64_t grid_h = (viewport.grid_height() + s - 1) / s * p;
  canvas.fill(ox, oy, grid_w, grid_h, palette.dead);

  const Extent& r = frame.view.region;
  if (frame.view.scale != s || r.w <= 0 || r.h <= 0) return;
  const std::int64_t bw = (r.w + s - 1) / s;
  const std::int64_t bh = (r.h + s - 1) / s;
  if (frame.counts.size() != static_cast<std::size_t>(bw * bh)) return;
  if (p == 1) {
    draw_blocks(canvas, frame, ox + r.x0 / s, oy + r.y0 / s, bw, bh, s, palette);
    return;
  }
  for (std::int64_t by = 0; by < bh; ++by) {
    const std::int64_t cells_h = std::min(s, r.h - by * s);
    for (std::int64_t bx = 0; bx < bw; ++bx) {
      const std::uint32_t n = frame.counts[static_cast<std::size_t>(by * bw + bx)];
      if (n == 0) continue;
      const std::int64_t area = std::min(s, r.w - bx * s) * cells_h * frame.full;
      const std::uint32_t colour = area == 1 ? palette.alive : shade(palette, n, area);
      canvas.fill(ox + (r.x0 / s + bx) * p, oy + (r.y0 / s + by) * p, p, p, colour);
    }
  }
  // Lines between cells: a unit of p pixels holds k cells along each side.
  const std::int64_t k = std::max<std::int64_t>(1, frame_scale);
  if (p < kGridLinePixels * k) return;
  const std::int64_t top = std::max<std::int64_t>(oy, 0);
  const std::int64_t bottom = std::min<std::int64_t>(oy + grid_h, viewport.window_height());
  const std::int64_t left = std::max<std::int64_t>(ox, 0);
  const std::int64_t right = std::min<std::int64_t>(ox + grid_w, viewport.window_width());
  for (std::int64_t x = r.x0 * k; x < (r.x0 + r.w) * k; ++x) {
    canvas.fill(ox + x * p / k, top, 1, bottom - top,
                x % 10 == 0 ? palette.grid_major : palette.grid);
  }
  for (std::int64_t y = r.y0 * k; y < (r.y0 + r.h) * k; ++y) {
    canvas.fill(left, oy + y * p / k, right - left, 1,
                y % 10 == 0 ? palette.grid_major : palette.grid);
  }
}

}  // namespace mpilife::viz
