#include "mpilife/view/block_counts.hpp"

#include <algorithm>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/geometry.hpp"

namespace mpilife {

namespace {

// Per-block sums of f(value) over `region` of `cells`.
template <typename F>
std::vector<std::uint32_t> reduce_blocks(const CellArray& cells, const Extent& region,
                                         std::int64_t scale, F f) {
  const std::int64_t bw = (region.w + scale - 1) / scale;
  const std::int64_t bh = (region.h + scale - 1) / scale;
  std::vector<std::uint32_t> counts(static_cast<std::size_t>(bw * bh), 0);
  if (region.w <= 0 || region.h <= 0) return counts;
  for (std::int64_t y = 0; y < region.h; ++y) {
    const std::uint8_t* row = &cells(region.y0 + y, region.x0);
    std::uint32_t* out = counts.data() + (y / scale) * bw;
    for (std::int64_t bx = 0; bx < bw; ++bx) {
      const std::int64_t end = std::min((bx + 1) * scale, region.w);
      std::uint32_t n = 0;
      for (std::int64_t x = bx * scale; x < end; ++x) n += f(row[x]);
      out[bx] += n;
    }
  }
  return counts;
}

}  // namespace

std::vector<std::uint32_t> block_counts(const CellArray& cells, const Extent& region,
                                        std::int64_t scale) {
  return reduce_blocks(cells, region, scale,
                       [](std::uint8_t v) { return static_cast<std::uint32_t>(v != 0); });
}

std::vector<std::uint32_t> block_sums(const CellArray& values, const Extent& region,
                                      std::int64_t scale) {
  return reduce_blocks(values, region, scale, [](std::uint8_t v) { return std::uint32_t{v}; });
}

}  // namespace mpilife
