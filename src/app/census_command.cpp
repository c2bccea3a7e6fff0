#include "mpilife/app/census_command.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "mpilife/census/soup_census.hpp"
#include "mpilife/census/soup_hash.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/clock.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/files.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/io/rle_writer.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/task_farm.hpp"
#include "stop_requests.hpp"

namespace mpilife {

namespace {

// Seconds between two progress lines.
constexpr double kProgressSeconds = 5.0;

// The files of the inputs: a file as given, a folder's regular files recursively, sorted; each
// input's files in the order given. Error 66 for an input that does not exist.
std::vector<std::string> pattern_files(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(input, ec)) {
        if (entry.is_regular_file(ec)) found.push_back(entry.path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(input, ec)) {
      files.push_back(input);
    } else {
      throw Error(ExitCode::no_input, "census: " + input + ": no such file or folder");
    }
  }
  return files;
}

// One task's census as text: "code count" lines, then "?reason" for each unclassified object and
// "!reason" when the pattern did not settle. The manager parses it back (merge).
std::string encode(const SoupResult& r) {
  std::string text;
  for (const auto& [code, count] : r.counts) text += code + ' ' + std::to_string(count) + '\n';
  for (const UnclassifiedObject& u : r.unclassified) text += '?' + u.verdict.reason + '\n';
  if (!r.stabilised) text += '!' + r.reason + '\n';
  return text;
}

// The census so far, on rank 0.
struct Census {
  std::map<std::string, std::int64_t> counts;
  std::map<std::string, std::string> first;          // apgcode -> the first task that produced it
  std::map<std::string, std::int64_t> first_task;    // apgcode -> that task's number
  std::map<std::string, std::int64_t> unclassified;  // reason -> objects
  std::vector<std::pair<std::string, std::string>> unfinished;  // task, why
  std::vector<std::pair<std::string, std::string>> errors;      // task, message
  std::int64_t tasks = 0;
  std::int64_t objects = 0;

  void merge(std::int64_t number, const std::string& task, const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      if (line[0] == '?') {
        ++unclassified[line.substr(1)];
      } else if (line[0] == '!') {
        unfinished.emplace_back(task, line.substr(1));
      } else {
        const std::size_t space = line.rfind(' ');
        const std::string code = line.substr(0, space);
        const std::int64_t n = std::stoll(line.substr(space + 1));
        counts[code] += n;
        objects += n;
        first.emplace(code, task);
        first_task.emplace(code, number);
      }
    }
    ++tasks;
  }

  // The rows, most common first (then by apgcode).
  std::vector<std::pair<std::string, std::int64_t>> rows() const {
    std::vector<std::pair<std::string, std::int64_t>> r(counts.begin(), counts.end());
    std::stable_sort(r.begin(), r.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return r;
  }
};

// `cells` (not none) as RLE: their bounding box, placed where they are unless it starts at 0,0.
void write_cells(std::ostream& out, const std::vector<Cell>& cells, const std::string& rule,
                 const std::vector<std::string>& comments) {
  const CellBounds b = bounds_of(cells);
  const std::int64_t w = b.max_x - b.min_x + 1;
  const std::int64_t h = b.max_y - b.min_y + 1;
  std::vector<std::uint8_t> grid(static_cast<std::size_t>(w * h), 0);
  for (const Cell& c : cells)
    grid[static_cast<std::size_t>((c.y - b.min_y) * w + c.x - b.min_x)] = 1;
  std::optional<RlePlacement> at;
  if (b.min_x != 0 || b.min_y != 0) at = RlePlacement{b.min_x, b.min_y, 0};
  write_rle(out, grid.data(), w, h, rule, comments, at);
}

// Soup `index` of `seed` as RLE: the whole 16x16 square, as Catagolue shows it.
void write_soup(std::ostream& out, const std::string& seed, std::int64_t index,
                const std::string& rule, std::vector<std::string> comments) {
  std::vector<std::uint8_t> grid(static_cast<std::size_t>(kSoupSide * kSoupSide), 0);
  for (const Cell& c : hashsoup(seed, static_cast<std::uint64_t>(index))) {
    grid[static_cast<std::size_t>(c.y * kSoupSide + c.x)] = 1;
  }
  comments.push_back("soup " + soup_name(seed, static_cast<std::uint64_t>(index)) +
                     " (Catagolue C1: SHA-256 of the name, as apgsearch derives it)");
  write_rle(out, grid.data(), kSoupSide, kSoupSide, rule, comments);
}

// `--show-soup SEED INDEX`: the soup as RLE on stdout.
void show_soup(const std::string& seed, std::int64_t index) {
  write_soup(std::cout, seed, index, "B3/S23", {});
  std::cout.flush();
}

// `--samples FOLDER`: FOLDER/APGCODE.rle for each apgcode seen at most --rare times, holding the
// first soup (or pattern file) that gave it, with how to find it again.
void write_samples(const CensusOptions& o, const Census& c, const std::string& rule,
                   const std::vector<std::string>& files) {
  std::error_code ec;
  std::filesystem::create_directories(o.samples_dir, ec);
  if (ec) throw Error(ExitCode::cant_create, "--samples " + o.samples_dir + ": " + ec.message());
  for (const auto& [code, n] : c.counts) {
    if (n > o.rare) continue;
    const std::int64_t task = c.first_task.at(code);
    std::vector<std::string> comments{code + ": seen " + std::to_string(n) +
                                      (n == 1 ? " time" : " times") + " in this census (rule " +
                                      rule + "); first from this " +
                                      (task < o.soups ? "soup" : "pattern file")};
    const std::string path = (std::filesystem::path(o.samples_dir) / (code + ".rle")).string();
    if (task < o.soups) {
      comments.push_back("again: mpilife census --show-soup " + o.seed + " " +
                         std::to_string(task));
      write_file_atomically(
          path, [&](std::ostream& out) { write_soup(out, o.seed, task, rule, comments); });
    } else {
      const std::string& file = files[static_cast<std::size_t>(task - o.soups)];
      comments.push_back("pattern file " + file);
      const std::vector<Cell> cells = read_pattern(file).cells;
      write_file_atomically(path,
                            [&](std::ostream& out) { write_cells(out, cells, rule, comments); });
    }
  }
}

void write_outputs(const CensusOptions& o, const Census& c, const std::string& rule) {
  const auto rows = c.rows();
  std::printf("%-40s %12s  %s\n", "apgcode", "count", "first soup");
  for (const auto& [code, n] : rows) {
    std::printf("%-40s %12lld  %s\n", code.c_str(), static_cast<long long>(n),
                c.first.at(code).c_str());
  }
  for (const auto& [reason, n] : c.unclassified) {
    std::printf("%-40s %12lld  (%s)\n", "unclassified", static_cast<long long>(n), reason.c_str());
  }
  for (const auto& [task, message] : c.errors) {
    std::printf("%-40s %12s  %s: %s\n", "error", "-", task.c_str(), message.c_str());
  }
  std::fflush(stdout);
  if (!o.csv_path.empty()) {
    write_file_atomically(o.csv_path, [&](std::ostream& out) {
      out << "apgcode,count,first_soup\n";
      for (const auto& [code, n] : rows) out << code << ',' << n << ',' << c.first.at(code) << '\n';
    });
  }
  if (!o.json_path.empty()) {
    nlohmann::json j;
    j["rule"] = rule;
    j["seed"] = o.seed;
    j["tasks"] = c.tasks;
    j["objects"] = c.objects;
    j["census"] = nlohmann::json::array();
    for (const auto& [code, n] : rows) {
      j["census"].push_back({{"apgcode", code}, {"count", n}, {"first_soup", c.first.at(code)}});
    }
    j["unclassified"] = c.unclassified;
    j["unfinished"] = nlohmann::json::array();
    for (const auto& [task, why] : c.unfinished) {
      j["unfinished"].push_back({{"task", task}, {"why", why}});
    }
    j["errors"] = nlohmann::json::array();
    for (const auto& [task, m] : c.errors) j["errors"].push_back({{"task", task}, {"message", m}});
    write_file_atomically(o.json_path, [&](std::ostream& out) { out << j.dump(2) << '\n'; });
  }
}

}  // namespace

int census_command(const mpi::Comm& world, const CensusOptions& o) {
  if (o.show_soup) {
    mpi::on_root_agreed(world, [&] { show_soup(o.show_soup->first, o.show_soup->second); });
    return 0;
  }
  const StopRequests stops(0);
  RuleSpec spec;
  std::vector<std::string> files;
  mpi::everywhere_agreed(world, [&] {
    try {
      spec = parse_rule(o.rule);
    } catch (const Error& e) {
      throw Error(ExitCode::usage, std::string("--rule: ") + e.what());
    }
    if ((spec.rule.birth & 1U) != 0) {
      throw Error(ExitCode::usage, "--rule " + o.rule + ": rules with B0 are not censused");
    }
    files = pattern_files(o.inputs);
  });
  const Rule rule = spec.rule;
  const std::int64_t tasks = o.soups + static_cast<std::int64_t>(files.size());
  const auto name_of = [&](std::int64_t task) {
    return task < o.soups ? soup_name(o.seed, static_cast<std::uint64_t>(task))
                          : files[static_cast<std::size_t>(task - o.soups)];
  };
  SoupCensus census(rule);
  const TaskFunction run = [&](std::int64_t task) {
    if (task < o.soups) {
      return encode(census.run(hashsoup(o.seed, static_cast<std::uint64_t>(task))));
    }
    const Pattern p = read_pattern(files[static_cast<std::size_t>(task - o.soups)]);
    return encode(census.run(p.cells));
  };
  Census result;
  const bool show_progress = world.rank() == 0 && !o.quiet;
  TaskFarmOptions farm;
  farm.chunk_size = o.chunk;
  farm.stop_requested = [&] { return stops.local() != StopCode::none; };
  farm.on_error = [&](std::int64_t task, const std::string& message) {
    result.errors.emplace_back(name_of(task), message);
    ++result.tasks;
  };
  const double t0 = now_seconds();
  double next_progress = t0 + kProgressSeconds;
  const TaskFarmReport report = run_task_farm(
      world, tasks, run,
      [&](std::int64_t task, const std::string& text) {
        result.merge(task, name_of(task), text);
        const double now = now_seconds();
        if (show_progress && now >= next_progress) {
          next_progress = now + kProgressSeconds;
          std::fprintf(stderr, "mpilife: census: %lld of %lld tasks, %.0f tasks/s, %lld objects\n",
                       static_cast<long long>(result.tasks), static_cast<long long>(tasks),
                       static_cast<double>(result.tasks) / (now - t0),
                       static_cast<long long>(result.objects));
        }
      },
      farm);
  const double seconds = now_seconds() - t0;
  const auto code = static_cast<StopCode>(
      mpi::allreduce(static_cast<std::int64_t>(stops.local()), mpi::Op::max, world));
  mpi::on_root_agreed(world, [&] {
    write_outputs(o, result, rule.to_string());
    if (!o.samples_dir.empty()) write_samples(o, result, rule.to_string(), files);
    if (o.quiet) return;
    std::string busy;
    for (std::size_t r = 0; r < report.ranks.size(); ++r) {
      if (report.ranks[r].tasks == 0) continue;
      char part[96];
      std::snprintf(part, sizeof part, "%s%zu: %lld in %.2f s", busy.empty() ? "" : ", ", r,
                    static_cast<long long>(report.ranks[r].tasks), report.ranks[r].busy_seconds);
      busy += part;
    }
    std::fprintf(stderr,
                 "mpilife: census of %lld of %lld tasks (%lld objects, %zu apgcodes) on %d "
                 "ranks in %.2f s = %.0f tasks/s; rank 0 %s; tasks and busy time per rank: %s%s\n",
                 static_cast<long long>(report.completed), static_cast<long long>(tasks),
                 static_cast<long long>(result.objects), result.counts.size(), world.size(),
                 seconds, seconds > 0 ? static_cast<double>(report.completed) / seconds : 0.0,
                 report.manager_worked ? "managed and worked" : "managed", busy.c_str(),
                 report.stopped ? " (stopped early: the census of the tasks finished so far)" : "");
  });
  if (report.stopped && code != StopCode::none) {
    return static_cast<int>(code >= StopCode::sigint ? ExitCode::interrupted
                                                     : ExitCode::time_limit);
  }
  return report.failed_tasks.empty() ? 0 : static_cast<int>(ExitCode::data);
}

}  // namespace mpilife
