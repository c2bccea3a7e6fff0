#include "mpilife/io/files.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "mpilife/core/error.hpp"

namespace mpilife {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxLinks = 40;  // as the kernel's ELOOP limit

// Paths that name an open descriptor of this process (/dev/stdout, /dev/fd/3, /proc/self/fd/1):
// whatever they lead to belongs to whoever opened the descriptor, so they are written through.
bool names_a_descriptor(const std::string& path) {
  std::error_code ec;
  const std::string p = fs::absolute(path, ec).lexically_normal().string();
  if (p == "/dev/stdout" || p == "/dev/stderr" || p.rfind("/dev/fd/", 0) == 0) return true;
  if (p.rfind("/proc/", 0) != 0) return false;
  const std::size_t slash = p.find('/', 6);
  return slash != std::string::npos && p.compare(slash, 4, "/fd/") == 0;
}

// Follows the symbolic links at the end of `path` (not the folders'), also a dangling last one.
fs::path follow_links(const fs::path& path) {
  fs::path p = path;
  std::error_code ec;
  for (int hops = 0; fs::is_symlink(p, ec); ++hops) {
    if (hops == kMaxLinks) throw Error(ExitCode::cant_create, "too many levels of symbolic links");
    const fs::path target = fs::read_symlink(p, ec);
    if (ec) throw Error(ExitCode::cant_create, ec.message());
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  return p;
}

std::string kind_name(mode_t mode) {
  if (S_ISDIR(mode)) return "it is a directory";
  const std::string kinds = " (outputs are regular files, FIFOs or character devices)";
  if (S_ISBLK(mode)) return "it is a block device" + kinds;
  if (S_ISSOCK(mode)) return "it is a socket" + kinds;
  return "it is not a regular file" + kinds;
}

}  // namespace

std::string real_path(const std::string& path) {
  std::error_code ec;
  const fs::path followed = fs::absolute(follow_links(fs::path(path)), ec);
  const fs::path real = fs::weakly_canonical(followed, ec);
  return (ec ? followed.lexically_normal() : real).string();
}

OutputTarget resolve_output(const std::string& path, const std::string& option) {
  const auto fail = [&](const std::string& why) {
    throw Error(ExitCode::cant_create, option + ": cannot create '" + path + "': " + why);
  };
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) ||
        (S_ISREG(st.st_mode) && names_a_descriptor(path))) {
      return {OutputKind::stream, path, true};
    }
    if (!S_ISREG(st.st_mode)) fail(kind_name(st.st_mode));
  } else if (errno == ELOOP) {
    fail(std::strerror(errno));
  }
  try {
    return {OutputKind::file, real_path(path), ::stat(path.c_str(), &st) == 0};
  } catch (const Error& e) {
    fail(e.what());
  }
  return {};
}

OutputTarget check_output_path(const std::string& path, const std::string& option, bool overwrite,
                               bool streams) {
  const auto fail = [&](const std::string& why) {
    throw Error(ExitCode::cant_create, option + ": cannot create '" + path + "': " + why);
  };
  const OutputTarget target = resolve_output(path, option);
  if (target.kind == OutputKind::stream) {
    if (!streams) fail("it is not a regular file (HDF5 files must be regular files)");
    if (::access(path.c_str(), W_OK) != 0) fail(std::strerror(errno));
    return target;
  }
  const fs::path real(target.real);
  if (target.exists) {
    if (!overwrite) fail("it already exists (use --force to overwrite)");
    if (::access(real.c_str(), W_OK) != 0) fail(std::strerror(errno));
  }
  std::error_code ec;
  const fs::path dir = real.parent_path();
  if (!fs::is_directory(dir, ec)) fail("folder '" + dir.string() + "' does not exist");
  if (::access(dir.c_str(), W_OK) != 0) {
    fail("folder '" + dir.string() + "': " + std::strerror(errno));
  }
  return target;
}

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  OutputTarget target;
  try {
    target = resolve_output(path, "output");
  } catch (const Error& e) {
    throw Error(ExitCode::io, e.what());
  }
  if (target.kind == OutputKind::stream) {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    if (!out) throw Error(ExitCode::io, "cannot write '" + path + "': " + std::strerror(errno));
    write(out);
    out.flush();
    if (!out) throw Error(ExitCode::io, "error writing '" + path + "': " + std::strerror(errno));
    return;
  }
  const std::string& real = target.real;
  const std::string tmp = real + ".tmp." + std::to_string(::getpid());
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
  if (std::rename(tmp.c_str(), real.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    throw Error(ExitCode::io, "cannot rename '" + tmp + "' to '" + real + "': " + why);
  }
}

}  // namespace mpilife
