#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace mpilife {

/// A SHA-256 digest: 32 bytes, in the order FIPS 180-4 prints them.
using Sha256Digest = std::array<std::uint8_t, 32>;

/// The SHA-256 digest of the bytes of `text` (OpenSSL's libcrypto); Error(70) if it fails.
Sha256Digest sha256(std::string_view text);

}  // namespace mpilife
