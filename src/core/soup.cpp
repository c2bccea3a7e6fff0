#include "mpilife/core/soup.hpp"

#include "mpilife/core/cells.hpp"

namespace mpilife {

namespace {

std::uint64_t splitmix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

bool soup_cell(std::uint64_t seed, std::int64_t x, std::int64_t y, double density) {
  const std::uint64_t h = splitmix64(splitmix64(seed ^ splitmix64(static_cast<std::uint64_t>(x))) ^
                                     static_cast<std::uint64_t>(y));
  const double u = static_cast<double>(h >> 11) * 0x1.0p-53;
  return u < density;
}

void soup_row(std::uint64_t seed, std::int64_t x0, std::int64_t y, std::int64_t w, double density,
              std::uint8_t* out) {
  for (std::int64_t i = 0; i < w; ++i) out[i] = soup_cell(seed, x0 + i, y, density) ? 1 : 0;
}

CellArray soup_grid(std::int64_t w, std::int64_t h, std::uint64_t seed, double density) {
  CellArray cells(h, w);
  for (std::int64_t y = 0; y < h; ++y) soup_row(seed, 0, y, w, density, &cells(y, 0));
  return cells;
}

}  // namespace mpilife
