#include "mpilife/core/decomposition.hpp"

#include <cctype>

#include "mpilife/core/error.hpp"
#include "mpilife/core/geometry.hpp"

namespace mpilife {

std::string DecompSpec::to_string() const {
  switch (kind) {
    case Kind::strips:
      return "1d";
    case Kind::balanced:
      return "2d";
    case Kind::explicit_grid:
      return std::to_string(cols) + "x" + std::to_string(rows);
  }
  return "2d";
}

DecompSpec parse_decomp(const std::string& text) {
  DecompSpec spec;
  if (text == "1d") {
    spec.kind = DecompSpec::Kind::strips;
    return spec;
  }
  if (text == "2d") return spec;
  const std::size_t x = text.find_first_of("xX");
  auto number = [&](const std::string& s) {
    if (s.empty() || s.size() > 6) return -1;
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    }
    return std::stoi(s);
  };
  if (x != std::string::npos) {
    spec.cols = number(text.substr(0, x));
    spec.rows = number(text.substr(x + 1));
  }
  if (x == std::string::npos || spec.cols < 1 || spec.rows < 1) {
    throw Error(ExitCode::usage, "--decomp: expected 1d, 2d or CxR (e.g. 3x2), got '" + text + "'");
  }
  spec.kind = DecompSpec::Kind::explicit_grid;
  return spec;
}

Range block_range(std::int64_t n, int parts, int i) {
  const std::int64_t base = n / parts;
  const std::int64_t extra = n % parts;
  return {i * base + std::min<std::int64_t>(i, extra), base + (i < extra ? 1 : 0)};
}

int block_of(std::int64_t n, int parts, std::int64_t x) {
  const std::int64_t base = n / parts;
  const std::int64_t extra = n % parts;
  const std::int64_t long_blocks = extra * (base + 1);  // the first `extra` blocks are one longer
  if (x < long_blocks) return static_cast<int>(x / (base + 1));
  return static_cast<int>(extra + (x - long_blocks) / base);
}

ProcessGrid choose_process_grid(const DecompSpec& spec, int ranks, std::int64_t width,
                                std::int64_t height, std::array<int, 2> dims_create) {
  ProcessGrid grid;
  switch (spec.kind) {
    case DecompSpec::Kind::strips:
      grid = {1, ranks};
      break;
    case DecompSpec::Kind::balanced: {
      // dims_create[0] >= dims_create[1]; give the longer grid side the larger factor, and on a
      // square grid give it to the rows: rows are contiguous, so long tile rows mean fewer
      // per-row edge costs in the kernels and contiguous north/south halos.
      const bool wide = width > height;
      grid = wide ? ProcessGrid{dims_create[0], dims_create[1]}
                  : ProcessGrid{dims_create[1], dims_create[0]};
      break;
    }
    case DecompSpec::Kind::explicit_grid:
      grid = {spec.cols, spec.rows};
      if (grid.size() != ranks) {
        throw Error(ExitCode::usage, "--decomp " + spec.to_string() + " needs " +
                                         std::to_string(grid.size()) +
                                         " ranks, but mpiexec started " + std::to_string(ranks));
      }
      break;
  }
  if (grid.rows > height || grid.cols > width) {
    const bool rows = grid.rows > height;
    throw Error(ExitCode::usage,
                "--decomp " + spec.to_string() + ": " +
                    std::to_string(rows ? grid.rows : grid.cols) + " process " +
                    (rows ? "rows" : "columns") + " for a grid of " +
                    std::to_string(rows ? height : width) + " " + (rows ? "rows" : "columns") +
                    " leaves tiles thinner than the one-cell halo; use fewer ranks, another "
                    "--decomp, or a larger --size");
  }
  return grid;
}

Extent tile_extent(std::int64_t width, std::int64_t height, const ProcessGrid& grid, int col,
                   int row) {
  const Range xs = block_range(width, grid.cols, col);
  const Range ys = block_range(height, grid.rows, row);
  return {xs.first, ys.first, xs.count, ys.count};
}

std::optional<std::array<int, 2>> neighbour_coords(const ProcessGrid& grid, std::array<int, 2> at,
                                                   Dir d, bool periodic) {
  int col = at[0] + dir_dx(d);
  int row = at[1] + dir_dy(d);
  if (!periodic && (col < 0 || col >= grid.cols || row < 0 || row >= grid.rows)) {
    return std::nullopt;
  }
  col = (col + grid.cols) % grid.cols;
  row = (row + grid.rows) % grid.rows;
  return std::array<int, 2>{col, row};
}

}  // namespace mpilife
