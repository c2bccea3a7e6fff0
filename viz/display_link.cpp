#include "display_link.hpp"

#include <SDL.h>
#include <SDL_syswm.h>

#include <csignal>
#include <cstring>
#include <string>

#include "mpilife/core/error.hpp"

#if defined(SDL_VIDEO_DRIVER_X11) && __has_include(<dlfcn.h>)
#include <dlfcn.h>
#define MPILIFE_WATCH_X11 1
#endif

namespace mpilife::viz {

namespace {

volatile std::sig_atomic_t g_lost = 0;

#ifdef MPILIFE_WATCH_X11
// Xlib calls this after an I/O error on the connection instead of exit(1) (libX11 1.7's
// XSetIOErrorExitHandler); returning marks the connection dead and its calls then do nothing.
extern "C" void on_x_io_error_exit(::Display*, void*) {
  g_lost = 1;
}

// Replaces Xlib's "XIO: fatal IO error" text: mpilife says what happened itself.
extern "C" int on_x_io_error(::Display*) {
  g_lost = 1;
  return 0;
}
#endif

}  // namespace

void require_visible_driver(bool scripted) {
  const char* driver = SDL_GetCurrentVideoDriver();
  const char* asked = SDL_GetHint(SDL_HINT_VIDEODRIVER);
  if (scripted || (asked != nullptr && *asked != '\0') || driver == nullptr) return;
  if (std::strcmp(driver, "offscreen") != 0 && std::strcmp(driver, "dummy") != 0) return;
  throw Error(ExitCode::usage,
              std::string("viewer: no screen to show a window on (DISPLAY and WAYLAND_DISPLAY are "
                          "unset, so SDL chose its invisible '") +
                  driver +
                  "' driver and the window could never be closed); set DISPLAY (ssh -X), or "
                  "drive the viewer with --view-script, or set SDL_VIDEODRIVER=" +
                  driver + " to run it invisibly on purpose");
}

void watch_connection(SDL_Window* window) {
  g_lost = 0;
#ifdef MPILIFE_WATCH_X11
  SDL_SysWMinfo info;
  SDL_VERSION(&info.version);
  if (SDL_GetWindowWMInfo(window, &info) != SDL_TRUE || info.subsystem != SDL_SYSWM_X11) return;
  using ExitHandler = void (*)(::Display*, void*);
  using SetExitHandler = void (*)(::Display*, ExitHandler, void*);
  using Handler = int (*)(::Display*);
  using SetHandler = Handler (*)(Handler);
  // Looked up at run time: SDL links libX11, mpilife does not, and libX11 before 1.7 lacks it.
  auto* set_exit = reinterpret_cast<SetExitHandler>(dlsym(RTLD_DEFAULT, "XSetIOErrorExitHandler"));
  auto* set_handler = reinterpret_cast<SetHandler>(dlsym(RTLD_DEFAULT, "XSetIOErrorHandler"));
  if (set_exit == nullptr || set_handler == nullptr) return;
  set_handler(on_x_io_error);
  set_exit(info.info.x11.display, on_x_io_error_exit, nullptr);
#else
  (void)window;
#endif
}

bool connection_lost() {
  return g_lost != 0;
}

}  // namespace mpilife::viz
