#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "h5_handles.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/io/hdf5/metadata.hpp"

namespace mpilife::h5 {

namespace {

// The largest grid side (as in a rule's :T/:P suffix) and cell count a file may declare.
constexpr std::int64_t kMaxSide = std::int64_t{1} << 40;
constexpr std::int64_t kMaxCells = std::int64_t{1} << 62;

// The innermost description of the error stack (the first entry walking upwards).
herr_t take_innermost(unsigned n, const H5E_error2_t* err, void* out) {
  if (n == 0 && err != nullptr && err->desc != nullptr) {
    *static_cast<std::string*>(out) = err->desc;
  }
  return 0;
}

// "unable to open file: name = 'x', errno = 13, error message = 'Permission denied', ..." is
// shortened to its error message; other descriptions are kept as they are.
std::string tidy(const std::string& desc) {
  const std::string key = "error message = '";
  const std::size_t at = desc.find(key);
  if (at == std::string::npos) return desc;
  const std::size_t begin = at + key.size();
  const std::size_t end = desc.find('\'', begin);
  return desc.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

Attribute open_or_create(hid_t object, const char* name, hid_t type) {
  if (H5Aexists(object, name) > 0) {
    return check<Attribute>(H5Aopen(object, name, H5P_DEFAULT), ExitCode::io,
                            std::string("cannot open attribute ") + name);
  }
  const Dataspace scalar = make_space({});
  return check<Attribute>(H5Acreate2(object, name, type, scalar.get(), H5P_DEFAULT, H5P_DEFAULT),
                          ExitCode::io, std::string("cannot create attribute ") + name);
}

Attribute open_attribute(hid_t object, const char* name, const std::string& file) {
  if (H5Aexists(object, name) <= 0) {
    throw Error(ExitCode::data, file + ": attribute '" + name + "' is missing");
  }
  return check<Attribute>(H5Aopen(object, name, H5P_DEFAULT), ExitCode::data,
                          file + ": cannot read attribute '" + name + "'");
}

template <typename T>
void write_number(hid_t object, const char* name, hid_t type, T value) {
  const Attribute a = open_or_create(object, name, type);
  check_status(H5Awrite(a.get(), type, &value), ExitCode::io,
               std::string("cannot write attribute ") + name);
}

}  // namespace

void silence_errors() {
  static const bool done = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)done;
}

std::string error_text() {
  std::string desc;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, take_innermost, &desc);
  H5Eclear2(H5E_DEFAULT);
  return tidy(desc);
}

void fail(ExitCode code, const std::string& what) {
  const std::string why = error_text();
  throw Error(code, why.empty() ? what : what + ": " + why);
}

void check_status(herr_t status, ExitCode code, const std::string& what) {
  if (status < 0) fail(code, what);
}

File create_file(const std::string& path, const mpi::Comm* comm, bool lock) {
  silence_errors();
  const std::string what = "cannot create '" + path + "'";
  const PropList fapl = check<PropList>(H5Pcreate(H5P_FILE_ACCESS), ExitCode::cant_create, what);
  if (!lock) {
    check_status(H5Pset_file_locking(fapl.get(), false, true), ExitCode::cant_create, what);
  }
  if (comm != nullptr) {
    check_status(H5Pset_fapl_mpio(fapl.get(), comm->get(), mpi::no_hints()), ExitCode::cant_create,
                 what);
    check_status(H5Pset_coll_metadata_write(fapl.get(), true), ExitCode::cant_create, what);
  }
  return check<File>(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()),
                     ExitCode::cant_create, what);
}

File open_file(const std::string& path, const mpi::Comm* comm) {
  silence_errors();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ExitCode::no_input, "cannot open '" + path + "': it is a directory");
  }
  if (::access(path.c_str(), R_OK) != 0) {
    throw Error(ExitCode::no_input, "cannot open '" + path + "': " + std::strerror(errno));
  }
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw Error(ExitCode::data, "'" + path + "' is not an HDF5 file");
  }
  const std::string what = "cannot read '" + path + "'";
  const PropList fapl = check<PropList>(H5Pcreate(H5P_FILE_ACCESS), ExitCode::data, what);
  // Readers take no lock, so a recording can be inspected while its run still writes it.
  check_status(H5Pset_file_locking(fapl.get(), false, true), ExitCode::data, what);
  if (comm != nullptr) {
    check_status(H5Pset_fapl_mpio(fapl.get(), comm->get(), mpi::no_hints()), ExitCode::data, what);
  }
  return check<File>(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), ExitCode::data, what);
}

File open_file_for_append(const std::string& path, const mpi::Comm* comm) {
  silence_errors();
  const std::string what = "cannot open '" + path + "' to append to it";
  const PropList fapl = check<PropList>(H5Pcreate(H5P_FILE_ACCESS), ExitCode::cant_create, what);
  check_status(H5Pset_file_locking(fapl.get(), false, true), ExitCode::cant_create, what);
  if (comm != nullptr) {
    check_status(H5Pset_fapl_mpio(fapl.get(), comm->get(), mpi::no_hints()), ExitCode::cant_create,
                 what);
    check_status(H5Pset_coll_metadata_write(fapl.get(), true), ExitCode::cant_create, what);
  }
  return check<File>(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()), ExitCode::cant_create, what);
}

void write_attribute(hid_t object, const char* name, const std::string& value) {
  const Type type = check<Type>(H5Tcopy(H5T_C_S1), ExitCode::io, "cannot make a string type");
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), ExitCode::io, "cannot make a string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), ExitCode::io, "cannot make a string type");
  const Attribute a = open_or_create(object, name, type.get());
  const char* text = value.c_str();
  check_status(H5Awrite(a.get(), type.get(), &text), ExitCode::io,
               std::string("cannot write attribute ") + name);
}

void write_attribute(hid_t object, const char* name, std::int64_t value) {
  write_number(object, name, H5T_NATIVE_INT64, value);
}

void write_attribute(hid_t object, const char* name, std::uint64_t value) {
  write_number(object, name, H5T_NATIVE_UINT64, value);
}

void write_attribute(hid_t object, const char* name, double value) {
  write_number(object, name, H5T_NATIVE_DOUBLE, value);
}

void write_run_attributes(hid_t object, const std::string& kind, const RunMetadata& meta) {
  write_attribute(object, "mpilife_kind", kind);
  write_attribute(object, "mpilife_version", std::string(MPILIFE_VERSION));
  write_attribute(object, "rule", meta.rule);
  write_attribute(object, "topology", to_string(meta.topology));
  write_attribute(object, "width", meta.width);
  write_attribute(object, "height", meta.height);
  write_attribute(object, "origin_x", meta.origin_x);
  write_attribute(object, "origin_y", meta.origin_y);
  write_attribute(object, "seed", meta.seed);
  write_attribute(object, "pattern", meta.pattern);
  write_attribute(object, "command_line", meta.command_line);
  write_attribute(object, "kernel", meta.kernel);
  write_attribute(object, "kernel_isa", meta.kernel_isa);
  if (meta.density) write_attribute(object, "soup_density", *meta.density);
}

namespace {

// The provenance attributes, absent from files of older versions.
void read_provenance(hid_t object, const std::string& file, RunMetadata& m) {
  const auto text = [&](const char* name) {
    return has_attribute(object, name) ? read_string_attribute(object, name, file) : std::string();
  };
  m.version = text("mpilife_version");
  m.command_line = text("command_line");
  m.kernel = text("kernel");
  m.kernel_isa = text("kernel_isa");
  if (has_attribute(object, "soup_density")) {
    m.density = read_double_attribute(object, "soup_density", file);
  }
}

}  // namespace

RunMetadata read_run_attributes(hid_t object, const std::string& file, std::string& kind) {
  if (!has_attribute(object, "mpilife_kind")) {
    throw Error(ExitCode::data,
                "'" + file + "' is not an mpilife file (no mpilife_kind attribute)");
  }
  kind = read_string_attribute(object, "mpilife_kind", file);
  RunMetadata m;
  m.rule = read_string_attribute(object, "rule", file);
  const std::string topology = read_string_attribute(object, "topology", file);
  const std::optional<Topology> parsed = parse_topology(topology);
  if (!parsed) throw Error(ExitCode::data, file + ": unknown topology '" + topology + "'");
  m.topology = *parsed;
  m.width = read_int_attribute(object, "width", file);
  m.height = read_int_attribute(object, "height", file);
  // Where the grid lies in Golly's universe; files of older versions held bounded grids only,
  // which Golly centres on 0,0.
  m.origin_x = has_attribute(object, "origin_x") ? read_int_attribute(object, "origin_x", file)
                                                 : -(m.width / 2);
  m.origin_y = has_attribute(object, "origin_y") ? read_int_attribute(object, "origin_y", file)
                                                 : -(m.height / 2);
  m.seed = read_uint_attribute(object, "seed", file);
  m.pattern = read_string_attribute(object, "pattern", file);
  read_provenance(object, file, m);
  if (m.width < 1 || m.height < 1 || m.width > kMaxSide || m.height > kMaxSide ||
      m.width > kMaxCells / m.height) {
    throw Error(ExitCode::data,
                file + ": the grid size attributes (width " + std::to_string(m.width) +
                    ", height " + std::to_string(m.height) + ") must lie in 1.." +
                    std::to_string(kMaxSide) + " with at most 2^62 cells; the file is corrupt");
  }
  try {
    const RuleSpec spec = parse_rule(m.rule);
    if (spec.suffix && (spec.suffix->width != m.width || spec.suffix->height != m.height ||
                        spec.suffix->topology != m.topology)) {
      throw Error(ExitCode::data, "the rule's suffix contradicts the grid attributes");
    }
  } catch (const Error& e) {
    throw Error(ExitCode::data, file + ": rule '" + m.rule + "': " + e.what());
  }
  return m;
}

bool has_attribute(hid_t object, const char* name) {
  return H5Aexists(object, name) > 0;
}

std::string read_string_attribute(hid_t object, const char* name, const std::string& file) {
  const Attribute a = open_attribute(object, name, file);
  const std::string what = file + ": attribute '" + name + "' is not a string";
  const Type stored = check<Type>(H5Aget_type(a.get()), ExitCode::data, what);
  if (H5Tget_class(stored.get()) != H5T_STRING) throw Error(ExitCode::data, what);
  const Type mem = check<Type>(H5Tcopy(H5T_C_S1), ExitCode::data, what);
  check_status(H5Tset_cset(mem.get(), H5Tget_cset(stored.get())), ExitCode::data, what);
  if (H5Tis_variable_str(stored.get()) > 0) {
    check_status(H5Tset_size(mem.get(), H5T_VARIABLE), ExitCode::data, what);
    char* text = nullptr;
    check_status(H5Aread(a.get(), mem.get(), &text), ExitCode::data, what);
    std::string out = text != nullptr ? text : "";
    H5free_memory(text);
    return out;
  }
  const std::size_t size = H5Tget_size(stored.get());
  std::vector<char> buffer(size + 1, '\0');
  check_status(H5Tset_size(mem.get(), size + 1), ExitCode::data, what);
  check_status(H5Aread(a.get(), mem.get(), buffer.data()), ExitCode::data, what);
  return std::string(buffer.data());
}

template <typename T>
T read_integer(hid_t object, const char* name, const std::string& file, hid_t mem_type) {
  const Attribute a = open_attribute(object, name, file);
  const std::string what = file + ": attribute '" + name + "' is not an integer";
  const Type stored = check<Type>(H5Aget_type(a.get()), ExitCode::data, what);
  const Dataspace space = check<Dataspace>(H5Aget_space(a.get()), ExitCode::data, what);
  if (H5Tget_class(stored.get()) != H5T_INTEGER || H5Sget_simple_extent_npoints(space.get()) != 1) {
    throw Error(ExitCode::data, what);
  }
  T v = 0;
  check_status(H5Aread(a.get(), mem_type, &v), ExitCode::data, what);
  return v;
}

double read_double_attribute(hid_t object, const char* name, const std::string& file) {
  const Attribute a = open_attribute(object, name, file);
  const std::string what = file + ": attribute '" + name + "' is not a number";
  const Type stored = check<Type>(H5Aget_type(a.get()), ExitCode::data, what);
  const H5T_class_t c = H5Tget_class(stored.get());
  if (c != H5T_FLOAT && c != H5T_INTEGER) throw Error(ExitCode::data, what);
  double v = 0;
  check_status(H5Aread(a.get(), H5T_NATIVE_DOUBLE, &v), ExitCode::data, what);
  return v;
}

std::int64_t read_int_attribute(hid_t object, const char* name, const std::string& file) {
  return read_integer<std::int64_t>(object, name, file, H5T_NATIVE_INT64);
}

std::uint64_t read_uint_attribute(hid_t object, const char* name, const std::string& file) {
  return read_integer<std::uint64_t>(object, name, file, H5T_NATIVE_UINT64);
}

Dataspace make_space(const std::vector<hsize_t>& dims, const std::vector<hsize_t>& max_dims) {
  if (dims.empty()) {
    return check<Dataspace>(H5Screate(H5S_SCALAR), ExitCode::io, "cannot make a dataspace");
  }
  return check<Dataspace>(H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                                           max_dims.empty() ? nullptr : max_dims.data()),
                          ExitCode::io, "cannot make a dataspace");
}

std::vector<hsize_t> dataset_dims(hid_t dataset) {
  const Dataspace space =
      check<Dataspace>(H5Dget_space(dataset), ExitCode::data, "cannot read a dataset's shape");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) fail(ExitCode::data, "cannot read a dataset's shape");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

PropList compressed_layout(const std::vector<hsize_t>& chunk, int deflate_level) {
  const std::string what = "cannot set up a compressed dataset";
  PropList dcpl = check<PropList>(H5Pcreate(H5P_DATASET_CREATE), ExitCode::io, what);
  check_status(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), ExitCode::io,
               what);
  if (deflate_level > 0) {
    check_status(H5Pset_shuffle(dcpl.get()), ExitCode::io, what);
    check_status(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(deflate_level)), ExitCode::io,
                 what);
  }
  // Chunks hold valid (compressed) zeros from their allocation on. A parallel file allocates
  // chunks early, and a collective write that covers a chunk only partly on its owning rank reads
  // and inflates the stored chunk first (HDF5 1.10.8): with FILL_TIME_NEVER that is garbage.
  const std::uint8_t zero = 0;
  check_status(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_UINT8, &zero), ExitCode::io, what);
  check_status(H5Pset_fill_time(dcpl.get(), H5D_FILL_TIME_ALLOC), ExitCode::io, what);
  return dcpl;
}

PropList transfer_list(bool collective) {
  PropList dxpl =
      check<PropList>(H5Pcreate(H5P_DATASET_XFER), ExitCode::io, "cannot make a transfer list");
  if (collective) {
    check_status(H5Pset_dxpl_mpio(dxpl.get(), H5FD_MPIO_COLLECTIVE), ExitCode::io,
                 "cannot make a collective transfer list");
  }
  return dxpl;
}

namespace {

// File and memory selections of `region` (of plane `index` when given); empty regions select
// nothing.
std::pair<Dataspace, Dataspace> plane_selection(hid_t dataset, std::optional<std::int64_t> index,
                                                const Extent& region, ExitCode code,
                                                const std::string& what) {
  Dataspace file_space = check<Dataspace>(H5Dget_space(dataset), code, what);
  if (region.cells() == 0) {
    Dataspace mem = make_space({1});
    check_status(H5Sselect_none(file_space.get()), code, what);
    check_status(H5Sselect_none(mem.get()), code, what);
    return {std::move(file_space), std::move(mem)};
  }
  std::vector<hsize_t> start = {static_cast<hsize_t>(region.y0), static_cast<hsize_t>(region.x0)};
  std::vector<hsize_t> count = {static_cast<hsize_t>(region.h), static_cast<hsize_t>(region.w)};
  if (index) {
    start.insert(start.begin(), static_cast<hsize_t>(*index));
    count.insert(count.begin(), 1);
  }
  check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                   count.data(), nullptr),
               code, what);
  return {std::move(file_space), make_space(count)};
}

}  // namespace

void write_plane_part(hid_t dataset, std::optional<std::int64_t> index, const Extent& region,
                      const std::uint8_t* values, hid_t dxpl, const std::string& what) {
  const auto [file_space, mem] = plane_selection(dataset, index, region, ExitCode::io, what);
  const std::uint8_t dummy = 0;
  check_status(H5Dwrite(dataset, H5T_NATIVE_UINT8, mem.get(), file_space.get(), dxpl,
                        region.cells() > 0 ? values : &dummy),
               ExitCode::io, what);
}

void read_plane_part(hid_t dataset, std::optional<std::int64_t> index, const Extent& region,
                     std::uint8_t* values, hid_t dxpl, ExitCode code, const std::string& what) {
  const auto [file_space, mem] = plane_selection(dataset, index, region, code, what);
  std::uint8_t dummy = 0;
  check_status(H5Dread(dataset, H5T_NATIVE_UINT8, mem.get(), file_space.get(), dxpl,
                       region.cells() > 0 ? values : &dummy),
               code, what);
}

std::array<hsize_t, 2> plane_chunk(std::int64_t rows, std::int64_t cols) {
  constexpr std::int64_t kMaxCols = 1024;
  constexpr std::int64_t kChunkBytes = 256 * 1024;
  const std::int64_t c = std::min(cols, kMaxCols);
  const std::int64_t r = std::min(rows, std::max<std::int64_t>(1, kChunkBytes / c));
  return {static_cast<hsize_t>(r), static_cast<hsize_t>(c)};
}

void sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
}

void sync_folder_of(const std::string& path) {
  const std::filesystem::path p(path);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : std::string(".");
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace mpilife::h5
