#include "mpilife/census/clusters.hpp"

#include <cstdint>

namespace mpilife {

std::vector<Patch> clusters_of(const Patch& live, const Patch& envelope) {
  std::vector<Patch> out;
  if (live.empty()) return out;
  const std::int64_t w = envelope.width();
  const std::int64_t h = envelope.height();
  const std::int64_t ox = live.x0() - envelope.x0();
  const std::int64_t oy = live.y0() - envelope.y0();
  // 0 = outside the envelope, 1 = envelope not yet reached, 2 = reached.
  std::vector<std::uint8_t> state(envelope.bytes());
  std::vector<std::uint8_t> is_live(static_cast<std::size_t>(w * h), 0);
  for (std::int64_t y = 0; y < live.height(); ++y) {
    for (std::int64_t x = 0; x < live.width(); ++x) {
      if (live.alive(x, y)) is_live[static_cast<std::size_t>((y + oy) * w + x + ox)] = 1;
    }
  }
  std::vector<std::int64_t> queue;
  for (std::int64_t start = 0; start < w * h; ++start) {
    const auto s = static_cast<std::size_t>(start);
    if (!is_live[s] || state[s] == 2) continue;
    queue.assign(1, start);
    state[s] = 2;
    std::vector<Cell> cells;
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const std::int64_t cx = queue[q] % w;
      const std::int64_t cy = queue[q] / w;
      if (is_live[static_cast<std::size_t>(queue[q])]) {
        cells.push_back(Cell{envelope.x0() + cx, envelope.y0() + cy});
      }
      for (std::int64_t dy = -2; dy <= 2; ++dy) {
        for (std::int64_t dx = -2; dx <= 2; ++dx) {
          if (dx * dx + dy * dy > 5) continue;
          const std::int64_t nx = cx + dx;
          const std::int64_t ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const auto n = static_cast<std::size_t>(ny * w + nx);
          if (state[n] != 1) continue;
          state[n] = 2;
          queue.push_back(ny * w + nx);
        }
      }
    }
    out.push_back(Patch::from_cells(cells));
  }
  return out;
}

}  // namespace mpilife
