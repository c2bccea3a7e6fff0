#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/hdf5/metadata.hpp"

namespace mpilife {

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

  /// Number of complete frames (the only ones read: see frames_complete in Recorder).
  std::int64_t frames() const;
  /// Frames the file holds past the complete ones (torn by a crash or a full disk), never read.
  std::int64_t incomplete_frames() const;
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

}  // namespace mpilife
