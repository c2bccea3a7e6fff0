#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/pattern.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/serial.hpp"

using namespace mpilife;

namespace {

// The dead margin around the pattern when a fact names no grid (patterns/README.md).
constexpr std::int64_t kDefaultMargin = 32;

// One "@fact" line of a library pattern, parsed (patterns/README.md has the grammar).
struct Fact {
  enum class Kind { population, dies, returns, period } kind = Kind::population;
  std::int64_t count = 0;       // population N
  std::int64_t generation = 0;  // "at G", "dies G", "returns G", "from G"
  std::int64_t period = 0;      // "period P"
  std::int64_t dx = 0;          // "displacement DX DY"
  std::int64_t dy = 0;
  Topology topology = Topology::plane;
  std::int64_t width = 0;  // 0 = the default grid
  std::int64_t height = 0;
  std::string text;
};

bool read_number(std::istringstream& in, std::int64_t& v) {
  return static_cast<bool>(in >> v);
}

// Parses the text after "@fact"; nullopt for anything that does not follow the grammar.
std::optional<Fact> parse_fact(const std::string& text) {
  std::istringstream in(text);
  Fact f;
  f.text = text;
  std::string word;
  if (!(in >> word)) return std::nullopt;
  if (word == "population") {
    f.kind = Fact::Kind::population;
    std::string at;
    if (!read_number(in, f.count) || !(in >> at) || at != "at" || !read_number(in, f.generation)) {
      return std::nullopt;
    }
  } else if (word == "dies") {
    f.kind = Fact::Kind::dies;
    if (!read_number(in, f.generation) || f.generation < 1) return std::nullopt;
  } else if (word == "returns") {
    f.kind = Fact::Kind::returns;
    if (!read_number(in, f.generation) || f.generation < 1) return std::nullopt;
  } else if (word == "period") {
    f.kind = Fact::Kind::period;
    if (!read_number(in, f.period) || f.period < 1) return std::nullopt;
  } else {
    return std::nullopt;
  }
  while (in >> word) {
    if (word == "displacement" && f.kind == Fact::Kind::period) {
      if (!read_number(in, f.dx) || !read_number(in, f.dy)) return std::nullopt;
    } else if (word == "from" && f.kind == Fact::Kind::period) {
      if (!read_number(in, f.generation) || f.generation < 0) return std::nullopt;
    } else if (word == "on") {
      std::string topology;
      std::string size;
      if (!(in >> topology >> size)) return std::nullopt;
      if (topology != "torus" && topology != "plane") return std::nullopt;
      f.topology = topology == "torus" ? Topology::torus : Topology::plane;
      const std::size_t x = size.find('x');
      if (x == std::string::npos) return std::nullopt;
      try {
        std::size_t used = 0;
        f.width = std::stoll(size.substr(0, x), &used);
        if (used != x) return std::nullopt;
        f.height = std::stoll(size.substr(x + 1), &used);
        if (used != size.size() - x - 1) return std::nullopt;
      } catch (const std::exception&) {
        return std::nullopt;
      }
      if (f.width < 1 || f.height < 1) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  return f;
}

// The pattern on the fact's grid, placed in the middle.
CellArray start_grid(const Pattern& p, const Fact& f) {
  const std::int64_t w = f.width > 0 ? f.width : p.width + 2 * kDefaultMargin;
  const std::int64_t h = f.height > 0 ? f.height : p.height + 2 * kDefaultMargin;
  REQUIRE(p.width <= w);
  REQUIRE(p.height <= h);
  CellArray grid = CellArray::Zero(h, w);
  const std::int64_t x0 = (w - p.width) / 2;
  const std::int64_t y0 = (h - p.height) / 2;
  for (const Cell& c : p.cells) grid(y0 + c.y, x0 + c.x) = 1;
  return grid;
}

std::int64_t population(const CellArray& cells) {
  return cells.cast<std::int64_t>().sum();
}

// `cells` moved by (dx, dy): wrapped on a torus, cells leaving a plane are lost.
CellArray moved(const CellArray& cells, std::int64_t dx, std::int64_t dy, Topology topology) {
  const std::int64_t w = cells.cols();
  const std::int64_t h = cells.rows();
  CellArray out = CellArray::Zero(h, w);
  for (std::int64_t y = 0; y < h; ++y) {
    for (std::int64_t x = 0; x < w; ++x) {
      if (!cells(y, x)) continue;
      std::int64_t tx = x + dx;
      std::int64_t ty = y + dy;
      if (topology == Topology::torus) {
        tx = (tx % w + w) % w;
        ty = (ty % h + h) % h;
      } else if (tx < 0 || ty < 0 || tx >= w || ty >= h) {
        continue;
      }
      out(ty, tx) = 1;
    }
  }
  return out;
}

// The displacement that turns `from` into `to`, if `to` is a translate of `from`.
std::optional<std::pair<std::int64_t, std::int64_t>> translation(const CellArray& from,
                                                                 const CellArray& to,
                                                                 Topology topology) {
  const std::int64_t n = population(from);
  if (n != population(to)) return std::nullopt;
  if (n == 0) return std::make_pair(std::int64_t{0}, std::int64_t{0});
  std::int64_t fx = -1;
  std::int64_t fy = -1;
  for (std::int64_t y = 0; y < from.rows() && fy < 0; ++y) {
    for (std::int64_t x = 0; x < from.cols(); ++x) {
      if (from(y, x)) {
        fx = x;
        fy = y;
        break;
      }
    }
  }
  for (std::int64_t y = 0; y < to.rows(); ++y) {
    for (std::int64_t x = 0; x < to.cols(); ++x) {
      if (!to(y, x)) continue;
      const CellArray candidate = moved(from, x - fx, y - fy, topology);
      if ((candidate == to).all()) return std::make_pair(x - fx, y - fy);
    }
  }
  return std::nullopt;
}

// The generations of one start grid under Life, each computed once from the latest one before it.
class History {
 public:
  History(const CellArray& start, Topology topology) : topology_(topology) {
    states_.emplace(0, start);
  }

  Topology topology() const { return topology_; }

  const CellArray& at(std::int64_t generation) {
    auto before = std::prev(states_.upper_bound(generation));
    if (before->first == generation) return before->second;
    CellArray state = evolve_serial(before->second, Rule{}, topology_, KernelKind::reference,
                                    generation - before->first);
    return states_.emplace(generation, std::move(state)).first->second;
  }

 private:
  Topology topology_;
  std::map<std::int64_t, CellArray> states_;
};

std::int64_t wrap(std::int64_t v, std::int64_t n) {
  return (v % n + n) % n;
}

// Checks one fact with the reference kernel against the history of its grid: "" when it holds,
// otherwise what is wrong.
std::string verify_fact(History& history, const Fact& f) {
  const Topology t = history.topology();
  std::ostringstream wrong;
  switch (f.kind) {
    case Fact::Kind::population: {
      const std::int64_t n = population(history.at(f.generation));
      if (n != f.count) wrong << "population is " << n;
      break;
    }
    case Fact::Kind::dies: {
      if (population(history.at(f.generation - 1)) == 0) {
        wrong << "already dead at generation " << f.generation - 1;
      }
      const std::int64_t n = population(history.at(f.generation));
      if (n != 0) wrong << "population is " << n;
      break;
    }
    case Fact::Kind::returns: {
      const CellArray start = history.at(0);
      for (std::int64_t g = 1; g <= f.generation; ++g) {
        const bool back = (history.at(g) == start).all();
        if (back && g < f.generation) {
          wrong << "back at generation " << g;
          break;
        }
        if (!back && g == f.generation) wrong << "not back";
      }
      break;
    }
    case Fact::Kind::period: {
      const CellArray base = history.at(f.generation);
      for (std::int64_t k = 1; k <= f.period; ++k) {
        const CellArray& now = history.at(f.generation + k);
        const auto d = translation(base, now, t);
        if (d && k < f.period) {
          wrong << "a translate again at generation " << f.generation + k;
          break;
        }
        if (k < f.period) continue;
        if (!d) {
          wrong << "not a translate after the period";
        } else if (t == Topology::torus ? wrap(d->first, now.cols()) != wrap(f.dx, now.cols()) ||
                                              wrap(d->second, now.rows()) != wrap(f.dy, now.rows())
                                        : d->first != f.dx || d->second != f.dy) {
          wrong << "displacement is " << d->first << " " << d->second;
        }
      }
      break;
    }
  }
  return wrong.str();
}

// Checks one fact about `p` on a fresh history.
std::string verify_fact(const Pattern& p, const Fact& f) {
  History history(start_grid(p, f), f.topology);
  return verify_fact(history, f);
}

std::vector<std::filesystem::path> library_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(MPILIFE_SOURCE_DIR) / "patterns")) {
    if (entry.path().extension() == ".rle") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

const std::string kFactMarker = "@fact";

}  // namespace

TEST_CASE("the fact grammar") {
  auto f = parse_fact("population 116 at 1103 on plane 540x540");
  REQUIRE(f);
  CHECK(f->kind == Fact::Kind::population);
  CHECK(f->count == 116);
  CHECK(f->generation == 1103);
  CHECK(f->topology == Topology::plane);
  CHECK(f->width == 540);
  f = parse_fact("period 4 displacement -2 0 on torus 80x16");
  REQUIRE(f);
  CHECK(f->period == 4);
  CHECK(f->dx == -2);
  CHECK(f->dy == 0);
  CHECK(f->topology == Topology::torus);
  CHECK(f->height == 16);
  f = parse_fact("period 2 from 173");
  REQUIRE(f);
  CHECK(f->generation == 173);
  CHECK(f->width == 0);
  CHECK_FALSE(parse_fact("stabilises 1103"));
  CHECK_FALSE(parse_fact("population 116"));
  CHECK_FALSE(parse_fact("dies 0"));
  CHECK_FALSE(parse_fact("period 2 on sphere 10x10"));
  CHECK_FALSE(parse_fact("period 2 on plane 10x"));
  CHECK_FALSE(parse_fact("period 2 extra"));
}

TEST_CASE("the fact checker rejects false facts") {
  const Pattern blinker = parse_pattern("x = 3, y = 1\n3o!", PatternFormat::rle);
  const Pattern glider = parse_pattern("x = 3, y = 3\nbo$2bo$3o!", PatternFormat::rle);
  const auto verdict = [](const Pattern& p, const char* text) {
    const auto f = parse_fact(text);
    REQUIRE(f);
    return verify_fact(p, *f);
  };
  CHECK(verdict(blinker, "population 3 at 1") == "");
  CHECK(verdict(blinker, "population 4 at 1") == "population is 3");
  CHECK(verdict(blinker, "period 2") == "");
  CHECK(verdict(blinker, "period 1") == "not a translate after the period");
  CHECK(verdict(blinker, "period 4") == "a translate again at generation 2");
  CHECK(verdict(blinker, "period 2 displacement 1 0") == "displacement is 0 0");
  CHECK(verdict(blinker, "returns 2") == "");
  CHECK(verdict(blinker, "returns 3") == "back at generation 2");
  CHECK(verdict(blinker, "dies 5") == "population is 3");
  CHECK(verdict(glider, "period 4 displacement 1 1") == "");
  CHECK(verdict(glider, "period 4 displacement 1 1 on torus 7x6") == "");
  CHECK(verdict(glider, "period 4 displacement -6 7 on torus 7x6") == "");
  CHECK(verdict(glider, "period 2 displacement 1 1") == "not a translate after the period");
  CHECK(verdict(glider, "returns 28 on torus 7x7") == "");
  CHECK(verdict(glider, "returns 24 on torus 7x7") == "not back");
  CHECK(verdict(glider, "dies 60 on plane 12x12") == "population is 4");
  const CellArray a = start_grid(blinker, *parse_fact("period 2 on torus 9x7"));
  CHECK(translation(a, moved(a, 5, -3, Topology::torus), Topology::torus) ==
        std::make_pair(std::int64_t{5}, std::int64_t{-3}));
  CHECK_FALSE(translation(a, moved(a, 5, 0, Topology::plane), Topology::plane));
}

TEST_CASE("the pattern library holds the classics") {
  std::set<std::string> names;
  for (const auto& path : library_files()) names.insert(path.stem().string());
  for (const char* required :
       {"glider", "lwss", "blinker", "toad", "beacon", "pulsar", "pentadecathlon",
        "gosper-glider-gun", "r-pentomino", "diehard", "acorn", "rabbits", "pi-heptomino",
        "b-heptomino", "figure-eight", "queen-bee-shuttle", "koks-galaxy", "clock"}) {
    CAPTURE(required);
    CHECK(names.count(required) == 1);
  }
}

TEST_CASE("every library pattern states true facts") {
  const auto files = library_files();
  REQUIRE(files.size() >= 18);
  for (const auto& path : files) {
    CAPTURE(path.filename().string());
    const Pattern p = read_pattern(path.string());
    CHECK(p.format == PatternFormat::rle);
    CHECK_FALSE(p.name.empty());
    REQUIRE(p.rule);
    CHECK(p.rule->rule.is_conway());
    CHECK_FALSE(p.rule->suffix);
    CHECK_FALSE(p.cells.empty());
    // One history per grid, shared by the facts about that grid.
    std::map<std::tuple<Topology, std::int64_t, std::int64_t>, History> histories;
    int facts = 0;
    int sentences = 0;
    for (const std::string& comment : p.comments) {
      if (comment.compare(0, kFactMarker.size(), kFactMarker) != 0) {
        ++sentences;
        continue;
      }
      ++facts;
      const auto fact = parse_fact(comment.substr(kFactMarker.size()));
      CHECK_MESSAGE(fact.has_value(), "malformed fact: " << comment);
      if (fact) {
        const CellArray start = start_grid(p, *fact);
        const auto key = std::make_tuple(fact->topology, start.cols(), start.rows());
        auto it = histories.try_emplace(key, start, fact->topology).first;
        const std::string wrong = verify_fact(it->second, *fact);
        CHECK_MESSAGE(wrong.empty(), comment << ": " << wrong);
      }
    }
    CHECK_MESSAGE(facts > 0, "no @fact line");
    CHECK_MESSAGE(sentences > 0, "no #C sentence for people");
  }
}
