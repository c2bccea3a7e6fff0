#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keys.hpp"
#include "mpilife/core/cells.hpp"
#include "render.hpp"
#include "viewer_state.hpp"

namespace mpilife::viz {

/// `v` with thousands separators: 1234567 -> "1,234,567".
std::string grouped(std::int64_t v);

/// A rate for the overlay: one decimal below 100 ("12.5"), none from 100 ("250").
std::string rate_text(double rate);

/// The speed level in words: "step 2^3", "step 1", or "step 1, 15.0/s max" below 0.
std::string speed_text(int speed);

/// The mode in words: "draw" or "move".
std::string mode_text(EditMode mode);

/// The cell under the mouse pointer in Golly's coordinates (the source's origin added; in a
/// replay recorded with --frame-scale, the top-left cell of the recorded point), nullopt when the
/// pointer is not over the grid.
std::optional<Cell> cursor_cell(const ViewerState& state);

/// The information panel's lines: the pattern's name and comments, the rule, the grid and its
/// topology, where it lies in Golly's coordinates, the ranks or the recording.
std::vector<std::string> info_lines(const ViewSource& source);

/// One line describing the state, as the script's print command writes it ("view: ...").
std::string state_line(const ViewerState& state);

/// The lines of the overlay: generation, population, run state and rates, mode and the cell
/// under the pointer; grid, rule, ranks, zoom in cells and speed; then the notice, if any, or
/// what a paste in progress awaits.
std::vector<std::string> status_lines(const ViewerState& state);

/// The window title: source name, frame (replays), generation, population, and the rate while
/// running or "stopped" ("paused" in a replay).
std::string window_title(const ViewerState& state);

/// Draws the overlay on `canvas`: the status panel over the grid, the replay timeline, and the
/// side panels (help, population plot, information) where state.layout puts them.
void draw_overlay(Canvas& canvas, const ViewerState& state, const Palette& palette);

}  // namespace mpilife::viz
