#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "render.hpp"
#include "viewer_state.hpp"

namespace mpilife::viz {

/// `v` with thousands separators: 1234567 -> "1,234,567".
std::string grouped(std::int64_t v);

/// A rate for the overlay: one decimal below 100 ("12.5"), none from 100 ("250").
std::string rate_text(double rate);

/// The speed level in words: "step 2^3", "step 1", or "step 1, 15.0/s max" below 0.
std::string speed_text(int speed);

/// The keys, one line each, as the help overlay shows them.
std::vector<std::string> key_help(bool replay);

/// One line describing the state, as the script's print command writes it ("view: ...").
std::string state_line(const ViewerState& state);

/// The two lines of the overlay: generation, population and rates; grid, rule, ranks, zoom, speed.
std::vector<std::string> status_lines(const ViewerState& state);

/// The window title: source name, frame (replays), generation, population, rate and ranks.
std::string window_title(const ViewerState& state);

/// Draws the overlay over the cells on `canvas`: the status panel, the replay timeline and, when
/// shown, the help box.
void draw_overlay(Canvas& canvas, const ViewerState& state, const Palette& palette);

}  // namespace mpilife::viz
