// Telling whole files from torn or crafted ones: partial files a killed run left, and datasets
// that declare more cells than they could possibly store.

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

#include "h5_handles.hpp"
#include "mpilife/core/error.hpp"

namespace mpilife::h5 {

bool is_partial_mpilife_file(const std::string& path, const std::string& kind) {
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == 0 && !ec) return true;
  static constexpr char kSignature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
  char head[8] = {};
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  const ssize_t got = ::read(fd, head, sizeof head);
  ::close(fd);
  if (got != static_cast<ssize_t>(sizeof head) || std::memcmp(head, kSignature, 8) != 0) {
    return false;
  }
  silence_errors();
  const PropList fapl(H5Pcreate(H5P_FILE_ACCESS));
  H5Pset_file_locking(fapl.get(), false, true);
  const File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()));
  if (!file.valid()) {
    H5Eclear2(H5E_DEFAULT);
    return true;  // the signature, but torn: the kill came before the metadata was flushed
  }
  try {
    if (!has_attribute(file.get(), "mpilife_kind")) {
      // Killed after the data but before the attributes: nothing but our dataset in it.
      H5G_info_t info{};
      const char* data = kind == "checkpoint" ? "grid" : "frames";
      return H5Gget_info(file.get(), &info) >= 0 && info.nlinks == 1 &&
             H5Lexists(file.get(), data, H5P_DEFAULT) > 0;
    }
    return read_string_attribute(file.get(), "mpilife_kind", path) == kind;
  } catch (const Error&) {
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
}

void check_plausible_storage(hid_t dataset, std::int64_t planes, std::int64_t cells_per_plane,
                             const std::string& file) {
  // zlib's best ratio is about 1032:1 (a long run of one byte); HDF5 adds per-chunk overhead.
  constexpr double kBestDeflateRatio = 1100.0;
  const double declared = static_cast<double>(planes) * static_cast<double>(cells_per_plane);
  const auto stored = static_cast<double>(H5Dget_storage_size(dataset));
  if (declared > 1e6 && stored * kBestDeflateRatio < declared) {
    throw Error(ExitCode::data, file + ": the file declares " + std::to_string(planes) + " x " +
                                    std::to_string(cells_per_plane) + " cells but stores only " +
                                    std::to_string(static_cast<long long>(stored)) +
                                    " bytes of them, less than any compression allows; the "
                                    "file is corrupt or was not written by mpilife");
  }
}

void check_free_space(const std::string& path, std::int64_t bytes, const std::string& what) {
  constexpr std::int64_t kMetadataMargin = std::int64_t{256} << 10;
  const std::filesystem::path p(path);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : std::string(".");
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) != 0) return;  // unknown: let the write report what happens
  const auto free_bytes =
      static_cast<std::int64_t>(fs.f_bavail) * static_cast<std::int64_t>(fs.f_frsize);
  // Deflate never grows data by more than ~0.1%; the margin covers that and HDF5's metadata.
  const std::int64_t needed = bytes + bytes / 100 + kMetadataMargin;
  if (free_bytes < needed) {
    throw Error(ExitCode::io, what + ": the file system holding it has " +
                                  std::to_string(free_bytes / 1024) + " KiB free, about " +
                                  std::to_string(needed / 1024) +
                                  " KiB are needed; free some space or write elsewhere");
  }
}

}  // namespace mpilife::h5
