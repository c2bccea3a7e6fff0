#include "sdl_display.hpp"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <utility>

#include "controller.hpp"
#include "display_link.hpp"
#include "input.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"
#include "overlay.hpp"
#include "render.hpp"
#include "script_player.hpp"
#include "viewport.hpp"

#ifdef MPILIFE_HAVE_SDL_IMAGE
#include <SDL_image.h>
#endif

namespace mpilife::viz {

namespace {

// Seconds between window title updates.
constexpr double kTitleSeconds = 0.25;
// Longest wait for input while a script still has commands.
constexpr double kScriptTick = 1.0 / 60.0;

struct WindowDeleter {
  void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
struct RendererDeleter {
  void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
};
struct TextureDeleter {
  void operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }
};
struct SurfaceDeleter {
  void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
using WindowPtr = std::unique_ptr<SDL_Window, WindowDeleter>;
using RendererPtr = std::unique_ptr<SDL_Renderer, RendererDeleter>;
using TexturePtr = std::unique_ptr<SDL_Texture, TextureDeleter>;
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

[[noreturn]] void sdl_failed(const std::string& what) {
  throw Error(ExitCode::usage, "viewer: " + what + ": " + SDL_GetError());
}

// SDL's video subsystem (and SDL2_image's PNG support) for the lifetime of the display.
class VideoSubsystem {
 public:
  explicit VideoSubsystem(bool scripted) {
    // Ctrl-C reaches mpilife's own handler (exit 130 after flushing), not an SDL_QUIT event.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
      throw Error(ExitCode::usage,
                  std::string("viewer: cannot open a window (") + SDL_GetError() +
                      "); set DISPLAY, or SDL_VIDEODRIVER=dummy to run without a screen");
    }
    try {
      require_visible_driver(scripted);
    } catch (...) {
      SDL_QuitSubSystem(SDL_INIT_VIDEO);
      SDL_Quit();
      throw;
    }
#ifdef MPILIFE_HAVE_SDL_IMAGE
    IMG_Init(IMG_INIT_PNG);
#endif
  }
  ~VideoSubsystem() {
    // Closing a lost X connection makes Xlib exit(1) (from XCloseDisplay's XSync): leave it to
    // the end of the process, so that the run can still write its outputs.
    if (connection_lost()) return;
#ifdef MPILIFE_HAVE_SDL_IMAGE
    IMG_Quit();
#endif
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    SDL_Quit();
  }
  VideoSubsystem(const VideoSubsystem&) = delete;
  VideoSubsystem& operator=(const VideoSubsystem&) = delete;
};

double seconds_now() {
  return static_cast<double>(SDL_GetPerformanceCounter()) /
         static_cast<double>(SDL_GetPerformanceFrequency());
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// SDL key codes of the viewer's keys; the ones with the same meaning share a Key.
constexpr std::pair<SDL_Keycode, Key> kKeys[] = {
    {SDLK_RETURN, Key::enter},
    {SDLK_KP_ENTER, Key::enter},
    {SDLK_SPACE, Key::space},
    {SDLK_PERIOD, Key::period},
    {SDLK_TAB, Key::tab},
    {SDLK_BACKSPACE, Key::backspace},
    {SDLK_COMMA, Key::comma},
    {SDLK_HOME, Key::home},
    {SDLK_END, Key::end},
    {SDLK_PLUS, Key::plus},
    {SDLK_EQUALS, Key::plus},
    {SDLK_KP_PLUS, Key::plus},
    {SDLK_MINUS, Key::minus},
    {SDLK_UNDERSCORE, Key::minus},
    {SDLK_KP_MINUS, Key::minus},
    {SDLK_RIGHTBRACKET, Key::right_bracket},
    {SDLK_LEFTBRACKET, Key::left_bracket},
    {SDLK_LEFT, Key::left},
    {SDLK_RIGHT, Key::right},
    {SDLK_UP, Key::up},
    {SDLK_DOWN, Key::down},
    {SDLK_f, Key::f},
    {SDLK_g, Key::g},
    {SDLK_h, Key::h},
    {SDLK_i, Key::i},
    {SDLK_p, Key::p},
    {SDLK_r, Key::r},
    {SDLK_x, Key::x},
    {SDLK_y, Key::y},
    {SDLK_GREATER, Key::greater},
    {SDLK_LESS, Key::less},
    {SDLK_F2, Key::f2},
    {SDLK_F4, Key::f4},
    {SDLK_F5, Key::f5},
    {SDLK_DELETE, Key::delete_key},
    {SDLK_s, Key::s},
    {SDLK_q, Key::q},
    {SDLK_ESCAPE, Key::escape},
};

// The viewer's Ctrl chords (Golly's): the key with Ctrl held, then with Ctrl and Shift.
constexpr std::pair<SDL_Keycode, Key> kCtrlKeys[] = {
    {SDLK_r, Key::ctrl_r}, {SDLK_z, Key::ctrl_z}, {SDLK_y, Key::ctrl_y}, {SDLK_a, Key::ctrl_a},
    {SDLK_c, Key::ctrl_c}, {SDLK_v, Key::ctrl_v}, {SDLK_s, Key::ctrl_s},
};
// Shift with . and , (on most keyboards > and <, which SDL reports as the unshifted key).
constexpr std::pair<SDL_Keycode, Key> kShiftKeys[] = {
    {SDLK_PERIOD, Key::greater},
    {SDLK_COMMA, Key::less},
};
constexpr std::pair<SDL_Keycode, Key> kCtrlShiftKeys[] = {
    {SDLK_z, Key::ctrl_shift_z},
};

// The viewer's key for an SDL key code with modifiers `mod` (the digit keys of the main keyboard
// give digits; a Ctrl chord the viewer does not know is the key alone).
Key key_of(SDL_Keycode code, Uint16 mod = KMOD_NONE) {
  const auto find = [code](const auto& table) -> std::optional<Key> {
    const auto* it = std::find_if(std::begin(table), std::end(table),
                                  [&](const auto& entry) { return entry.first == code; });
    if (it == std::end(table)) return std::nullopt;
    return it->second;
  };
  if ((mod & KMOD_CTRL) != 0 && (mod & KMOD_SHIFT) != 0) {
    if (const auto k = find(kCtrlShiftKeys)) return *k;
  }
  if ((mod & KMOD_CTRL) != 0) {
    if (const auto k = find(kCtrlKeys)) return *k;
  }
  if ((mod & KMOD_SHIFT) != 0) {
    if (const auto k = find(kShiftKeys)) return *k;
  }
  if (code >= SDLK_0 && code <= SDLK_9) return digit_key(code - SDLK_0);
  const auto* it = std::find_if(std::begin(kKeys), std::end(kKeys),
                                [&](const auto& entry) { return entry.first == code; });
  return it == std::end(kKeys) ? Key::none : it->second;
}

// The key an SDL key name (SDL_GetKeyFromName: Return, Space, ], f, Up...) stands for, with
// "Ctrl+" (and "Shift+") before it for a chord: Ctrl+R.
std::optional<Key> key_named(const std::string& name) {
  std::string rest = name;
  Uint16 mod = KMOD_NONE;
  for (bool more = true; more;) {
    more = false;
    for (const auto& [prefix, bit] : {std::pair<const char*, Uint16>{"Ctrl+", KMOD_LCTRL},
                                      std::pair<const char*, Uint16>{"Shift+", KMOD_LSHIFT}}) {
      const std::size_t n = std::char_traits<char>::length(prefix);
      if (rest.size() > n && SDL_strncasecmp(rest.c_str(), prefix, n) == 0) {
        mod = static_cast<Uint16>(mod | bit);
        rest = rest.substr(n);
        more = true;
      }
    }
  }
  const SDL_Keycode code = SDL_GetKeyFromName(rest.c_str());
  if (code == SDLK_UNKNOWN) return std::nullopt;
  return key_of(code, mod);
}

MouseButton button_of(Uint8 button) {
  switch (button) {
    case SDL_BUTTON_LEFT:
      return MouseButton::left;
    case SDL_BUTTON_MIDDLE:
      return MouseButton::middle;
    case SDL_BUTTON_RIGHT:
      return MouseButton::right;
    default:
      return MouseButton::other;
  }
}

// The viewer's mouse event for an SDL mouse event (motion, button or wheel).
MouseEvent mouse_event(const SDL_Event& e) {
  MouseEvent m;
  if (e.type == SDL_MOUSEMOTION) {
    m.kind = MouseEvent::Kind::move;
    m.x = e.motion.x;
    m.y = e.motion.y;
  } else if (e.type == SDL_MOUSEWHEEL) {
    m.kind = MouseEvent::Kind::wheel;
    m.notches = e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e.wheel.y : e.wheel.y;
#if SDL_VERSION_ATLEAST(2, 26, 0)
    m.x = e.wheel.mouseX;
    m.y = e.wheel.mouseY;
#else
    SDL_GetMouseState(&m.x, &m.y);
#endif
  } else {
    m.kind = e.type == SDL_MOUSEBUTTONDOWN ? MouseEvent::Kind::press : MouseEvent::Kind::release;
    m.x = e.button.x;
    m.y = e.button.y;
    m.button = button_of(e.button.button);
  }
  return m;
}

}  // namespace

struct SdlDisplay::Impl {
  DisplayOptions options;
  VideoSubsystem video;
  ScriptPlayer script;
  WindowPtr window;
  RendererPtr renderer;
  TexturePtr texture;
  int width = 0;
  int height = 0;
  Canvas canvas{1, 1};
  Palette palette;
  ViewerController viewer;
  double title_at = 0.0;
  std::string title;
  bool title_running = false;
  bool lost_reported = false;

  explicit Impl(const DisplayOptions& o)
      : options(o), video(!o.script.empty()), script(options.script, key_named) {
    window.reset(SDL_CreateWindow("mpilife", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                  std::max(64, options.window_width),
                                  std::max(64, options.window_height), SDL_WINDOW_RESIZABLE));
    if (!window) sdl_failed("SDL_CreateWindow");
    renderer.reset(SDL_CreateRenderer(window.get(), -1, 0));
    if (!renderer) sdl_failed("SDL_CreateRenderer");
    resize();
    watch_connection(window.get());
  }

  ~Impl() {
    if (!connection_lost()) return;
    // The server is gone: freeing its resources would only talk to a dead connection.
    static_cast<void>(texture.release());
    static_cast<void>(renderer.release());
    static_cast<void>(window.release());
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // True (after saying so once) when the connection to the screen is gone: the viewer quits as
  // if asked, so the run still writes its outputs.
  bool lost() {
    if (!connection_lost()) return false;
    if (!lost_reported) {
      std::fprintf(stderr,
                   "mpilife: lost the connection to the display; quitting as if q was pressed\n");
      lost_reported = true;
    }
    return true;
  }

  // Matches the canvas and texture to the renderer's output size.
  void resize() {
    int w = 0;
    int h = 0;
    if (SDL_GetRendererOutputSize(renderer.get(), &w, &h) != 0)
      sdl_failed("SDL_GetRendererOutputSize");
    if (w == width && h == height && texture) return;
    width = std::max(1, w);
    height = std::max(1, h);
    texture.reset(SDL_CreateTexture(renderer.get(), SDL_PIXELFORMAT_ARGB8888,
                                    SDL_TEXTUREACCESS_STREAMING, width, height));
    if (!texture) sdl_failed("SDL_CreateTexture");
    canvas = Canvas(width, height);
    viewer.resize(width, height);
  }

  // Hands one SDL event to the viewer, and saves a screenshot at once when it was s.
  void on_event(const SDL_Event& e) {
    switch (e.type) {
      case SDL_QUIT:
        viewer.quit();
        break;
      case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) resize();
        if (e.window.event == SDL_WINDOWEVENT_EXPOSED) viewer.invalidate();
        if (e.window.event == SDL_WINDOWEVENT_CLOSE) viewer.quit();
        if (e.window.event == SDL_WINDOWEVENT_LEAVE) {
          viewer.mouse(MouseEvent{MouseEvent::Kind::leave});
        }
        break;
      case SDL_KEYDOWN:
        viewer.key(KeyPress{key_of(e.key.keysym.sym, e.key.keysym.mod), e.key.repeat != 0});
        break;
      case SDL_MOUSEMOTION:
      case SDL_MOUSEBUTTONDOWN:
      case SDL_MOUSEBUTTONUP:
      case SDL_MOUSEWHEEL:
        viewer.mouse(mouse_event(e));
        break;
      default:
        break;
    }
    if (viewer.take_screenshot_request()) screenshot_default();
  }

  // Runs the script's next command; returns how long the poll may then wait for input.
  double run_script(double wait_seconds) {
    const ScriptStep step = script.step(seconds_now(), viewer);
    if (!step.screenshot.empty()) save(step.screenshot);
    if (step.print) {
      std::printf("%s\n", viz::state_line(viewer.state()).c_str());
      std::fflush(stdout);
    }
    if (viewer.take_screenshot_request()) screenshot_default();
    if (step.fed_input) return 0.0;
    return step.pending ? std::min(wait_seconds, kScriptTick) : wait_seconds;
  }

  // s: saves mpilife-<generation>.png (or .bmp) in the current folder, not overwriting one.
  void screenshot_default() {
    const std::string ext =
#ifdef MPILIFE_HAVE_SDL_IMAGE
        ".png";
#else
        ".bmp";
#endif
    const std::string stem = "mpilife-" + std::to_string(viewer.state().frame.generation);
    std::string path = stem + ext;
    for (int i = 2; std::filesystem::exists(path); ++i) path = stem + "-" + std::to_string(i) + ext;
    try {
      save(path);
    } catch (const Error& e) {
      std::fprintf(stderr, "mpilife: %s\n", e.what());
    }
  }

  void save(const std::string& path) const {
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormatFrom(
        const_cast<std::uint32_t*>(canvas.pixels().data()), canvas.width(), canvas.height(), 32,
        canvas.width() * 4, SDL_PIXELFORMAT_ARGB8888));
    if (!surface) throw Error(ExitCode::cant_create, "screenshot: " + std::string(SDL_GetError()));
    int rc = 0;
    if (ends_with(path, ".bmp") || ends_with(path, ".BMP")) {
      rc = SDL_SaveBMP(surface.get(), path.c_str());
    } else {
#ifdef MPILIFE_HAVE_SDL_IMAGE
      rc = IMG_SavePNG(surface.get(), path.c_str());
#else
      throw Error(ExitCode::cant_create,
                  "screenshot " + path + ": PNG needs SDL2_image; this build writes .bmp only");
#endif
    }
    if (rc != 0) {
      throw Error(ExitCode::cant_create, "screenshot " + path + ": " + SDL_GetError());
    }
    std::fprintf(stderr, "mpilife: screenshot written to %s\n", path.c_str());
  }

  void draw() {
    const ViewerState& state = viewer.state();
    draw_cells(canvas, state.frame, state.viewport, palette, state.source.frame_scale);
    draw_overlay(canvas, state, palette);
    SDL_UpdateTexture(texture.get(), nullptr, canvas.pixels().data(), canvas.width() * 4);
    SDL_RenderClear(renderer.get());
    SDL_RenderCopy(renderer.get(), texture.get(), nullptr, nullptr);
    SDL_RenderPresent(renderer.get());
    viewer.drawn();
    update_title(false);
  }

  // Sets the title when it changed: at once when the run starts or stops or is stopped (so the
  // last one stays right), at most every kTitleSeconds while it keeps running.
  void update_title(bool force) {
    const double now = seconds_now();
    const bool running = viewer.state().controls.running;
    const std::string next = window_title(viewer.state());
    if (next == title) return;
    if (!force && running && title_running && now - title_at < kTitleSeconds) return;
    title_at = now;
    title = next;
    title_running = running;
    SDL_SetWindowTitle(window.get(), title.c_str());
  }
};

SdlDisplay::SdlDisplay(const DisplayOptions& options) : impl_(std::make_unique<Impl>(options)) {}

SdlDisplay::~SdlDisplay() = default;

void SdlDisplay::open(const ViewSource& source) {
  impl_->viewer.open(source);
  impl_->update_title(true);
}

Controls SdlDisplay::poll(double wait_seconds) {
  Impl& d = *impl_;
  d.viewer.begin_poll();
  wait_seconds = d.run_script(wait_seconds);
  SDL_Event e;
  const auto ms = static_cast<int>(std::ceil(std::max(0.0, wait_seconds) * 1000.0));
  if (ms > 0 && SDL_WaitEventTimeout(&e, ms)) d.on_event(e);
  while (SDL_PollEvent(&e)) d.on_event(e);
  if (d.lost()) d.viewer.quit();
  if (d.viewer.take_paste_request()) {
    // Ctrl+V: the clipboard's text goes to the run, which reads it as a pattern (pasted()).
    char* text = SDL_GetClipboardText();
    d.viewer.paste_text(text != nullptr ? text : "");
    SDL_free(text);
  }
  const Controls& controls = d.viewer.end_poll();
  if (d.viewer.should_draw() && !d.lost()) d.draw();
  return controls;
}

void SdlDisplay::show(const Frame& frame) {
  impl_->viewer.show(frame);
  if (impl_->lost()) return;
  impl_->draw();
}

void SdlDisplay::pasted(const std::vector<Cell>& cells, std::int64_t width, std::int64_t height,
                        const std::string& message) {
  std::optional<Clip> clip;
  if (!cells.empty()) clip = Clip{width, height, cells};
  impl_->viewer.pasted(std::move(clip), message);
}

void SdlDisplay::copied(const std::string& rle, const std::string& message) {
  std::string said = message;
  if (!rle.empty() && SDL_SetClipboardText(rle.c_str()) != 0) {
    said = std::string("Ctrl+C: the clipboard refused the copy: ") + SDL_GetError();
  }
  impl_->viewer.copied(said);
}

void SdlDisplay::selection_edited(const SelectionEdit& edit) {
  impl_->viewer.selection_edited(edit);
}

void SdlDisplay::saved(const std::string& path, const std::string& message) {
  static_cast<void>(path);
  impl_->viewer.copied(message);
}

std::vector<std::uint32_t> SdlDisplay::read_pixels() const {
  Impl& d = *impl_;
  std::vector<std::uint32_t> out(static_cast<std::size_t>(d.width) *
                                 static_cast<std::size_t>(d.height));
  SDL_RenderClear(d.renderer.get());
  SDL_RenderCopy(d.renderer.get(), d.texture.get(), nullptr, nullptr);
  if (SDL_RenderReadPixels(d.renderer.get(), nullptr, SDL_PIXELFORMAT_ARGB8888, out.data(),
                           d.width * 4) != 0) {
    sdl_failed("SDL_RenderReadPixels");
  }
  return out;
}

int SdlDisplay::width() const {
  return impl_->width;
}

int SdlDisplay::height() const {
  return impl_->height;
}

const Viewport& SdlDisplay::viewport() const {
  return impl_->viewer.state().viewport;
}

const Controls& SdlDisplay::controls() const {
  return impl_->viewer.state().controls;
}

bool SdlDisplay::help_shown() const {
  return impl_->viewer.state().help;
}

const ViewerState& SdlDisplay::state() const {
  return impl_->viewer.state();
}

std::string SdlDisplay::title() const {
  return SDL_GetWindowTitle(impl_->window.get());
}

void SdlDisplay::save_screenshot(const std::string& path) const {
  impl_->save(path);
}

std::string SdlDisplay::state_line() const {
  return viz::state_line(impl_->viewer.state());
}

std::unique_ptr<Display> make_sdl_display(const DisplayOptions& options) {
  return std::make_unique<SdlDisplay>(options);
}

}  // namespace mpilife::viz
