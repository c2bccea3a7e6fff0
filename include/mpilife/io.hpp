#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "mpilife/grid.hpp"
#include "mpilife/pattern.hpp"
#include "mpilife/simulation.hpp"

namespace mpilife {

/// Gathers the whole current grid to rank 0 (each tile lands through a subarray datatype);
/// other ranks get an empty array. Collective.
CellArray gather_grid(const Simulation& sim);

/// Live-cell counts of the `scale` x `scale` blocks tiling `region` (global cells, inside the grid;
/// the last blocks may be partial), computed by the ranks that own the cells and summed onto rank
/// 0 as a row-major ceil(h/scale) x ceil(w/scale) array; other ranks get an empty vector. The
/// traffic is one value per block, not per cell. Collective.
std::vector<std::uint32_t> gather_block_counts(const Simulation& sim, const Extent& region,
                                               std::int64_t scale);

/// Makes the cells listed on rank 0 (global coordinates, inside the grid) alive on the ranks that
/// own them; the list on other ranks is ignored. Collective.
void place_cells(Simulation& sim, const std::vector<Cell>& cells_on_root);

/// Fills this rank's tile with the counter-based soup of `seed` and `density` (no communication:
/// every rank computes its own cells, so the soup does not depend on the decomposition).
void fill_soup(Simulation& sim, std::uint64_t seed, double density);

/// Throws Error (exit 73) unless `path` can be created: its folder exists and is writable, it is
/// not a folder, and (unless `overwrite`) it does not exist yet. `option` names it in the message.
void check_output_path(const std::string& path, const std::string& option, bool overwrite);

/// Writes a file through `write` into "<path>.tmp.<pid>" and renames it over `path`, so readers
/// never see a half-written file; throws Error (exit 74) on any failure.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

/// Makes Open MPI 4 use ROMIO for MPI-IO unless OMPI_MCA_io is already set; call before MPI_Init.
/// Its default component (ompio, 4.1.4) corrupts HDF5 1.10.8's collective writes of compressed
/// chunks that several ranks share ("inflate() failed" on the next write); ROMIO does not.
void prefer_romio();

/// How HDF5 files are written: gathered to rank 0 and written with the serial driver, or written
/// by every rank (its own tile) collectively through MPI-IO.
enum class IoMode { gather, parallel };

/// "gather" or "parallel".
std::string to_string(IoMode mode);

/// `--io auto` writes in parallel when the run has several ranks and a stored frame (or the
/// checkpoint grid) has more than this many pixels (1024 x 1024), and gathers otherwise: on two
/// ranks parallel writes are as fast at this size and faster above it, and they keep rank 0's
/// memory to one tile.
inline constexpr std::int64_t kAutoParallelPixels = std::int64_t{1} << 20;

/// Resolves `--io` ("gather", "parallel" or "auto") for `ranks` ranks writing planes of `pixels`
/// pixels; throws Error (exit 64) for any other text.
IoMode choose_io_mode(const std::string& text, int ranks, std::int64_t pixels);

/// What an HDF5 file records about the run that wrote it (root attributes of both kinds of file).
struct RunMetadata {
  std::string rule;                     ///< rule with its :T/:P suffix, e.g. "B3/S23:T64,64"
  Topology topology = Topology::torus;  ///< grid edges
  std::int64_t width = 0;               ///< grid width in cells
  std::int64_t height = 0;              ///< grid height in cells
  std::uint64_t seed = 1;               ///< soup seed
  std::string pattern;                  ///< pattern name, "" for a random soup
};

/// Settings of `--output` (DESIGN.md section 5).
struct RecorderSettings {
  std::string path;              ///< the .h5 file; its XDMF sidecar is sidecar_path(path)
  std::int64_t every = 1;        ///< record generations that are multiples of this
  std::int64_t frame_scale = 1;  ///< each frame_scale x frame_scale block is one stored pixel
  IoMode io = IoMode::gather;    ///< who writes
};

/// Pixel value of a frame_scale > 1 block with `live` of its `cells` cells alive: the density
/// round(255 * live / cells), but at least 1 when any cell lives (an empty block is exactly 0).
std::uint8_t density_pixel(std::int64_t live, std::int64_t cells);

/// The XDMF sidecar of a recording: "run.h5" -> "run.xmf" (".xmf" appended to other names).
std::string sidecar_path(const std::string& h5_path);

/// `--output`: records the initial state, every `every`-th generation and the last one into
/// /frames, /generations and /population, flushing the file and rewriting the XDMF sidecar as
/// frames are added. The file is created (truncated) in start(); until finish() its root
/// attribute `status` is "running", so a file left by a crash is marked incomplete (it stays
/// readable up to its last flushed frame). HDF5 errors are agreed on every rank (exit 73 when the
/// file cannot be created, 74 later).
class Recorder final : public Observer {
 public:
  /// A recorder for `settings`, stamping `meta` into the file.
  Recorder(RecorderSettings settings, RunMetadata meta);
  ~Recorder() override;
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  /// Creates the file and records the initial state.
  void start(const Simulation& sim) override;
  /// Records the state when its generation is a multiple of `every`.
  void after_step(const Simulation& sim) override;
  /// Records the final state (unless already recorded), sets `status`, closes the file.
  void finish(const Simulation& sim) override;
  /// How the run ended ("completed", "interrupted", "died-out"...), stored as `status` by finish.
  void set_outcome(const std::string& outcome);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Settings of `--checkpoint`.
struct CheckpointSettings {
  std::string path;            ///< the checkpoint file, replaced atomically each time
  std::int64_t every = 0;      ///< checkpoint multiples of this generation; 0 = only the last
  IoMode io = IoMode::gather;  ///< who writes
};

/// Writes the current full grid, its generation and `meta` as a checkpoint to "<path>.tmp", then
/// renames it over `path`, so a crash at any moment leaves the previous checkpoint intact.
/// Collective; errors are agreed (exit 74).
void write_checkpoint(const Simulation& sim, const std::string& path, const RunMetadata& meta,
                      IoMode io);

/// `--checkpoint`: write_checkpoint at every multiple of `every` and always at the end (also after
/// an early stop or a signal).
class Checkpointer final : public Observer {
 public:
  /// A checkpointer for `settings`, stamping `meta` into each checkpoint.
  Checkpointer(CheckpointSettings settings, RunMetadata meta);

  /// Checkpoints when the generation is a multiple of `every`.
  void after_step(const Simulation& sim) override;
  /// Checkpoints the final state unless that generation was just written.
  void finish(const Simulation& sim) override;

 private:
  CheckpointSettings settings_;
  RunMetadata meta_;
  std::int64_t last_written_ = -1;
};

/// What a checkpoint holds, besides its grid.
struct CheckpointInfo {
  RunMetadata meta;             ///< the run it continues
  std::int64_t generation = 0;  ///< generation of the stored grid
  std::int64_t population = 0;  ///< live cells in the stored grid
};

/// Reads and validates a checkpoint's metadata (any process, serial driver): Error 66 when the
/// file is missing or unreadable, 65 when it is not an mpilife checkpoint or is inconsistent.
CheckpointInfo read_checkpoint_info(const std::string& path);

/// Loads the grid of checkpoint `path` into the tiles of `sim`, whose size must match: with
/// IoMode::parallel every rank reads its own hyperslab through MPI-IO; with IoMode::gather rank 0
/// reads one tile at a time and sends it to its owner. Checks the population against the file
/// (Error 65 when they differ). Collective; errors agreed.
void load_checkpoint(Simulation& sim, const std::string& path, IoMode io);

/// A recording (or a checkpoint, seen as a one-frame recording) opened for reading on one
/// process with the serial driver; frames are read on demand. Not collective.
class Recording {
 public:
  /// Opens `path`: Error 66 when it is missing or unreadable, 65 when it is not an mpilife
  /// recording or checkpoint.
  explicit Recording(const std::string& path);
  ~Recording();
  Recording(Recording&&) noexcept;
  Recording& operator=(Recording&&) noexcept;

  /// Number of stored frames.
  std::int64_t frames() const;
  /// Grid width in cells (a frame is ceil(width / frame_scale()) pixels wide).
  std::int64_t width() const;
  /// Grid height in cells (a frame is ceil(height / frame_scale()) pixels high).
  std::int64_t height() const;
  /// Stored frame width in pixels.
  std::int64_t frame_width() const;
  /// Stored frame height in pixels.
  std::int64_t frame_height() const;
  /// Cells per pixel side: 1 = frames hold 0/1 cells, N > 1 = frames hold density_pixel values.
  std::int64_t frame_scale() const;
  /// The rule with its :T/:P suffix.
  const std::string& rule() const;
  /// Grid edges.
  Topology topology() const;
  /// True for a checkpoint (one frame: the full grid).
  bool is_checkpoint() const;
  /// The `status` attribute: "completed", "interrupted", "died-out", or "running" for a file whose
  /// writer never finished ("completed" for checkpoints).
  const std::string& status() const;
  /// The run metadata stored in the file.
  const RunMetadata& metadata() const;
  /// Generation of frame `i` (0 <= i < frames(); Error 64 otherwise).
  std::int64_t generation(std::int64_t i) const;
  /// Live cells of the whole grid at frame `i`.
  std::int64_t population(std::int64_t i) const;
  /// Frame `i`: frame_height() x frame_width() values as stored (Error 65 on a read failure).
  CellArray frame(std::int64_t i) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// `mpilife info`: prints what `path` holds (kind, grid, rule, frames, generations, populations,
/// chunking, compression, file size) to `out`. Errors as Recording.
void print_file_info(const std::string& path, std::ostream& out);

/// `mpilife export`: writes frame `frame` of recording `path` (negative counts from the end; the
/// grid of a checkpoint) as RLE with the :T/:P rule suffix to `out_path` ("" or "-" = stdout).
/// Error 64 when the frame does not exist or the recording is scaled (frame_scale > 1).
void export_frame(const std::string& path, std::int64_t frame, const std::string& out_path);

}  // namespace mpilife
