#include "script.hpp"

#include <sstream>

#include "mpilife/core/error.hpp"

namespace mpilife::viz {

namespace {

struct Syntax {
  const char* name;
  ScriptCommand::Op op;
  int min_numbers;
  int max_numbers;
  bool takes_text;
};

constexpr Syntax kSyntax[] = {
    {"key", ScriptCommand::Op::key, 0, 0, true},
    {"run", ScriptCommand::Op::run, 0, 0, false},
    {"stop", ScriptCommand::Op::stop, 0, 0, false},
    {"step", ScriptCommand::Op::step, 0, 1, false},
    {"wait", ScriptCommand::Op::wait, 1, 1, false},
    {"until", ScriptCommand::Op::until, 1, 1, false},
    {"sleep", ScriptCommand::Op::sleep, 1, 1, false},
    {"click", ScriptCommand::Op::click, 2, 2, false},
    {"move", ScriptCommand::Op::move, 2, 2, false},
    {"wheel", ScriptCommand::Op::wheel, 3, 3, false},
    {"drag", ScriptCommand::Op::drag, 4, 4, false},
    {"seek", ScriptCommand::Op::seek, 1, 1, false},
    {"screenshot", ScriptCommand::Op::screenshot, 0, 0, true},
    {"print", ScriptCommand::Op::print, 0, 0, false},
    {"quit", ScriptCommand::Op::quit, 0, 0, false},
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

[[noreturn]] void bad(const std::string& command, const std::string& why) {
  throw Error(ExitCode::usage, "--view-script: '" + command + "': " + why);
}

// "12", "-3", "1.5" (sleep seconds) or "10,20" lists.
std::vector<std::int64_t> numbers(const std::string& command, const std::string& text,
                                  bool seconds) {
  std::vector<std::int64_t> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    item = trim(item);
    std::size_t used = 0;
    try {
      if (seconds) {
        out.push_back(static_cast<std::int64_t>(std::stod(item, &used) * 1000.0));
      } else {
        out.push_back(std::stoll(item, &used));
      }
    } catch (const std::exception&) {
      used = 0;
    }
    if (item.empty() || used != item.size()) bad(command, "expected a number, got '" + item + "'");
  }
  return out;
}

}  // namespace

std::vector<ScriptCommand> parse_script(const std::string& text) {
  std::vector<ScriptCommand> out;
  std::string normalised = text;
  for (char& c : normalised) {
    if (c == '\n') c = ';';
  }
  std::istringstream in(normalised);
  std::string part;
  while (std::getline(in, part, ';')) {
    const auto hash = part.find('#');
    if (hash != std::string::npos && hash > 0 && part[hash - 1] == ' ') part.resize(hash);
    if (hash == 0) part.clear();
    const std::string command = trim(part);
    if (command.empty()) continue;
    const auto space = command.find_first_of(" \t");
    const std::string name = command.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : trim(command.substr(space));
    const Syntax* syntax = nullptr;
    for (const Syntax& s : kSyntax) {
      if (name == s.name) syntax = &s;
    }
    if (syntax == nullptr) bad(command, "unknown command (see 'mpilife run --help')");
    ScriptCommand c;
    c.op = syntax->op;
    if (syntax->takes_text) {
      if (rest.empty()) bad(command, "needs an argument");
      c.text = rest;
    } else if (!rest.empty()) {
      c.args = numbers(command, rest, c.op == ScriptCommand::Op::sleep);
    }
    const auto n = static_cast<int>(c.args.size());
    if (n < syntax->min_numbers || n > syntax->max_numbers) {
      bad(command, "expected " + std::to_string(syntax->min_numbers) +
                       (syntax->max_numbers > syntax->min_numbers ? " or more" : "") + " numbers");
    }
    if (c.op == ScriptCommand::Op::step && c.args.empty()) c.args.push_back(1);
    out.push_back(c);
  }
  return out;
}

std::string script_help() {
  return "Commands, separated by ';' or newlines: key NAME (SDL key name: Return, Space, Tab, ], "
         "[, f, h, s, Up...; Ctrl+R for a chord), run, stop, step [N], wait FRAMES, until "
         "GENERATION, sleep SECONDS, "
         "click X,Y, move X,Y (the pointer), wheel X,Y,NOTCHES, drag X1,Y1,X2,Y2, seek FRAME "
         "(numbered "
         "from 1, as shown), screenshot FILE.png|bmp, print, quit. The window stays open when the "
         "script ends without quit.";
}

}  // namespace mpilife::viz
