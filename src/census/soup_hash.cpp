#include "mpilife/census/soup_hash.hpp"

#include <openssl/evp.h>

#include "mpilife/core/error.hpp"

namespace mpilife {

Sha256Digest sha256(std::string_view text) {
  Sha256Digest digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size()) {
    throw Error(ExitCode::software, "internal error: SHA-256 failed in OpenSSL's libcrypto");
  }
  return digest;
}

std::string soup_name(std::string_view seed, std::uint64_t index) {
  std::string name(seed);
  name += std::to_string(index);
  return name;
}

SoupRows soup_rows(const Sha256Digest& digest) {
  SoupRows rows{};
  for (std::size_t y = 0; y < rows.size(); ++y) {
    rows[y] = static_cast<std::uint16_t>((digest[2 * y] << 8) | digest[2 * y + 1]);
  }
  return rows;
}

std::vector<Cell> soup_from_digest(const Sha256Digest& digest) {
  const SoupRows rows = soup_rows(digest);
  std::vector<Cell> cells;
  for (std::int64_t y = 0; y < kSoupSide; ++y) {
    for (std::int64_t x = 0; x < kSoupSide; ++x) {
      if ((rows[static_cast<std::size_t>(y)] >> x) & 1) cells.push_back(Cell{x, y});
    }
  }
  return cells;
}

std::vector<Cell> hashsoup(std::string_view seed, std::uint64_t index) {
  return soup_from_digest(sha256(soup_name(seed, index)));
}

}  // namespace mpilife
