#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "mpilife/app/options.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "mpilife/parallel/universe.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife {

/// Most cells a Ctrl+C copy may hold (width x height of the selection): about 4 MB of cells on
/// rank 0, at most 8 MB of RLE text.
inline constexpr std::int64_t kMaxCopyCells = std::int64_t{1} << 22;

/// Hooks and limits of a live run under a display.
struct InteractiveOptions {
  std::int64_t pause_at = -1;            ///< stop running on reaching this generation (-1: never)
  std::function<void()> after_step;      ///< called on every rank after each generation
  std::function<bool()> stop_requested;  ///< polled on rank 0 every frame; true quits (signals)
  std::function<void()> after_frame;     ///< called on every rank after each control message
  /// Ctrl+R: rebuilds the universe at its starting generation on every rank (collective); empty:
  /// the loop cannot reset (ViewSource::reset_refusal says why).
  std::function<void()> reset;
  std::int64_t reset_generation = 0;  ///< the generation `reset` goes back to
  /// Where Ctrl+S writes selection-<generation>.rle ("": the current folder).
  std::string save_folder;
};

/// What a live run under a display did.
struct InteractiveResult {
  std::int64_t frames = 0;       ///< frames shown
  std::int64_t generations = 0;  ///< generations computed
  double seconds = 0.0;          ///< wall time of the loop
  bool interrupted = false;      ///< ended by stop_requested rather than by the user
  bool cell_limit = false;       ///< ended by an unbounded universe reaching its cell limit
};

/// The live loop, on every rank of `universe`: each frame rank 0 polls `display` (non-null on
/// rank 0 only) and broadcasts one fixed-size control message (quit, generations to compute, view
/// region and scale, reset, cell toggles); every rank resets when asked (options.reset), applies
/// the toggles it owns, steps, and reduces the
/// visible region to block counts that rank 0 shows. The display's world (`source`) is the grid
/// the loop starts with: when an unbounded universe grows, it stays on the same cells. Returns on
/// every rank when the user quits (or the universe reaches its cell limit). Collective.
InteractiveResult run_interactive(Universe& universe, Display* display, const ViewSource& source,
                                  const InteractiveOptions& options);

/// The display options `plan` asks for (--window, --view-script).
DisplayOptions display_options(const RunOptions& options);

/// `mpilife run --view`: the display made by `factory` on rank 0 (null elsewhere); Error 64 on
/// every rank when `factory` is empty (no viewer in this build) or no window can be opened.
/// Opened before any output is written, so a refusal leaves nothing behind. Collective.
std::unique_ptr<Display> open_viewer(const mpi::Comm& comm, const RunPlan& plan,
                                     const DisplayFactory& factory);

/// `mpilife run --view`: runs the live loop on `universe` under `display` (from open_viewer)
/// until the user quits, pausing at -g N when it was given. Collective.
InteractiveResult run_viewer(Universe& universe, const RunPlan& plan, Display* display,
                             const InteractiveOptions& options);

}  // namespace mpilife
