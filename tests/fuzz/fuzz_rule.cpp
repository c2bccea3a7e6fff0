// libFuzzer target for the rule parser: a rule that parses prints as text that parses to the same
// rule; one that does not is a RuleError naming a column inside the text (or just past it) with a
// short message.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "mpilife/core/rule.hpp"
#include "require.hpp"

using namespace mpilife;

namespace {

using fuzz::require;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const RuleSpec spec = parse_rule(text);
    const RuleSpec again = parse_rule(spec.to_string());
    require(again.rule == spec.rule, "printing and parsing changed the rule");
    require(again.suffix.has_value() == spec.suffix.has_value(), "the suffix came and went");
    if (spec.suffix) {
      require(again.suffix->to_string() == spec.suffix->to_string(), "the suffix changed");
      require(spec.suffix->width >= 1 && spec.suffix->height >= 1, "a suffix side below 1");
    }
  } catch (const RuleError& e) {
    require(e.column() >= 1 && static_cast<std::size_t>(e.column()) <= size + 1,
            "the error column lies outside the text");
    require(std::string_view(e.what()).size() < 400, "an error message over 400 characters");
  }
  return 0;
}
