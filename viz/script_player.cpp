#include "script_player.hpp"

#include "mpilife/core/error.hpp"

namespace mpilife::viz {

namespace {

void press(ViewerController& viewer, Key key) {
  viewer.key(KeyPress{key, false});
}

void mouse(ViewerController& viewer, MouseEvent::Kind kind, std::int64_t x, std::int64_t y) {
  MouseEvent e;
  e.kind = kind;
  e.x = static_cast<int>(x);
  e.y = static_cast<int>(y);
  viewer.mouse(e);
}

}  // namespace

ScriptPlayer::ScriptPlayer(const std::string& script, const KeyNamer& key_named)
    : commands_(parse_script(script)) {
  for (const ScriptCommand& c : commands_) {
    Key key = Key::none;
    if (c.op == ScriptCommand::Op::key) {
      const std::optional<Key> named = key_named(c.text);
      if (!named) {
        throw Error(ExitCode::usage, "--view-script: unknown key '" + c.text +
                                         "' (use SDL key names: Return, Space, Tab, ], f, Up)");
      }
      key = *named;
    }
    keys_.push_back(key);
  }
}

ScriptStep ScriptPlayer::step(double now, ViewerController& viewer) {
  ScriptStep out;
  if (next_ >= commands_.size()) return out;
  out.pending = true;
  if (wait_polls_ > 0) {
    --wait_polls_;
    return out;
  }
  if (now < wait_until_) return out;
  const ViewerState& state = viewer.state();
  if (wait_generation_ >= 0 && (!state.have_frame || state.frame.generation < wait_generation_)) {
    return out;
  }
  wait_generation_ = -1;
  const std::size_t i = next_++;
  run(commands_[i], keys_[i], now, viewer, out);
  return out;
}

void ScriptPlayer::run(const ScriptCommand& c, Key key, double now, ViewerController& viewer,
                       ScriptStep& out) {
  using Op = ScriptCommand::Op;
  using Kind = MouseEvent::Kind;
  const bool running = viewer.state().controls.running;
  const auto arg = [&](std::size_t i) { return c.args[i]; };
  out.fed_input = true;
  switch (c.op) {
    case Op::key:
      press(viewer, key);
      break;
    case Op::run:
    case Op::stop:
      out.fed_input = running != (c.op == Op::run);
      if (out.fed_input) press(viewer, Key::enter);
      break;
    case Op::step:
      // Space stops a run first; the next command waits for the generations asked for.
      wait_generation_ = viewer.state().frame.generation + arg(0) - (running ? 1 : 0);
      out.fed_input = arg(0) > 0;
      for (std::int64_t n = 0; n < arg(0); ++n) press(viewer, Key::space);
      break;
    case Op::wait:
    case Op::until:
    case Op::sleep:
      out.fed_input = false;
      if (c.op == Op::wait) wait_polls_ = arg(0);
      if (c.op == Op::until) wait_generation_ = arg(0);
      if (c.op == Op::sleep) wait_until_ = now + static_cast<double>(arg(0)) / 1000.0;
      break;
    case Op::click:
      mouse(viewer, Kind::press, arg(0), arg(1));
      mouse(viewer, Kind::release, arg(0), arg(1));
      break;
    case Op::move:
      mouse(viewer, Kind::move, arg(0), arg(1));
      break;
    case Op::wheel: {
      MouseEvent e;
      e.kind = Kind::wheel;
      e.x = static_cast<int>(arg(0));
      e.y = static_cast<int>(arg(1));
      e.notches = static_cast<int>(arg(2));
      viewer.mouse(e);
      break;
    }
    case Op::drag:
      mouse(viewer, Kind::press, arg(0), arg(1));
      mouse(viewer, Kind::move, arg(2), arg(3));
      mouse(viewer, Kind::release, arg(2), arg(3));
      break;
    case Op::seek:
      // A minus sign presses minus (slower), as the key-code arithmetic of the SDL version did.
      for (const char d : std::to_string(arg(0))) {
        press(viewer, d == '-' ? Key::minus : digit_key(d - '0'));
      }
      press(viewer, Key::g);
      break;
    case Op::screenshot:
    case Op::print:
      out.fed_input = false;
      if (c.op == Op::screenshot) out.screenshot = c.text;
      out.print = c.op == Op::print;
      break;
    case Op::quit:
      viewer.quit();
      break;
  }
}

}  // namespace mpilife::viz
