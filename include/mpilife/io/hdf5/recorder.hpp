#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/io/hdf5/metadata.hpp"
#include "mpilife/parallel/observer.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

/// Settings of `--output` (DESIGN.md section 5).
struct RecorderSettings {
  std::string path;              ///< the .h5 file; its XDMF sidecar is sidecar_path(path)
  std::int64_t every = 1;        ///< record generations that are multiples of this
  std::int64_t frame_scale = 1;  ///< each frame_scale x frame_scale block is one stored pixel
  IoMode io = IoMode::gather;    ///< who writes
  int compression = kDefaultCompression;  ///< deflate level of /frames, 0..9 (0 = no filter)
  bool append = false;  ///< continue an existing recording at the start generation (--restart)
};

/// Pixel value of a frame_scale > 1 block with `live` of its `cells` cells alive: the density
/// round(255 * live / cells), but at least 1 when any cell lives (an empty block is exactly 0).
std::uint8_t density_pixel(std::int64_t live, std::int64_t cells);

/// `--output`: records the initial state, every `every`-th generation and the last one into
/// /frames, /generations and /population, flushing the file and rewriting the XDMF sidecar as
/// frames are added. The file is created (truncated) in start(), or with `append` an existing
/// recording of the same run is continued (see h5::prepare_append); until finish() its root
/// attribute `status` is "running", so a file left by a crash is marked incomplete. Its root
/// attribute frames_complete counts the frames whose data is written and flushed, so a frame
/// torn by a crash or a full disk is never read. HDF5 errors are agreed on every rank (exit 73
/// when the file cannot be created, 74 later).
class Recorder final : public Observer {
 public:
  /// A recorder for `settings`, stamping `meta` into the file.
  Recorder(RecorderSettings settings, RunMetadata meta);
  ~Recorder() override;
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  /// Creates (or continues) the file and records the initial state.
  void start(const Simulation& sim) override;
  /// Records the state when its generation is a multiple of `every`.
  void after_step(const Simulation& sim) override;
  /// The next multiple of `every`.
  std::int64_t next_wanted(std::int64_t generation) const override;
  /// Records the final state (unless already recorded), sets `status`, closes the file.
  void finish(const Simulation& sim) override;
  /// How the run ended ("completed", "interrupted", "died-out"...), stored as `status` by finish.
  void set_outcome(const std::string& outcome);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mpilife
