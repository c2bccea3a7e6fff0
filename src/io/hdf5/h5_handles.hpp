#pragma once

// Private to the io module: the only header that includes hdf5.h. Move-only owners of HDF5 ids
// and the small helpers the recorder, the checkpoints and the reader share.

#include <hdf5.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mpilife/core/error.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/io/hdf5/metadata.hpp"
#include "mpilife/parallel/mpi/comm.hpp"

namespace mpilife::h5 {

/// A move-only owner of an HDF5 id, released with `Close` on destruction.
template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  /// An empty handle.
  Handle() = default;
  /// Takes ownership of `id` (negative = empty).
  explicit Handle(hid_t id) : id_(id) {}
  ~Handle() { (void)close(); }
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      (void)close();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  /// The raw id for HDF5 calls.
  hid_t get() const { return id_; }
  /// True when the handle owns an id.
  bool valid() const { return id_ >= 0; }
  /// Releases the id now; false when HDF5 reported an error (for files: the final flush failed).
  bool close() {
    const hid_t id = std::exchange(id_, H5I_INVALID_HID);
    return id < 0 || Close(id) >= 0;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

/// An open file.
using File = Handle<H5Fclose>;
/// An open dataset.
using Dataset = Handle<H5Dclose>;
/// A dataspace (shape and selection).
using Dataspace = Handle<H5Sclose>;
/// A property list.
using PropList = Handle<H5Pclose>;
/// An open attribute.
using Attribute = Handle<H5Aclose>;
/// A datatype built at run time.
using Type = Handle<H5Tclose>;

/// Turns HDF5's automatic printing of its error stack off (idempotent); errors become Error.
void silence_errors();

/// The innermost description on HDF5's error stack (e.g. "unable to open file: ... errno = 13,
/// error message = 'Permission denied'"), or "" when the stack is empty; clears the stack.
std::string error_text();

/// Throws Error(code, what + ": " + the HDF5 error text).
[[noreturn]] void fail(ExitCode code, const std::string& what);

/// Returns `id` as a handle, or throws Error(code, what...) when it is negative.
template <typename H>
H check(hid_t id, ExitCode code, const std::string& what) {
  if (id < 0) fail(code, what);
  return H(id);
}

/// Throws Error(code, what...) when an HDF5 call returned a negative status.
void check_status(herr_t status, ExitCode code, const std::string& what);

/// Creates (truncating) `path`: with the MPI-IO driver over `comm` when given (collective),
/// otherwise with the default serial driver; `lock` = false takes no file lock, so readers may
/// open the file while it is written. Failure is Error 73.
File create_file(const std::string& path, const mpi::Comm* comm, bool lock = true);

/// Opens `path` read-only without a file lock (MPI-IO over `comm` when given, collective).
/// Missing or unreadable: Error 66; not an HDF5 file: Error 65.
File open_file(const std::string& path, const mpi::Comm* comm);

/// Opens the existing `path` for reading and writing without a file lock (MPI-IO over `comm` when
/// given, collective); failure is Error 73.
File open_file_for_append(const std::string& path, const mpi::Comm* comm);

/// True when `path` looks like a file mpilife began as a `kind` file and was killed while
/// writing: empty, or with the HDF5 signature and either not readable as HDF5 (torn) or saying
/// it is an mpilife `kind` file. Any other file (another program's HDF5 file, text) is false.
bool is_partial_mpilife_file(const std::string& path, const std::string& kind);

/// Writes a scalar UTF-8 string attribute on `object` (created or replaced).
void write_attribute(hid_t object, const char* name, const std::string& value);
/// Writes a scalar int64 attribute on `object` (created or replaced).
void write_attribute(hid_t object, const char* name, std::int64_t value);
/// Writes a scalar uint64 attribute on `object` (created or replaced).
void write_attribute(hid_t object, const char* name, std::uint64_t value);
/// Writes a scalar double attribute on `object` (created or replaced).
void write_attribute(hid_t object, const char* name, double value);

/// Writes the attributes every mpilife file carries: mpilife_kind (`kind`), mpilife_version,
/// rule, topology, width, height, seed, pattern, and what reproduces the run: command_line,
/// kernel, kernel_isa and (for a soup) soup_density.
void write_run_attributes(hid_t object, const std::string& kind, const RunMetadata& meta);

/// Reads and validates what write_run_attributes wrote on `object` (the root of `file`): Error 65
/// when it is not an mpilife file, the topology is unknown, the grid size is not positive or the
/// rule does not parse or its :T/:P suffix contradicts the grid. Sets `kind` to mpilife_kind.
RunMetadata read_run_attributes(hid_t object, const std::string& file, std::string& kind);

/// True when `object` has an attribute `name`.
bool has_attribute(hid_t object, const char* name);
/// Reads a string attribute (fixed or variable length); Error 65 naming `file` if absent or not
/// a string.
std::string read_string_attribute(hid_t object, const char* name, const std::string& file);
/// Reads an integer attribute as int64; Error 65 naming `file` if absent or not an integer.
std::int64_t read_int_attribute(hid_t object, const char* name, const std::string& file);
/// Reads an integer attribute as uint64; Error 65 naming `file` if absent or not an integer.
std::uint64_t read_uint_attribute(hid_t object, const char* name, const std::string& file);
/// Reads a floating-point attribute; Error 65 naming `file` if absent or not a number.
double read_double_attribute(hid_t object, const char* name, const std::string& file);

/// Root attribute of a recording: how many frames are complete (data written and flushed); a
/// frame at or past it may be torn and is never read.
inline constexpr const char* kFramesComplete = "frames_complete";

/// A dataspace of `dims` (and `max_dims`, default the same).
Dataspace make_space(const std::vector<hsize_t>& dims, const std::vector<hsize_t>& max_dims = {});

/// The current dimensions of `dataset`.
std::vector<hsize_t> dataset_dims(hid_t dataset);

/// A dataset-creation list for uint8 data: chunked by `chunk`, shuffle + deflate at
/// `deflate_level` (no filter at 0), fill value 0 written when a chunk is allocated.
PropList compressed_layout(const std::vector<hsize_t>& chunk, int deflate_level);

/// A transfer list: collective MPI-IO when `collective`, default otherwise.
PropList transfer_list(bool collective);

/// Writes `values` (row-major, region.h x region.w) into `region` of a uint8 [H, W] dataset, or
/// of plane `index` of a [T, H, W] one; an empty region takes part with an empty selection (for
/// collective transfers). `what` prefixes the error (exit 74).
void write_plane_part(hid_t dataset, std::optional<std::int64_t> index, const Extent& region,
                      const std::uint8_t* values, hid_t dxpl, const std::string& what);

/// Reads `region` of a uint8 [H, W] dataset (or of plane `index` of a [T, H, W] one) into
/// `values`; `code` and `what` make the error.
void read_plane_part(hid_t dataset, std::optional<std::int64_t> index, const Extent& region,
                     std::uint8_t* values, hid_t dxpl, ExitCode code, const std::string& what);

/// Chunk shape for `rows` x `cols` uint8 planes: whole rows of at most 1024 columns and about
/// 256 KiB per chunk, independent of the decomposition so every writer makes the same layout.
std::array<hsize_t, 2> plane_chunk(std::int64_t rows, std::int64_t cols);

/// Throws Error 65 naming `file` when `dataset` declares `cells` cells (per plane times
/// `planes`) but stores fewer bytes than even the best deflate could make of them: a crafted or
/// corrupt file whose size would only make the reader run out of memory.
void check_plausible_storage(hid_t dataset, std::int64_t planes, std::int64_t cells_per_plane,
                             const std::string& file);

/// Throws Error 74 (`what` + how much is free) when the file system holding `path` has less than
/// `bytes` (plus a margin for HDF5's metadata) free. Parallel writers call it on one rank before
/// a collective write: MPI-IO ranks that fail apart on a full disk wait for each other forever.
void check_free_space(const std::string& path, std::int64_t bytes, const std::string& what);

/// Flushes the contents of `path` to stable storage; best effort.
void sync_file(const std::string& path);
/// Flushes the folder holding `path` (its entries, e.g. after a rename); best effort.
void sync_folder_of(const std::string& path);

/// Builds the XDMF document for a recording: `h5_name` (as written in the document), frames of
/// `frame_height` x `frame_width` pixels, each `scale` cells wide, one per generation in
/// `generations`.
std::string xdmf_document(const std::string& h5_name, std::int64_t frame_width,
                          std::int64_t frame_height, std::int64_t scale,
                          const std::vector<std::int64_t>& generations);

}  // namespace mpilife::h5
