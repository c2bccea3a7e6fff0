
#include "mpilife/kernel/tile.hpp"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/blocking.hpp"
#include "mpilife/kernel/fast.hpp"
#include "mpilife/kernel/reference.hpp"

namespace mpilife {

std::string to_string(KernelKind k) {
  return k == KernelKind::fast ? "fast" : "reference";
}

std::optional<KernelKind> parse_kernel(std::string_view name) {
  for (const KernelKind k : {KernelKind::fast, KernelKind::reference}) {
    if (name == to_string(k)) return k;
  }
  return std::nullopt;
}

void Tile::advance(int fresh, int k) {
  if (fresh != 0 || k != 1) throw std::logic_error("a tile one cell deep advances one generation");
  step_all();
}

void Tile::advance_overlapped(int k, unsigned, const std::function<void()>&,
                              const std::function<void()>& wait) {
  wait();
  advance(0, k);
}

bool Tile::edge_alive(Dir d) const {
  // A one-deep face is the outermost row or column itself.
  std::vector<std::byte> face(face_bytes(d));
  pack_face(d, face.data());
  return std::any_of(face.begin(), face.end(), [](std::byte b) { return b != std::byte{0}; });
}

std::unique_ptr<Tile> make_tile(KernelKind kind, std::int64_t w, std::int64_t h, const Rule& rule,
                                int depth) {
  if (w < 1 || h < 1) throw std::invalid_argument("a tile needs at least one row and column");
  // A deep tile's west and east faces are one word a row: at most kMaxHaloDepth columns.
  if (depth < 1 || depth > std::min<std::int64_t>({w, h, kMaxHaloDepth}) ||
      (depth > 1 && kind != KernelKind::fast)) {
    throw std::invalid_argument("no tile has ghosts " + std::to_string(depth) + " deep here");
  }
  return kind == KernelKind::fast ? make_fast_tile(w, h, rule, depth)
                                  : make_reference_tile(w, h, rule);
}

}  // namespace mpilife
