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

}  // namespace mpilife
