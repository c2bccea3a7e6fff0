#include "sdl_display.hpp"

#include <SDL.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "render.hpp"
#include "script.hpp"
#include "viewport.hpp"

#ifdef MPILIFE_HAVE_SDL_IMAGE
#include <SDL_image.h>

#include "mpilife/core/error.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"
#endif

namespace mpilife::viz {

namespace {

// Pixels one arrow key press pans: an eighth of the window.
constexpr int kPanFraction = 8;
// Mouse travel (pixels) that turns a press into a drag instead of a click.
constexpr int kDragThreshold = 3;
// Height of the replay timeline at the bottom of the window, and of its click target.
constexpr int kTimelineHeight = 8;
constexpr int kTimelineTarget = 16;
// Speed a replay starts at: 15 frames per second.
constexpr int kReplaySpeed = -2;
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
  VideoSubsystem() {
    // Ctrl-C reaches mpilife's own handler (exit 130 after flushing), not an SDL_QUIT event.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
      throw Error(ExitCode::usage,
                  std::string("viewer: cannot open a window (") + SDL_GetError() +
                      "); set DISPLAY, or SDL_VIDEODRIVER=dummy to run without a screen");
    }
#ifdef MPILIFE_HAVE_SDL_IMAGE
    IMG_Init(IMG_INIT_PNG);
#endif
  }
  ~VideoSubsystem() {
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

// 1234567 -> "1,234,567".
std::string grouped(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return v < 0 ? "-" + digits : digits;
}

std::string rate_text(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, r >= 100 ? "%.0f" : "%.1f", r);
  return buf;
}

std::string speed_text(int speed) {
  if (speed > 0) return "step 2^" + std::to_string(speed);
  if (speed == 0) return "step 1";
  return "step 1, " + rate_text(1.0 / frame_interval(speed)) + "/s max";
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::vector<std::string> key_help(bool replay) {
  std::vector<std::string> lines;
  if (replay) {
    lines = {"Enter        play / pause",
             "Space  .     next frame",
             "Bksp   ,     previous frame",
             "Tab          forward one step of the step size",
             "Home  End    first / last frame",
             "digits g     jump to that frame (or click the timeline)"};
  } else {
    lines = {"Enter        run / stop", "Space        one generation (stops a run)",
             "Tab          one step of the step size (stops a run)",
             "click        toggle a cell (stopped, zoomed in)"};
  }
  const std::vector<std::string> common = {
      "+  -         faster / slower: step 2^n, then slower frames",
      "]  [  wheel  zoom in / out about the cursor",
      "arrows drag  pan",
      "f            fit the grid in the window",
      "s            screenshot (PNG or BMP) in the current folder",
      "h            show / hide this help",
      "q  Esc       quit"};
  lines.insert(lines.end(), common.begin(), common.end());
  return lines;
}

struct SdlDisplay::Impl {
  DisplayOptions options;
  VideoSubsystem video;
  WindowPtr window;
  RendererPtr renderer;
  TexturePtr texture;
  int width = 0;
  int height = 0;
  Canvas canvas{1, 1};
  Palette palette;

  ViewSource source;
  bool replay = false;
  std::optional<Viewport> viewport;
  Frame frame;
  bool have_frame = false;
  Controls controls;
  bool help = false;
  bool dirty = false;
  std::string digits;
  double title_at = 0.0;

  int mouse_x = -1;
  int mouse_y = -1;
  bool pressed = false;
  int press_x = 0;
  int press_y = 0;
  int last_x = 0;
  int last_y = 0;
  bool dragging = false;

  std::vector<ScriptCommand> script;
  std::size_t next_command = 0;
  std::int64_t wait_polls = 0;
  double wait_until = 0.0;
  std::int64_t wait_generation = -1;

  explicit Impl(const DisplayOptions& o) : options(o) {
    script = parse_script(options.script);
    for (const ScriptCommand& c : script) {
      if (c.op == ScriptCommand::Op::key && SDL_GetKeyFromName(c.text.c_str()) == SDLK_UNKNOWN) {
        throw Error(ExitCode::usage, "--view-script: unknown key '" + c.text +
                                         "' (use SDL key names: Return, Space, Tab, ], f, Up)");
      }
    }
    window.reset(SDL_CreateWindow("mpilife", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                  std::max(64, options.window_width),
                                  std::max(64, options.window_height), SDL_WINDOW_RESIZABLE));
    if (!window) sdl_failed("SDL_CreateWindow");
    renderer.reset(SDL_CreateRenderer(window.get(), -1, 0));
    if (!renderer) sdl_failed("SDL_CreateRenderer");
    resize();
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
    if (viewport) viewport->resize(width, height);
    dirty = true;
  }

  std::int64_t last_index() const { return std::max<std::int64_t>(0, source.frames - 1); }

  std::pair<int, int> zoom_point() const {
    if (mouse_x >= 0 && mouse_y >= 0 && mouse_x < width && mouse_y < height) {
      return {mouse_x, mouse_y};
    }
    return {width / 2, height / 2};
  }

  void zoom(int steps, int px, int py) {
    viewport->zoom_by(steps, px, py);
    dirty = true;
  }

  void pan(std::int64_t dx, std::int64_t dy) {
    viewport->pan(dx, dy);
    dirty = true;
  }

  // Space / Tab: a step when stopped; when running they stop, as in Golly.
  void step(std::int64_t n) {
    if (controls.running) {
      controls.running = false;
    } else {
      controls.steps += n;
    }
    dirty = true;
  }

  void seek_typed() {
    if (digits.empty()) return;
    controls.seek = std::min<std::int64_t>(std::stoll(digits), last_index());
    controls.steps = 0;
    controls.running = false;
    digits.clear();
    dirty = true;
  }

  void on_key(const SDL_KeyboardEvent& k) {
    const SDL_Keycode key = k.keysym.sym;
    if (replay && key >= SDLK_0 && key <= SDLK_9) {
      if (digits.size() < 18) digits.push_back(static_cast<char>('0' + (key - SDLK_0)));
      dirty = true;
      return;
    }
    switch (key) {
      case SDLK_RETURN:
      case SDLK_KP_ENTER:
        if (k.repeat) break;
        if (!digits.empty()) {
          seek_typed();
        } else {
          controls.running = !controls.running;
        }
        dirty = true;
        break;
      case SDLK_g:
        seek_typed();
        break;
      case SDLK_SPACE:
      case SDLK_PERIOD:
        step(1);
        break;
      case SDLK_TAB:
        step(step_generations(controls.speed));
        break;
      case SDLK_BACKSPACE:
      case SDLK_COMMA:
        if (replay) {
          controls.running = false;
          controls.steps -= 1;
        }
        dirty = true;
        break;
      case SDLK_HOME:
      case SDLK_END:
        if (replay) {
          controls.seek = key == SDLK_HOME ? 0 : last_index();
          controls.running = false;
          dirty = true;
        }
        break;
      case SDLK_PLUS:
      case SDLK_EQUALS:
      case SDLK_KP_PLUS:
        controls.speed = std::min(controls.speed + 1, kMaxSpeed);
        dirty = true;
        break;
      case SDLK_MINUS:
      case SDLK_UNDERSCORE:
      case SDLK_KP_MINUS:
        controls.speed = std::max(controls.speed - 1, kMinSpeed);
        dirty = true;
        break;
      case SDLK_RIGHTBRACKET: {
        const auto [x, y] = zoom_point();
        zoom(1, x, y);
        break;
      }
      case SDLK_LEFTBRACKET: {
        const auto [x, y] = zoom_point();
        zoom(-1, x, y);
        break;
      }
      case SDLK_LEFT:
        pan(width / kPanFraction, 0);
        break;
      case SDLK_RIGHT:
        pan(-width / kPanFraction, 0);
        break;
      case SDLK_UP:
        pan(0, height / kPanFraction);
        break;
      case SDLK_DOWN:
        pan(0, -height / kPanFraction);
        break;
      case SDLK_f:
        viewport->fit();
        dirty = true;
        break;
      case SDLK_h:
        help = !help;
        dirty = true;
        break;
      case SDLK_s:
        if (!k.repeat) screenshot_default();
        break;
      case SDLK_q:
      case SDLK_ESCAPE:
        controls.quit = true;
        break;
      default:
        break;
    }
  }

  void on_click(int x, int y) {
    if (replay && source.frames > 0 && y >= height - kTimelineTarget) {
      controls.seek = std::clamp<std::int64_t>(
          static_cast<std::int64_t>(x) * source.frames / std::max(1, width), 0, last_index());
      controls.running = false;
      dirty = true;
      return;
    }
    if (replay || controls.running || viewport->zoom() < 0) return;
    if (const auto cell = viewport->cell_at(x, y)) controls.toggles.push_back(*cell);
  }

  void on_event(const SDL_Event& e) {
    switch (e.type) {
      case SDL_QUIT:
        controls.quit = true;
        break;
      case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) resize();
        if (e.window.event == SDL_WINDOWEVENT_EXPOSED) dirty = true;
        if (e.window.event == SDL_WINDOWEVENT_CLOSE) controls.quit = true;
        if (e.window.event == SDL_WINDOWEVENT_LEAVE) mouse_x = mouse_y = -1;
        break;
      case SDL_KEYDOWN:
        on_key(e.key);
        break;
      case SDL_MOUSEMOTION:
        mouse_x = e.motion.x;
        mouse_y = e.motion.y;
        if (pressed) {
          if (!dragging && (std::abs(mouse_x - press_x) > kDragThreshold ||
                            std::abs(mouse_y - press_y) > kDragThreshold)) {
            dragging = true;
          }
          if (dragging) {
            pan(mouse_x - last_x, mouse_y - last_y);
            last_x = mouse_x;
            last_y = mouse_y;
          }
        }
        break;
      case SDL_MOUSEBUTTONDOWN:
        pressed = true;
        dragging = false;
        press_x = last_x = mouse_x = e.button.x;
        press_y = last_y = mouse_y = e.button.y;
        break;
      case SDL_MOUSEBUTTONUP:
        if (pressed && !dragging && e.button.button == SDL_BUTTON_LEFT) {
          on_click(e.button.x, e.button.y);
        }
        pressed = false;
        dragging = false;
        break;
      case SDL_MOUSEWHEEL: {
        int notches = e.wheel.y;
        if (e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED) notches = -notches;
#if SDL_VERSION_ATLEAST(2, 26, 0)
        const int x = e.wheel.mouseX;
        const int y = e.wheel.mouseY;
#else
        int x = 0;
        int y = 0;
        SDL_GetMouseState(&x, &y);
#endif
        if (notches != 0) zoom(notches, x, y);
        break;
      }
      default:
        break;
    }
  }

  void push_key(SDL_Keycode key) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.windowID = SDL_GetWindowID(window.get());
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
  }

  void push_button(Uint32 type, int x, int y) {
    SDL_Event e{};
    e.type = type;
    e.button.windowID = SDL_GetWindowID(window.get());
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
  }

  void push_motion(int x, int y, int dx, int dy) {
    SDL_Event e{};
    e.type = SDL_MOUSEMOTION;
    e.motion.windowID = SDL_GetWindowID(window.get());
    e.motion.state = SDL_BUTTON_LMASK;
    e.motion.x = x;
    e.motion.y = y;
    e.motion.xrel = dx;
    e.motion.yrel = dy;
    SDL_PushEvent(&e);
  }

  // Runs the next script command once its predecessor's wait is over; true while commands remain.
  bool run_script() {
    if (next_command >= script.size()) return false;
    if (wait_polls > 0) {
      --wait_polls;
      return true;
    }
    if (seconds_now() < wait_until) return true;
    if (wait_generation >= 0 && (!have_frame || frame.generation < wait_generation)) {
      return true;
    }
    wait_generation = -1;
    const ScriptCommand& c = script[next_command++];
    const auto arg = [&](std::size_t i) { return c.args[i]; };
    const auto pixel = [&](std::size_t i) { return static_cast<int>(c.args[i]); };
    switch (c.op) {
      case ScriptCommand::Op::key:
        push_key(SDL_GetKeyFromName(c.text.c_str()));
        break;
      case ScriptCommand::Op::run:
        if (!controls.running) push_key(SDLK_RETURN);
        break;
      case ScriptCommand::Op::stop:
        if (controls.running) push_key(SDLK_RETURN);
        break;
      case ScriptCommand::Op::step:
        // Space stops a run first; the next command waits for the generations asked for.
        wait_generation = frame.generation + arg(0) - (controls.running ? 1 : 0);
        for (std::int64_t i = 0; i < arg(0); ++i) push_key(SDLK_SPACE);
        break;
      case ScriptCommand::Op::wait:
        wait_polls = arg(0);
        break;
      case ScriptCommand::Op::until:
        wait_generation = arg(0);
        break;
      case ScriptCommand::Op::sleep:
        wait_until = seconds_now() + static_cast<double>(arg(0)) / 1000.0;
        break;
      case ScriptCommand::Op::click:
        push_button(SDL_MOUSEBUTTONDOWN, pixel(0), pixel(1));
        push_button(SDL_MOUSEBUTTONUP, pixel(0), pixel(1));
        break;
      case ScriptCommand::Op::wheel: {
        SDL_Event e{};
        e.type = SDL_MOUSEWHEEL;
        e.wheel.windowID = SDL_GetWindowID(window.get());
        e.wheel.y = pixel(2);
        e.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
#if SDL_VERSION_ATLEAST(2, 26, 0)
        e.wheel.mouseX = pixel(0);
        e.wheel.mouseY = pixel(1);
#endif
        SDL_PushEvent(&e);
        break;
      }
      case ScriptCommand::Op::drag:
        push_button(SDL_MOUSEBUTTONDOWN, pixel(0), pixel(1));
        push_motion(pixel(2), pixel(3), pixel(2) - pixel(0), pixel(3) - pixel(1));
        push_button(SDL_MOUSEBUTTONUP, pixel(2), pixel(3));
        break;
      case ScriptCommand::Op::seek:
        for (const char d : std::to_string(arg(0))) push_key(SDLK_0 + (d - '0'));
        push_key(SDLK_g);
        break;
      case ScriptCommand::Op::screenshot:
        save(c.text);
        break;
      case ScriptCommand::Op::print:
        std::printf("%s\n", state_line().c_str());
        std::fflush(stdout);
        break;
      case ScriptCommand::Op::quit: {
        SDL_Event e{};
        e.type = SDL_QUIT;
        SDL_PushEvent(&e);
        break;
      }
    }
    return true;
  }

  void screenshot_default() {
    const std::string ext =
#ifdef MPILIFE_HAVE_SDL_IMAGE
        ".png";
#else
        ".bmp";
#endif
    const std::string stem = "mpilife-" + std::to_string(frame.generation);
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

  std::string state_line() const {
    const ViewRequest r = viewport->request();
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "view: generation=%" PRId64 " population=%" PRId64
                  " running=%d speed=%d zoom=%s region=%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64
                  " scale=%" PRId64 " frame=%" PRId64 " help=%d",
                  frame.generation, frame.population, controls.running ? 1 : 0, controls.speed,
                  viewport->zoom_text().c_str(), r.region.x0, r.region.y0, r.region.w, r.region.h,
                  r.scale, frame.index, help ? 1 : 0);
    return buf;
  }

  std::vector<std::string> status_lines() const {
    std::string first;
    if (replay) {
      first = "frame " + grouped(frame.index + 1) + "/" + grouped(source.frames) + "  gen " +
              grouped(frame.generation) + "  pop " + grouped(frame.population) + "  " +
              (controls.running ? "playing" : "paused");
      if (!digits.empty()) first += "  go to frame: " + digits + "_";
    } else {
      first = "gen " + grouped(frame.generation) + "  pop " + grouped(frame.population) + "  " +
              (controls.running ? "running " + rate_text(frame.generations_per_second) + " gen/s"
                                : std::string("stopped"));
    }
    first += "  " + rate_text(frame.frames_per_second) + " fps";
    std::string second = grouped(source.width) + "x" + grouped(source.height) + " " + source.rule;
    if (!replay) {
      second += "  " + std::to_string(source.ranks) + (source.ranks == 1 ? " rank" : " ranks") +
                " (" + std::to_string(source.proc_cols) + "x" + std::to_string(source.proc_rows) +
                ")";
    } else if (source.frame_scale > 1) {
      second += "  recorded 1 cell per " + std::to_string(source.frame_scale) + "x" +
                std::to_string(source.frame_scale);
    }
    second += "  zoom " + viewport->zoom_text() + "  " + speed_text(controls.speed) + "  h: help";
    return {first, second};
  }

  void draw() {
    draw_cells(canvas, frame, *viewport, palette);
    const std::vector<std::string> lines = status_lines();
    int w = 0;
    for (const std::string& l : lines) w = std::max(w, static_cast<int>(l.size()) * 6);
    canvas.fill(4, 4, w + 12, static_cast<int>(lines.size()) * 15 + 8, palette.panel);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      canvas.text(10, 8 + static_cast<int>(i) * 15, lines[i], palette.text);
    }
    if (replay && source.frames > 0) {
      canvas.fill(0, height - kTimelineHeight, width, kTimelineHeight, palette.panel);
      const std::int64_t done = (frame.index + 1) * width / source.frames;
      canvas.fill(0, height - kTimelineHeight, done, kTimelineHeight, palette.accent);
    }
    if (help) {
      const std::vector<std::string> keys = key_help(replay);
      int hw = 0;
      for (const std::string& l : keys) hw = std::max(hw, static_cast<int>(l.size()) * 6);
      const int hh = static_cast<int>(keys.size()) * 15;
      const int x = (width - hw) / 2;
      const int y = (height - hh) / 2;
      canvas.fill(x - 12, y - 12, hw + 24, hh + 24, 0xE0000000);
      for (std::size_t i = 0; i < keys.size(); ++i) {
        canvas.text(x, y + static_cast<int>(i) * 15, keys[i], palette.text);
      }
    }
    SDL_UpdateTexture(texture.get(), nullptr, canvas.pixels().data(), canvas.width() * 4);
    SDL_RenderClear(renderer.get());
    SDL_RenderCopy(renderer.get(), texture.get(), nullptr, nullptr);
    SDL_RenderPresent(renderer.get());
    dirty = false;
  }

  void update_title(bool force) {
    const double now = seconds_now();
    if (!force && now - title_at < kTitleSeconds) return;
    title_at = now;
    std::string title = "mpilife: " + source.name + " - ";
    if (replay) title += "frame " + grouped(frame.index + 1) + "/" + grouped(source.frames) + ", ";
    title += "gen " + grouped(frame.generation) + ", pop " + grouped(frame.population);
    if (!replay) {
      title += ", " + rate_text(frame.generations_per_second) + " gen/s, " +
               std::to_string(source.ranks) + (source.ranks == 1 ? " rank" : " ranks");
    }
    SDL_SetWindowTitle(window.get(), title.c_str());
  }
};

SdlDisplay::SdlDisplay(const DisplayOptions& options) : impl_(std::make_unique<Impl>(options)) {}

SdlDisplay::~SdlDisplay() = default;

void SdlDisplay::open(const ViewSource& source) {
  Impl& d = *impl_;
  d.source = source;
  d.replay = source.frames > 0;
  d.viewport.emplace(source.width, source.height, d.width, d.height);
  d.controls = Controls{};
  d.controls.running = true;
  d.controls.speed = d.replay ? kReplaySpeed : 0;
  d.frame = Frame{};
  d.have_frame = false;
  d.update_title(true);
}

Controls SdlDisplay::poll(double wait_seconds) {
  Impl& d = *impl_;
  d.controls.steps = 0;
  d.controls.seek = -1;
  d.controls.toggles.clear();
  if (d.run_script()) wait_seconds = std::min(wait_seconds, kScriptTick);
  SDL_Event e;
  const auto ms = static_cast<int>(std::ceil(std::max(0.0, wait_seconds) * 1000.0));
  if (ms > 0 && SDL_WaitEventTimeout(&e, ms)) d.on_event(e);
  while (SDL_PollEvent(&e)) d.on_event(e);
  d.controls.view = d.viewport->request();
  if (d.dirty && d.have_frame && d.controls.view == d.frame.view) d.draw();
  return d.controls;
}

void SdlDisplay::show(const Frame& frame) {
  Impl& d = *impl_;
  d.frame = frame;
  d.have_frame = true;
  if (!frame.running) d.controls.running = false;
  d.draw();
  d.update_title(false);
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
  return *impl_->viewport;
}

const Controls& SdlDisplay::controls() const {
  return impl_->controls;
}

bool SdlDisplay::help_shown() const {
  return impl_->help;
}

void SdlDisplay::save_screenshot(const std::string& path) const {
  impl_->save(path);
}

std::string SdlDisplay::state_line() const {
  return impl_->state_line();
}

std::unique_ptr<Display> make_sdl_display(const DisplayOptions& options) {
  return std::make_unique<SdlDisplay>(options);
}

}  // namespace mpilife::viz
