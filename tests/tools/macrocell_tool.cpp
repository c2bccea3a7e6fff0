// Test driver for tests/cli/macrocell_golly.sh, not part of the product: reads pattern files as
// mpilife reads them (read_pattern), moves the live cells of each by (DX, DY) from where Golly
// puts them (the pattern's origin, or 0,0 without one), writes them all as one universe with
// write_macrocell (with the first file's rule, generation and comments) and prints the Golly
// bounding box of the cells written on stdout: "left top right bottom", or "empty".
//
// Usage: macrocell_tool OUT.mc IN DX DY [IN DX DY ...]

#include <algorithm>
#include <cstdint>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/io/macrocell_writer.hpp"
#include "mpilife/io/pattern.hpp"

int main(int argc, char** argv) {
  using namespace mpilife;
  if (argc < 5 || (argc - 2) % 3 != 0) {
    std::cerr << "usage: macrocell_tool OUT.mc IN DX DY [IN DX DY ...]\n";
    return 2;
  }
  try {
    std::vector<Cell> cells;
    std::string rule;
    std::int64_t generation = 0;
    std::vector<std::string> comments;
    for (int arg = 2; arg < argc; arg += 3) {
      const Pattern p = read_pattern(argv[arg]);
      const std::int64_t dx = std::stoll(argv[arg + 1]);
      const std::int64_t dy = std::stoll(argv[arg + 2]);
      const PatternOrigin origin = p.origin.value_or(PatternOrigin{});
      for (const Cell& c : p.cells) cells.push_back({origin.x + dx + c.x, origin.y + dy + c.y});
      if (arg == 2) {
        rule = p.rule ? p.rule->to_string() : "";
        generation = p.generation;
        comments = p.comments;
      }
    }
    std::ofstream out(argv[1], std::ios::binary);
    write_macrocell(out, cells, rule, generation, comments);
    out.close();
    if (!out) {
      std::cerr << "macrocell_tool: cannot write " << argv[1] << '\n';
      return 1;
    }
    if (cells.empty()) {
      std::cout << "empty\n";
      return 0;
    }
    const auto [min_x, max_x] = std::minmax_element(
        cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.x < b.x; });
    const auto [min_y, max_y] = std::minmax_element(
        cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.y < b.y; });
    std::cout << min_x->x << ' ' << min_y->y << ' ' << max_x->x << ' ' << max_y->y << '\n';
  } catch (const std::exception& e) {
    std::cerr << "macrocell_tool: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
