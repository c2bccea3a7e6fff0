#pragma once
// The SDL shell's view of the link to the screen: whether the window system is a real screen,
// and whether the connection to it (an X server) was lost. Kept apart from sdl_display.cpp because
// the X11 headers SDL_syswm.h pulls in define macros (KeyPress, None...) that clash with ours.

struct SDL_Window;

namespace mpilife::viz {

/// Throws Error (exit 64) when SDL picked a video driver that shows nothing (offscreen, dummy)
/// although none was asked for (SDL_VIDEODRIVER unset) and no script drives the viewer: a window
/// nobody can see and nothing can close would run forever. Call after SDL's video is started.
void require_visible_driver(bool scripted);

/// Makes losing the X server (xkill, a dropped ssh -X) a flag instead of Xlib's exit(1), for the
/// X11 connection behind `window`; does nothing on other drivers or without libX11 1.7.
void watch_connection(SDL_Window* window);

/// Whether the connection to the window system was lost since watch_connection.
bool connection_lost();

}  // namespace mpilife::viz
