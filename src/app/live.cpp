#include "mpilife/app/live.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "mpilife/app/options.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/clock.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/rle_writer.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"
#include "mpilife/view/rate_meter.hpp"
#include "mpilife/view/selection.hpp"
#include "steering.hpp"

namespace mpilife {

namespace {

// The cells of `region` as RLE with `rule` (its bounded-grid suffix dropped: the copy is a
// pattern, not the grid) on rank 0, gathered from the ranks that own them; "" elsewhere, and on
// every rank when the region holds more than kMaxCopyCells cells (nothing is gathered then).
std::string copy_as_rle(const Simulation& sim, const Extent& region, const std::string& rule) {
  if (region.w <= 0 || region.h <= 0 || region.w > kMaxCopyCells / region.h) return "";
  const std::vector<Cell> cells = gather_region_cells(sim, region);
  if (sim.cart().comm().rank() != 0) return "";
  std::vector<std::uint8_t> grid(static_cast<std::size_t>(region.w * region.h), 0);
  for (const Cell& c : cells) grid[static_cast<std::size_t>(c.y * region.w + c.x)] = 1;
  std::ostringstream out;
  write_rle(out, grid.data(), region.w, region.h, rule.substr(0, rule.find(':')));
  return out.str();
}

// Golly's words for what `op` does, as in "flip left to right".
std::string op_name(SelectionOp op) {
  switch (op) {
    case SelectionOp::random_fill:
      return "random fill";
    case SelectionOp::flip_x:
      return "flip left to right";
    case SelectionOp::flip_y:
      return "flip top to bottom";
    case SelectionOp::rotate_cw:
      return "rotate clockwise";
    case SelectionOp::rotate_ccw:
      return "rotate anticlockwise";
    case SelectionOp::none:
      break;
  }
  return "edit";
}

// Edits the cells of `region` (grid coordinates) in place on every rank as `op` says, and returns
// on rank 0 what that did, in the display's coordinates (the grid's less `shift`). Collective.
//  - A random fill of `seed` is made by every rank on its own part (random_fill_region); its
//    cells are gathered first (as a copy) only so that it can be undone, when they are no more
//    than kMaxCopyCells.
//  - A flip or rotation gathers the cells as a copy does (refused beyond kMaxCopyCells, or when
//    the turned rectangle leaves the grid), transforms them on rank 0 and sends the cells that
//    change (the old rectangle cleared, then the new one holding the turned cells, dead ones too,
//    as in Golly) to their owners with apply_edits.
// Either way the change is one list of flips: what undoes it, and then redoes it.
SelectionEdit edit_selection(Simulation& sim, const Extent& region, SelectionOp op,
                             std::uint64_t seed, Cell shift) {
  SelectionEdit edit;
  const bool root = sim.cart().comm().rank() == 0;
  const std::string size = std::to_string(region.w) + "x" + std::to_string(region.h);
  const bool small = region.w > 0 && region.h > 0 && region.w <= kMaxCopyCells / region.h;
  const Extent to = transformed_rect(region, op);
  const bool inside = to.x0 >= 0 && to.y0 >= 0 && to.x0 + to.w <= sim.layout().width &&
                      to.y0 + to.h <= sim.layout().height;
  edit.generation = sim.generation();
  edit.selection = Extent{region.x0 - shift.x, region.y0 - shift.y, region.w, region.h};
  std::vector<Cell> cells;   // relative to the region's corner
  std::vector<Cell> before;  // the same, absolute
  if (small && (inside || op == SelectionOp::random_fill)) {
    cells = gather_region_cells(sim, region);
    for (const Cell& c : cells) before.push_back({region.x0 + c.x, region.y0 + c.y});
    if (to != region) {
      // A turned rectangle sticks out of the old one: its cells there are replaced too.
      for (const Cell& c : gather_region_cells(sim, to))
        before.push_back({to.x0 + c.x, to.y0 + c.y});
    }
  }
  if (op == SelectionOp::random_fill) {
    random_fill_region(sim, region, seed, kRandomFillDensity);
    if (root && small) edit.flips = difference_flips(before, random_fill_cells(region, seed));
    edit.done = true;
    edit.undoable = small;
    edit.message =
        "random fill of the " + size + " selection (50%, seed " + std::to_string(seed) + ")" +
        (small ? std::string()
               : ": more than " + std::to_string(kMaxCopyCells) + " cells, so it cannot be undone");
  } else if (!small) {
    edit.message = op_name(op) + ": a " + size + " selection is more than " +
                   std::to_string(kMaxCopyCells) + " cells: select less";
  } else if (!inside) {
    edit.message = op_name(op) + ": the turned " + size + " selection would leave the grid";
  } else {
    if (root) edit.flips = difference_flips(before, transformed_cells(region, cells, op));
    apply_edits(sim, edit.flips);
    edit.done = true;
    edit.undoable = true;
    edit.selection = Extent{to.x0 - shift.x, to.y0 - shift.y, to.w, to.h};
    edit.message = op_name(op) + ": done to the " + size + " selection";
  }
  for (CellEdit& e : edit.flips) {
    e.cell.x -= shift.x;
    e.cell.y -= shift.y;
  }
  return edit;
}

// Writes `rle` to a new file selection-<generation>.rle in `folder` ("": the current one), or
// selection-<generation>-2.rle and so on when the name is taken (nothing is overwritten);
// returns its path, or "" with `why` set.
std::string save_to_new_file(const std::string& folder, std::int64_t generation,
                             const std::string& rle, std::string& why) {
  const std::string stem =
      (folder.empty() ? std::string() : folder + "/") + "selection-" + std::to_string(generation);
  for (int i = 1;; ++i) {
    const std::string path = stem + (i == 1 ? std::string() : "-" + std::to_string(i)) + ".rle";
    std::FILE* f = std::fopen(path.c_str(), "wx");  // fails when the file exists
    if (f == nullptr) {
      if (errno == EEXIST) continue;
      why = path + ": " + std::strerror(errno);
      return "";
    }
    const bool written = std::fwrite(rle.data(), 1, rle.size(), f) == rle.size();
    if (std::fclose(f) != 0 || !written) {
      why = path + ": cannot write it";
      return "";
    }
    return path;
  }
}

}  // namespace

InteractiveResult run_interactive(Universe& universe, Display* display, const ViewSource& source,
                                  const InteractiveOptions& options) {
  // The current grid's communicator: a growing universe replaces its grid (and communicator).
  const auto comm = [&]() -> const mpi::Comm& { return universe.sim().cart().comm(); };
  // The viewer shows the grid it starts with; a growing universe's grid moves under it.
  const std::int64_t window_x = universe.origin_x();
  const std::int64_t window_y = universe.origin_y();
  const bool root = comm().rank() == 0;
  std::exception_ptr failure;
  std::unique_ptr<Steering> steering;
  if (root) {
    try {
      display->open(source);
      steering = std::make_unique<Steering>(*display, options);
    } catch (...) {
      failure = std::current_exception();
    }
  }
  InteractiveResult result;
  RateMeter generation_rate;
  RateMeter frame_rate;
  bool was_running = false;
  const double t0 = now_seconds();
  for (;;) {
    Message m{};
    if (root) {
      m[kQuit] = 1;
      if (!failure) {
        try {
          m = steering->next(universe.sim());
        } catch (...) {
          failure = std::current_exception();
        }
      }
    }
    mpi::broadcast_politely(m.data(), sizeof m, 0, comm());
    if (m[kQuit]) break;
    if (m[kReset] && options.reset) options.reset();
    if (m[kEdits] > 0) {
      // Rank 0's edits of this frame, from the shown window's coordinates to the grid's, go to the
      // ranks that own them (and only to those).
      std::vector<CellEdit> edits;
      if (root && steering) edits = steering->take_edits();
      for (CellEdit& e : edits) {
        e.cell.x += window_x - universe.origin_x();
        e.cell.y += window_y - universe.origin_y();
      }
      apply_edits(universe.sim(), edits);
    }
    const Cell shift{window_x - universe.origin_x(), window_y - universe.origin_y()};
    if (m[kClearW] > 0) {
      clear_region(universe.sim(),
                   {m[kClearX] + shift.x, m[kClearY] + shift.y, m[kClearW], m[kClearH]});
    }
    if (m[kCopyW] > 0) {
      const Extent region{m[kCopyX] + shift.x, m[kCopyY] + shift.y, m[kCopyW], m[kCopyH]};
      const std::string copy = copy_as_rle(universe.sim(), region, source.rule);
      if (root && !failure) {
        try {
          const std::string size = std::to_string(region.w) + "x" + std::to_string(region.h);
          if (copy.empty()) {
            display->copied("", "Ctrl+C: a " + size + " selection is more than " +
                                    std::to_string(kMaxCopyCells) +
                                    " cells: select less to copy it");
          } else {
            display->copied(copy, "copied the " + size + " selection as RLE");
          }
        } catch (...) {
          failure = std::current_exception();
        }
      }
    }
    if (m[kEditOp] != 0) {
      const Extent region{m[kEditX] + shift.x, m[kEditY] + shift.y, m[kEditW], m[kEditH]};
      const SelectionEdit edit =
          edit_selection(universe.sim(), region, static_cast<SelectionOp>(m[kEditOp]),
                         static_cast<std::uint64_t>(m[kEditSeed]), shift);
      if (root && !failure) {
        try {
          display->selection_edited(edit);
        } catch (...) {
          failure = std::current_exception();
        }
      }
    }
    if (m[kSaveW] > 0) {
      const Extent region{m[kSaveX] + shift.x, m[kSaveY] + shift.y, m[kSaveW], m[kSaveH]};
      const std::string rle = copy_as_rle(universe.sim(), region, source.rule);
      if (root && !failure) {
        try {
          const std::string size = std::to_string(region.w) + "x" + std::to_string(region.h);
          std::string why;
          const std::string path =
              rle.empty()
                  ? std::string()
                  : save_to_new_file(options.save_folder, universe.sim().generation(), rle, why);
          if (rle.empty()) {
            display->saved("", "Ctrl+S: a " + size + " selection is more than " +
                                   std::to_string(kMaxCopyCells) +
                                   " cells: select less to save it");
          } else if (path.empty()) {
            display->saved("", "Ctrl+S: cannot save the selection: " + why);
          } else {
            display->saved(path, "saved the " + size + " selection as " + path);
          }
        } catch (...) {
          failure = std::current_exception();
        }
      }
    }
    const double t_step = now_seconds();
    for (std::int64_t i = 0; i < m[kGenerations] && !result.cell_limit; ++i) {
      result.cell_limit = universe.step() == GrowthCheck::limited;
      if (result.cell_limit) break;
      ++result.generations;
      if (options.after_step) options.after_step();
    }
    if (result.cell_limit) break;
    const Simulation& sim = universe.sim();
    const Cell at{window_x - universe.origin_x(), window_y - universe.origin_y()};
    if (root) steering->stepped(m[kGenerations], now_seconds() - t_step);
    if (options.after_frame) options.after_frame();
    if (!m[kGather]) continue;

    const ViewRequest view{{m[kRegionX], m[kRegionY], m[kRegionW], m[kRegionH]}, m[kScale]};
    Frame frame;
    frame.counts = gather_block_counts(
        sim, {view.region.x0 + at.x, view.region.y0 + at.y, view.region.w, view.region.h},
        view.scale);
    const std::int64_t total = mpi::reduce(sim.tile().population(), mpi::Op::sum, 0, comm());
    ++result.frames;
    if (!root || failure) continue;
    const double now = now_seconds();
    const bool running = m[kRunning] != 0;
    if (running && !was_running) {
      generation_rate.clear();
      frame_rate.clear();
    }
    was_running = running;
    generation_rate.add(now, sim.generation());
    frame_rate.add(now, result.frames);
    frame.generation = sim.generation();
    frame.population = total;
    frame.view = view;
    frame.running = running;
    frame.generations_per_second = running ? generation_rate.rate() : 0.0;
    frame.frames_per_second = frame_rate.rate();
    try {
      display->show(frame);
    } catch (...) {
      failure = std::current_exception();
    }
  }
  result.seconds = now_seconds() - t0;
  result.interrupted = mpi::broadcast(root && steering && steering->interrupted(), 0, comm());
  mpi::on_root_agreed(comm(), [&] {
    if (failure) std::rethrow_exception(failure);
  });
  return result;
}

DisplayOptions display_options(const RunOptions& options) {
  DisplayOptions d;
  d.window_width = static_cast<int>(options.window[0]);
  d.window_height = static_cast<int>(options.window[1]);
  d.script = options.view_script;
  return d;
}

std::unique_ptr<Display> open_viewer(const mpi::Comm& comm, const RunPlan& plan,
                                     const DisplayFactory& factory) {
  if (!factory) throw Error(ExitCode::usage, std::string("--view: ") + kNoViewerMessage);
  std::unique_ptr<Display> display;
  mpi::on_root_agreed(comm, [&] { display = factory(display_options(plan.options)); });
  return display;
}

InteractiveResult run_viewer(Universe& universe, const RunPlan& plan, Display* display,
                             const InteractiveOptions& options) {
  const int rank = universe.sim().cart().comm().rank();
  ViewSource source;
  source.width = plan.width;
  source.height = plan.height;
  source.name = plan.pattern_name.empty() ? std::string("random soup") : plan.pattern_name;
  source.rule = plan.rule_with_suffix();
  source.ranks = universe.sim().cart().comm().size();
  source.proc_cols = plan.procs.cols;
  source.proc_rows = plan.procs.rows;
  source.grid_width = plan.width;
  source.grid_height = plan.height;
  source.topology = to_string(plan.topology);
  source.origin_x = universe.origin_x();  // the window run_interactive keeps showing
  source.origin_y = universe.origin_y();
  source.comments = plan.comments;
  if (!options.reset) {
    source.reset_refusal =
        "Ctrl+R: no reset while --stats, --output or --checkpoint record the run";
  }
  InteractiveOptions with_pause = options;
  if (plan.options.generations_given) with_pause.pause_at = plan.options.generations;
  const InteractiveResult r = run_interactive(universe, display, source, with_pause);
  if (rank == 0 && !plan.options.quiet) {
    std::fprintf(
        stderr,
        "mpilife: viewer showed %lld frames in %.1f s (%.1f frames/s, %.1f generations/s)\n",
        static_cast<long long>(r.frames), r.seconds,
        r.seconds > 0 ? static_cast<double>(r.frames) / r.seconds : 0.0,
        r.seconds > 0 ? static_cast<double>(r.generations) / r.seconds : 0.0);
  }
  return r;
}

}  // namespace mpilife
