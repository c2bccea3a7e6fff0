#pragma once

#include <mpi.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace mpilife::mpi {

/// Throws Error(ExitCode::software) naming `what` and MPI's error string unless `rc` is
/// MPI_SUCCESS (every communicator returns errors instead of aborting).
void check(int rc, const char* what);

/// The MPI datatype of one `T` (bytes, integers of 1/2/4/8 bytes, float, double).
template <typename T>
MPI_Datatype datatype_of() {
  static_assert(std::is_arithmetic_v<T> || std::is_same_v<T, std::byte>, "no MPI datatype");
  if constexpr (std::is_same_v<T, std::byte>) {
    return MPI_BYTE;
  } else if constexpr (std::is_same_v<T, char>) {
    return MPI_CHAR;
  } else if constexpr (std::is_same_v<T, double>) {
    return MPI_DOUBLE;
  } else if constexpr (std::is_same_v<T, float>) {
    return MPI_FLOAT;
  } else if constexpr (std::is_signed_v<T>) {
    if constexpr (sizeof(T) == 1) return MPI_INT8_T;
    if constexpr (sizeof(T) == 2) return MPI_INT16_T;
    if constexpr (sizeof(T) == 4) return MPI_INT32_T;
    if constexpr (sizeof(T) == 8) return MPI_INT64_T;
  } else {
    if constexpr (sizeof(T) == 1) return MPI_UINT8_T;
    if constexpr (sizeof(T) == 2) return MPI_UINT16_T;
    if constexpr (sizeof(T) == 4) return MPI_UINT32_T;
    if constexpr (sizeof(T) == 8) return MPI_UINT64_T;
  }
}

/// Largest element count one MPI call takes (an int); longer transfers are split into pieces.
inline constexpr std::size_t kMaxCount = 1u << 30;

}  // namespace mpilife::mpi
