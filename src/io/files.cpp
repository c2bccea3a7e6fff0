#include "mpilife/io/files.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "mpilife/core/error.hpp"

namespace mpilife {

namespace fs = std::filesystem;

void check_output_path(const std::string& path, const std::string& option, bool overwrite) {
  const auto fail = [&](const std::string& why) {
    throw Error(ExitCode::cant_create, option + ": cannot create '" + path + "': " + why);
  };
  std::error_code ec;
  const fs::path p(path);
  if (fs::is_directory(p, ec)) fail("it is a directory");
  if (fs::exists(p, ec)) {
    if (!overwrite) fail("it already exists (use --force to overwrite)");
    if (::access(path.c_str(), W_OK) != 0) fail(std::strerror(errno));
  }
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) fail("folder '" + dir.string() + "' does not exist");
  if (::access(dir.c_str(), W_OK) != 0)
    fail("folder '" + dir.string() + "': " + std::strerror(errno));
}

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ExitCode::io, "cannot write '" + tmp + "': " + std::strerror(errno));
    write(out);
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw Error(ExitCode::io, "error writing '" + path + "': " + std::strerror(errno));
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    throw Error(ExitCode::io, "cannot rename '" + tmp + "' to '" + path + "': " + why);
  }
}

}  // namespace mpilife
