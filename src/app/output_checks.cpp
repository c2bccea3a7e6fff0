#include "output_checks.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include "mpilife/core/error.hpp"
#include "mpilife/io/files.hpp"
#include "mpilife/io/hdf5/xdmf.hpp"

namespace mpilife {

namespace {

// One file a run reads or writes, for the overlap check.
struct Claim {
  std::string what;     // for the message: "--final 'x.rle'", "the temporary file of ..."
  std::string option;   // the option it belongs to
  std::string real;     // its real path; for a family, the prefix "<real>.tmp."
  bool family = false;  // the names "<real>.tmp.<pid>" of write_file_atomically
  bool input = false;   // read before the run: the pattern or the --restart checkpoint
  bool temp = false;    // a temporary name, not the output itself
};

bool in_family(const Claim& family, const std::string& name) {
  const std::string& prefix = family.real;
  return name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
         name.find_first_not_of("0123456789", prefix.size()) == std::string::npos;
}

bool claims_meet(const Claim& a, const Claim& b) {
  if (a.family && b.family) return a.real == b.real;
  if (a.family) return in_family(a, b.real);
  if (b.family) return in_family(b, a.real);
  std::error_code ec;
  return a.real == b.real || std::filesystem::equivalent(a.real, b.real, ec);
}

class Claims {
 public:
  // A file written by write_file_atomically: its name and its temporary names; none for a stream.
  void text_output(const std::string& path, const std::string& option, const std::string& what) {
    const OutputTarget t = resolve_output(path, option);
    if (t.kind == OutputKind::stream) return;
    claims_.push_back({what, option, t.real});
    claims_.push_back(
        {"the temporary files of " + what, option, t.real + ".tmp.", true, false, true});
  }

  // An HDF5 file written in place, or through "<real>.tmp" with `temp`.
  void hdf5_output(const std::string& path, const std::string& option, bool temp) {
    const OutputTarget t = resolve_output(path, option);
    if (t.kind == OutputKind::stream) return;
    const std::string what = option + " '" + path + "'";
    claims_.push_back({what, option, t.real});
    if (temp)
      claims_.push_back(
          {"the temporary file of " + what, option, t.real + ".tmp", false, false, true});
  }

  void input(const std::string& path, const std::string& option, const std::string& what) {
    claims_.push_back({what, option, real_path(path), false, true});
  }

  // Throws Error (exit 64) for the first two claims of different options that meet.
  void check() const {
    for (std::size_t i = 0; i < claims_.size(); ++i) {
      for (std::size_t j = i + 1; j < claims_.size(); ++j) {
        const Claim& a = claims_[i];
        const Claim& b = claims_[j];
        if (a.option == b.option || (a.input && b.input) || allowed(a, b)) continue;
        if (claims_meet(a, b)) fail(a, b);
      }
    }
  }

 private:
  // --restart ck.h5 --checkpoint ck.h5 continues the checkpoint: the documented normal use.
  static bool allowed(const Claim& a, const Claim& b) {
    const auto continues = [](const Claim& in, const Claim& out) {
      return in.option == "--restart" && out.option == "--checkpoint" && !out.temp;
    };
    return continues(a, b) || continues(b, a);
  }

  [[noreturn]] static void fail(const Claim& a, const Claim& b) {
    const std::string real = a.family ? b.real : a.real;
    if (a.input || b.input) {
      const Claim& in = a.input ? a : b;
      const Claim& out = a.input ? b : a;
      throw Error(ExitCode::usage, out.what + " would overwrite " + in.what + " ('" + real +
                                       "'); write the output to another file");
    }
    throw Error(ExitCode::usage, a.what + " and " + b.what + " are the same file ('" + real +
                                     "'); give each output a file of its own");
  }

  std::vector<Claim> claims_;
};

}  // namespace

void check_output_overlaps(const RunOptions& options) {
  const OutputOptions& o = options.outputs;
  Claims claims;
  if (!options.pattern.empty()) {
    claims.input(options.pattern, "PATTERN", "the pattern '" + options.pattern + "'");
  }
  if (!options.restart_path.empty()) {
    claims.input(options.restart_path, "--restart",
                 "the --restart checkpoint '" + options.restart_path + "'");
  }
  if (!o.output_path.empty()) {
    claims.hdf5_output(o.output_path, "--output", false);
    claims.text_output(sidecar_path(o.output_path), "--output",
                       "the XDMF sidecar of --output '" + o.output_path + "'");
  }
  if (!o.checkpoint_path.empty()) claims.hdf5_output(o.checkpoint_path, "--checkpoint", true);
  const std::pair<const std::string*, const char*> texts[] = {
      {&o.final_path, "--final"}, {&o.stats_path, "--stats"}, {&o.summary_path, "--summary"}};
  for (const auto& [path, option] : texts) {
    if (!path->empty()) claims.text_output(*path, option, std::string(option) + " '" + *path + "'");
  }
  claims.check();
}

void check_outputs(const RunOptions& options) {
  const OutputOptions& o = options.outputs;
  if (!o.output_path.empty()) {
    // A restart appends to the recording of the run it continues (checked when it opens it) and
    // rewrites that recording's sidecar.
    const bool appends = !options.restart_path.empty();
    check_output_path(o.output_path, "--output", o.force || appends, false);
    check_output_path(sidecar_path(o.output_path), "--output (XDMF sidecar)", o.force || appends,
                      false);
  }
  if (!o.checkpoint_path.empty()) {
    const bool continues = !options.restart_path.empty() &&
                           real_path(o.checkpoint_path) == real_path(options.restart_path);
    check_output_path(o.checkpoint_path, "--checkpoint", o.force || continues, false);
    check_output_path(real_path(o.checkpoint_path) + ".tmp", "--checkpoint (temporary file)", true,
                      false);
  }
  if (!o.final_path.empty()) check_output_path(o.final_path, "--final", o.force);
  if (!o.stats_path.empty()) check_output_path(o.stats_path, "--stats", o.force);
  if (!o.summary_path.empty()) check_output_path(o.summary_path, "--summary", o.force);
}

}  // namespace mpilife
