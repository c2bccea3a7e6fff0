#include "mpilife/core/geometry.hpp"

#include <algorithm>

namespace mpilife {

namespace {

// [first, first + count) along one axis for a step of -1, 0 or +1; `ghost` picks the outside.
void axis_range(int step, std::int64_t n, bool ghost, std::int64_t& first, std::int64_t& count) {
  count = step == 0 ? n : 1;
  if (step == 0) {
    first = 0;
  } else if (step < 0) {
    first = ghost ? -1 : 0;
  } else {
    first = ghost ? n : n - 1;
  }
}

Extent region(Dir d, std::int64_t w, std::int64_t h, bool ghost) {
  Extent e;
  axis_range(dir_dx(d), w, ghost, e.x0, e.w);
  axis_range(dir_dy(d), h, ghost, e.y0, e.h);
  return e;
}

}  // namespace

Extent intersect(const Extent& a, const Extent& b) {
  const std::int64_t x0 = std::max(a.x0, b.x0);
  const std::int64_t y0 = std::max(a.y0, b.y0);
  const std::int64_t x1 = std::min(a.x0 + a.w, b.x0 + b.w);
  const std::int64_t y1 = std::min(a.y0 + a.h, b.y0 + b.h);
  if (x1 <= x0 || y1 <= y0) return {x0, y0, 0, 0};
  return {x0, y0, x1 - x0, y1 - y0};
}

Extent face_region(Dir d, std::int64_t w, std::int64_t h) {
  return region(d, w, h, false);
}

Extent ghost_region(Dir d, std::int64_t w, std::int64_t h) {
  return region(d, w, h, true);
}

}  // namespace mpilife
