
#include "mpilife/kernel/tile.hpp"

#include <stdexcept>

#include "mpilife/core/rule.hpp"
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

std::unique_ptr<Tile> make_tile(KernelKind kind, std::int64_t w, std::int64_t h, const Rule& rule) {
  if (w < 1 || h < 1) throw std::invalid_argument("a tile needs at least one row and column");
  return kind == KernelKind::fast ? make_fast_tile(w, h, rule) : make_reference_tile(w, h, rule);
}

}  // namespace mpilife
