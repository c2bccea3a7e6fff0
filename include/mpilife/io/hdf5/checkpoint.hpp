#pragma once

#include <cstdint>
#include <string>

#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/io/hdf5/metadata.hpp"
#include "mpilife/parallel/observer.hpp"
#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

/// Settings of `--checkpoint`.
struct CheckpointSettings {
  std::string path;            ///< the checkpoint file, replaced atomically each time
  std::int64_t every = 0;      ///< checkpoint multiples of this generation; 0 = only the last
  IoMode io = IoMode::gather;  ///< who writes
  int compression = kDefaultCompression;  ///< deflate level 0..9 (0 = no filter)
};

/// Writes the current full grid (its size and place in the universe from `sim`, the rest of the
/// run's description from `meta`), its generation and `meta` as a checkpoint to "<path>.tmp"
/// (deflate level `compression`), then renames it over `path`, so a crash at any moment leaves the
/// previous checkpoint intact. Collective; errors are agreed (exit 74).
void write_checkpoint(const Simulation& sim, const std::string& path, const RunMetadata& meta,
                      IoMode io, int compression = kDefaultCompression);

/// Removes "<path>.tmp" when a killed run left it (an mpilife checkpoint by its attributes) and
/// returns true; false when there is none. Error 73 when it exists but is not ours. Not
/// collective.
bool remove_stale_checkpoint_temp(const std::string& path);

/// `--checkpoint`: write_checkpoint at every multiple of `every` and always at the end (also after
/// an early stop or a signal).
class Checkpointer final : public Observer {
 public:
  /// A checkpointer for `settings`, stamping `meta` into each checkpoint.
  Checkpointer(CheckpointSettings settings, RunMetadata meta);

  /// Removes a stale "<path>.tmp" a killed run left (rank 0; agreed), with a note on stderr.
  void start(const Simulation& sim) override;
  /// Checkpoints when the generation is a multiple of `every`.
  void after_step(const Simulation& sim) override;
  /// The next multiple of `every`.
  std::int64_t next_wanted(std::int64_t generation) const override;
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

}  // namespace mpilife
