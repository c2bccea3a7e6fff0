#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "mpilife/census/soup_hash.hpp"

using namespace mpilife;

namespace {

std::string hex(const Sha256Digest& digest) {
  static const char* const kDigits = "0123456789abcdef";
  std::string text;
  for (const std::uint8_t byte : digest) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 15];
  }
  return text;
}

}  // namespace

TEST_CASE("SHA-256 of the FIPS 180-2 test vectors") {
  CHECK(hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hex(sha256(std::string(1'000'000, 'a'))) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 hashes every byte of the view, NULs included, and nothing beyond it") {
  const std::string text("ab\0c", 4);
  CHECK(sha256(text) != sha256("ab"));
  CHECK(sha256(std::string_view("abcdef").substr(0, 3)) == sha256("abc"));
}
