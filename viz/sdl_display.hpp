#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"

namespace mpilife::viz {

class Viewport;
struct ViewerState;

/// The SDL2 window: a thin shell around the SDL-free viewer. It translates SDL events into the
/// KeyPress and MouseEvent that a ViewerController turns into Controls, draws frames with
/// draw_cells and draw_overlay, and saves screenshots. Owns its SDL window, renderer and texture;
/// SDL types stay inside sdl_display.cpp.
class SdlDisplay final : public Display {
 public:
  /// Starts SDL video and opens the window; throws Error (exit 64) when no display is available.
  explicit SdlDisplay(const DisplayOptions& options);
  ~SdlDisplay() override;
  SdlDisplay(const SdlDisplay&) = delete;
  SdlDisplay& operator=(const SdlDisplay&) = delete;

  /// Fits the grid of `source` into the window and titles it.
  void open(const ViewSource& source) override;
  /// Runs due script commands, handles events (waiting at most `wait_seconds` for the first).
  Controls poll(double wait_seconds) override;
  /// Draws `frame` and presents it.
  void show(const Frame& frame) override;
  /// Starts pasting `cells` (a width x height box) at the pointer, or shows `message` (no cells).
  void pasted(const std::vector<Cell>& cells, std::int64_t width, std::int64_t height,
              const std::string& message) override;
  /// Puts `rle` (when not empty) on the system clipboard and `message` in the status panel.
  void copied(const std::string& rle, const std::string& message) override;
  /// Takes the selection's new place and the edit's undo, and shows `edit.message`.
  void selection_edited(const SelectionEdit& edit) override;
  /// Shows `message` (where the selection was saved, or why not) in the status panel.
  void saved(const std::string& path, const std::string& message) override;

  /// The renderer's pixels (0xAARRGGBB, row-major, window size) read back with
  /// SDL_RenderReadPixels after drawing the last picture again.
  std::vector<std::uint32_t> read_pixels() const;
  /// Window width in pixels.
  int width() const;
  /// Window height in pixels.
  int height() const;
  /// Where the grid lies in the window now.
  const Viewport& viewport() const;
  /// The controls as they stand (the one-shot fields as of the last poll).
  const Controls& controls() const;
  /// Whether the help panel is shown.
  bool help_shown() const;
  /// Everything the overlay shows (panels, layout, pointer, population history).
  const ViewerState& state() const;
  /// The window's title as SDL has it.
  std::string title() const;
  /// Saves the current picture as PNG (with SDL2_image) or BMP, by the extension of `path`;
  /// throws Error (exit 73) on failure.
  void save_screenshot(const std::string& path) const;
  /// One line describing the state, as the script's print command writes it.
  std::string state_line() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Creates an SdlDisplay (the DisplayFactory of a build with the viewer).
std::unique_ptr<Display> make_sdl_display(const DisplayOptions& options);

}  // namespace mpilife::viz
