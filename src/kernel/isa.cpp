// The fast kernel's dispatcher: which copies this binary holds, which this CPU can run, and the
// one make_fast_tile builds. Compiled for the baseline of the target, like everything outside
// src/kernel/fast/.

#include "mpilife/kernel/isa.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fast/features.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/fast.hpp"
#include "mpilife/kernel/tile.hpp"

// Each copy's entry points (src/kernel/fast/fast_tile.cpp), one namespace per copy.
#define MPILIFE_FAST_ENTRY_POINTS                                                               \
  std::unique_ptr<Tile> make_tile(std::int64_t w, std::int64_t h, const Rule& rule, int depth); \
  extern const std::uint32_t kRequiredFeatures;

namespace mpilife::fast {
#if defined(MPILIFE_FAST_HAS_NATIVE)
namespace native {
MPILIFE_FAST_ENTRY_POINTS
}  // namespace native
#endif
#if defined(MPILIFE_FAST_HAS_AVX512VBMI2)
namespace avx512vbmi2 {
MPILIFE_FAST_ENTRY_POINTS
}  // namespace avx512vbmi2
#endif
#if defined(MPILIFE_FAST_HAS_AVX512)
namespace avx512 {
MPILIFE_FAST_ENTRY_POINTS
}  // namespace avx512
#endif
#if defined(MPILIFE_FAST_HAS_AVX2)
namespace avx2 {
MPILIFE_FAST_ENTRY_POINTS
}  // namespace avx2
#endif
namespace portable {
MPILIFE_FAST_ENTRY_POINTS
}  // namespace portable
}  // namespace mpilife::fast

namespace mpilife {

namespace {

using TileFactory = std::unique_ptr<Tile> (*)(std::int64_t, std::int64_t, const Rule&, int);

// One compiled copy of the fast kernel.
struct Variant {
  Isa isa;
  TileFactory make;
  const std::uint32_t* required;  // the CPU features it was compiled to use
};

// The copies, best first.
const std::vector<Variant>& variants() {
  static const std::vector<Variant> all = {
#if defined(MPILIFE_FAST_HAS_NATIVE)
    {Isa::native, fast::native::make_tile, &fast::native::kRequiredFeatures},
#endif
#if defined(MPILIFE_FAST_HAS_AVX512VBMI2)
    {Isa::avx512vbmi2, fast::avx512vbmi2::make_tile, &fast::avx512vbmi2::kRequiredFeatures},
#endif
#if defined(MPILIFE_FAST_HAS_AVX512)
    {Isa::avx512, fast::avx512::make_tile, &fast::avx512::kRequiredFeatures},
#endif
#if defined(MPILIFE_FAST_HAS_AVX2)
    {Isa::avx2, fast::avx2::make_tile, &fast::avx2::kRequiredFeatures},
#endif
    {Isa::portable, fast::portable::make_tile, &fast::portable::kRequiredFeatures},
  };
  return all;
}

// The features of features.hpp that this CPU (and its operating system, for the AVX state)
// supports.
std::uint32_t cpu_features() {
  std::uint32_t f = 0;
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  const std::array<std::pair<bool, std::uint32_t>, 13> checks = {{
      {__builtin_cpu_supports("sse4.2") != 0, fast::kFeatureSse42},
      {__builtin_cpu_supports("popcnt") != 0, fast::kFeaturePopcnt},
      {__builtin_cpu_supports("avx") != 0, fast::kFeatureAvx},
      {__builtin_cpu_supports("avx2") != 0, fast::kFeatureAvx2},
      {__builtin_cpu_supports("bmi") != 0, fast::kFeatureBmi},
      {__builtin_cpu_supports("bmi2") != 0, fast::kFeatureBmi2},
      {__builtin_cpu_supports("fma") != 0, fast::kFeatureFma},
      {__builtin_cpu_supports("avx512f") != 0, fast::kFeatureAvx512f},
      {__builtin_cpu_supports("avx512bw") != 0, fast::kFeatureAvx512bw},
      {__builtin_cpu_supports("avx512dq") != 0, fast::kFeatureAvx512dq},
      {__builtin_cpu_supports("avx512vl") != 0, fast::kFeatureAvx512vl},
      {__builtin_cpu_supports("avx512cd") != 0, fast::kFeatureAvx512cd},
      {__builtin_cpu_supports("avx512vbmi2") != 0, fast::kFeatureAvx512vbmi2},
  }};
  for (const auto& [has, bit] : checks) {
    if (has) f |= bit;
  }
#endif
  return f;
}

const Variant* find_variant(Isa isa) {
  for (const Variant& v : variants()) {
    if (v.isa == isa) return &v;
  }
  return nullptr;
}

bool runs_here(const Variant& v) {
  static const std::uint32_t features = cpu_features();
  return (*v.required & ~features) == 0;
}

std::optional<Isa>& selected() {
  static std::optional<Isa> isa;
  return isa;
}

}  // namespace

std::string to_string(Isa isa) {
  switch (isa) {
    case Isa::automatic:
      return "auto";
    case Isa::native:
      return "native";
    case Isa::avx512vbmi2:
      return "avx512vbmi2";
    case Isa::avx512:
      return "avx512";
    case Isa::avx2:
      return "avx2";
    case Isa::portable:
      return "portable";
  }
  return "portable";
}

std::vector<Isa> all_isas() {
  return {Isa::native, Isa::avx512vbmi2, Isa::avx512, Isa::avx2, Isa::portable};
}

std::vector<std::string> isa_names() {
  std::vector<std::string> names = {to_string(Isa::automatic)};
  for (const Isa isa : all_isas()) names.push_back(to_string(isa));
  return names;
}

std::optional<Isa> parse_isa(std::string_view name) {
  if (name == to_string(Isa::automatic)) return Isa::automatic;
  for (const Isa isa : all_isas()) {
    if (name == to_string(isa)) return isa;
  }
  return std::nullopt;
}

std::vector<Isa> compiled_isas() {
  std::vector<Isa> out;
  for (const Variant& v : variants()) out.push_back(v.isa);
  return out;
}

bool cpu_supports(Isa isa) {
  if (isa == Isa::automatic) return true;
  const Variant* v = find_variant(isa);
  return v != nullptr && runs_here(*v);
}

std::string supported_isas_text() {
  std::string text;
  for (const Variant& v : variants()) {
    if (!runs_here(v)) continue;
    text += (text.empty() ? "" : ", ") + to_string(v.isa);
  }
  return text;
}

Isa best_isa() {
  for (const Variant& v : variants()) {
    if (runs_here(v)) return v.isa;
  }
  return Isa::portable;  // unreachable: the portable copy needs no feature
}

Isa resolve_isa(Isa isa) {
  if (isa == Isa::automatic) return best_isa();
  const std::string supported =
      "this CPU supports " + supported_isas_text() + " (auto picks " + to_string(best_isa()) + ")";
  if (find_variant(isa) == nullptr) {
    std::string compiled;
    for (const Isa c : compiled_isas()) compiled += (compiled.empty() ? "" : ", ") + to_string(c);
    throw Error(ExitCode::usage,
                "--isa " + to_string(isa) + ": this binary holds no fast kernel for it (it holds " +
                    compiled + ")" +
                    (isa == Isa::native ? "; build with -DMPILIFE_NATIVE=ON" : "") + "; " +
                    supported);
  }
  if (!cpu_supports(isa)) {
    throw Error(ExitCode::usage,
                "--isa " + to_string(isa) + ": this CPU cannot run it; " + supported);
  }
  return isa;
}

void select_fast_isa(Isa isa) {
  selected() = resolve_isa(isa);
}

Isa selected_fast_isa() {
  if (!selected()) selected() = best_isa();
  return *selected();
}

std::unique_ptr<Tile> make_fast_tile(std::int64_t w, std::int64_t h, const Rule& rule, Isa isa,
                                     int depth) {
  return find_variant(resolve_isa(isa))->make(w, h, rule, depth);
}

std::unique_ptr<Tile> make_fast_tile(std::int64_t w, std::int64_t h, const Rule& rule, int depth) {
  return find_variant(selected_fast_isa())->make(w, h, rule, depth);
}

std::string fast_kernel_isa() {
  return to_string(selected_fast_isa());
}

}  // namespace mpilife
