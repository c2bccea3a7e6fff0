// Telling whole files from torn or crafted ones: partial files a killed run left, and datasets
// that declare more cells than they could possibly store.

#include <fcntl.h>
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
                                    std::to_string(cells_per_plane) +
                                    " cells but stores only " +
                                    std::to_string(static_cast<long long>(stored)) +
                                    " bytes of them, less than any compression allows; the "
                                    "file is corrupt or was not written by mpilife");
  }
}

}  // namespace mpilife::h5
