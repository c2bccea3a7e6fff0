#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpilife {

/// An instruction set the fast kernel is compiled for. The binary holds several copies of the
/// kernel (src/CMakeLists.txt: avx512vbmi2, avx512, avx2 and portable on x86-64, plus native with
/// -DMPILIFE_NATIVE=ON; portable elsewhere) and chooses one at run time; they compute the same
/// cells and exchange the same face bytes, so ranks on different instruction sets run together.
enum class Isa {
  automatic,  ///< "auto": the best one this binary holds and this CPU supports
  native,     ///< built with -march=native for the build machine (-DMPILIFE_NATIVE=ON)
  avx512vbmi2,  ///< x86-64-v4 and VBMI2 (Ice Lake, Zen 4 and later: vpshldq for the shifts)
  avx512,     ///< x86-64-v4: AVX-512 F/BW/DQ/VL/CD (vpternlogq on zmm registers)
  avx2,       ///< x86-64-v3: AVX2, BMI1/2, FMA
  portable    ///< the baseline of the target (x86-64: SSE2)
};

/// "auto", "native", "avx512vbmi2", "avx512", "avx2" or "portable".
std::string to_string(Isa isa);

/// Every instruction set mpilife knows, best first (not Isa::automatic), compiled in or not.
std::vector<Isa> all_isas();

/// "auto" and the names of all_isas(): what --isa accepts.
std::vector<std::string> isa_names();

/// The instruction set `name` names (as to_string writes it); none for any other text.
std::optional<Isa> parse_isa(std::string_view name);

/// The instruction sets compiled into this binary, best first (never Isa::automatic).
std::vector<Isa> compiled_isas();

/// Whether this CPU can run the copy compiled for `isa` (false when the binary lacks it; true for
/// Isa::automatic).
bool cpu_supports(Isa isa);

/// The compiled instruction sets this CPU supports, best first, e.g. "avx512, avx2, portable".
std::string supported_isas_text();

/// The first of compiled_isas() that this CPU supports (portable always is).
Isa best_isa();

/// `isa` with automatic resolved to best_isa(). Throws Error (usage, 64) naming what this binary
/// holds and this CPU supports when the binary lacks `isa` or the CPU cannot run it.
Isa resolve_isa(Isa isa);

/// Makes `isa` (resolved by resolve_isa, with its errors) the instruction set of the fast tiles
/// make_tile builds from now on in this process; the default is best_isa().
void select_fast_isa(Isa isa);

/// The instruction set the fast tiles of this process use (never Isa::automatic).
Isa selected_fast_isa();

}  // namespace mpilife
