// The live viewer loop without SDL: a scripted fake display on rank 0 steers the run (run, stop,
// step, toggle, quit) and every rank must follow; frames must be the reduced reference grid.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "mpilife/app/live.hpp"
#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/io/rle_writer.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/serial.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "mpilife/parallel/universe.hpp"
#include "mpilife/view/block_counts.hpp"
#include "mpilife/view/display.hpp"
#include "mpilife/view/frame.hpp"
#include "mpilife/view/selection.hpp"
#include "support/gather_grid.hpp"
#include "support/mpi_test_util.hpp"

using namespace mpilife;

namespace {

class FakeDisplay;

// One poll's worth of user: change the controls, or wait until a frame reaches a generation.
struct Action {
  template <typename F>
  Action(F f) : act(std::move(f)) {}  // NOLINT: implicit, so lambdas read as actions
  std::function<void(Controls&, const FakeDisplay&)> act;  // what the user does
  std::int64_t wait_for = -1;                              // or: the generation to wait for
};

// Waits (polls doing nothing) until a frame shows `generation`.
Action wait_for(std::int64_t generation) {
  Action a([](Controls&, const FakeDisplay&) {});
  a.wait_for = generation;
  return a;
}

// A Display whose user is a list of actions, one per poll; quits when the list runs out. Like the
// SDL window it stops running when a frame says the loop stopped.
class FakeDisplay final : public Display {
 public:
  explicit FakeDisplay(std::vector<Action> actions) : actions_(std::move(actions)) {}

  void open(const ViewSource& source) override {
    source_ = source;
    state_.view = ViewRequest{{0, 0, source.width, source.height}, 1};
  }

  Controls poll(double wait_seconds) override {
    ++polls_;
    if (wait_seconds > 0) {
      std::this_thread::sleep_for(std::chrono::duration<double>(std::min(wait_seconds, 0.02)));
    }
    state_.steps = 0;
    state_.edits.clear();
    state_.reset = false;
    state_.clear_region = Extent{};
    state_.copy_region = Extent{};
    state_.paste_text.clear();
    state_.edit_region = Extent{};
    state_.edit_op = SelectionOp::none;
    state_.save_region = Extent{};
    if (next_ < actions_.size() && actions_[next_].wait_for >= 0) {
      const bool reached =
          !frames_.empty() && frames_.back().generation >= actions_[next_].wait_for;
      if (reached || polls_ > 100000) ++next_;
      if (!reached) return state_;
    }
    if (next_ < actions_.size()) {
      actions_[next_++].act(state_, *this);
    } else {
      state_.quit = true;
    }
    return state_;
  }

  void show(const Frame& frame) override {
    if (throw_at_frame_ >= 0 && static_cast<std::int64_t>(frames_.size()) == throw_at_frame_) {
      throw Error(ExitCode::io, "fake display failed");
    }
    if (!frame.running) state_.running = false;
    frames_.push_back(frame);
  }

  void pasted(const std::vector<Cell>& cells, std::int64_t width, std::int64_t height,
              const std::string& message) override {
    pastes.push_back({width, height, cells, message});
  }
  struct Paste {
    std::int64_t width;
    std::int64_t height;
    std::vector<Cell> cells;
    std::string message;
  };
  std::vector<Paste> pastes;

  void copied(const std::string& rle, const std::string& message) override {
    copies.push_back(rle);
    copy_messages.push_back(message);
  }

  void selection_edited(const SelectionEdit& edit) override { edits.push_back(edit); }
  std::vector<SelectionEdit> edits;

  void saved(const std::string& path, const std::string& message) override {
    saves.push_back({path, message});
  }
  std::vector<std::pair<std::string, std::string>> saves;

  const std::vector<Frame>& frames() const { return frames_; }
  std::vector<std::string> copies;
  std::vector<std::string> copy_messages;
  const ViewSource& source() const { return source_; }
  int polls() const { return polls_; }
  std::int64_t throw_at_frame_ = -1;

 private:
  std::vector<Action> actions_;
  std::size_t next_ = 0;
  Controls state_;
  ViewSource source_;
  std::vector<Frame> frames_;
  int polls_ = 0;
};

// The edits that flip `cells`.
std::vector<CellEdit> flips(const std::vector<Cell>& cells) {
  std::vector<CellEdit> out;
  for (const Cell& c : cells) out.push_back({c, CellChange::flip});
  return out;
}

ViewSource source_of(const Simulation& sim) {
  ViewSource s;
  s.width = sim.layout().width;
  s.height = sim.layout().height;
  s.name = "test";
  s.rule = "B3/S23";
  s.ranks = test::world_size();
  s.proc_cols = sim.layout().procs.cols;
  s.proc_rows = sim.layout().procs.rows;
  return s;
}

CellArray cells_of(const std::vector<Cell>& cells, std::int64_t w, std::int64_t h) {
  CellArray a = CellArray::Zero(h, w);
  for (const Cell& c : cells) a(c.y, c.x) = 1;
  return a;
}

std::vector<Cell> live_cells(const CellArray& a) {
  std::vector<Cell> out;
  for (std::int64_t y = 0; y < a.rows(); ++y) {
    for (std::int64_t x = 0; x < a.cols(); ++x) {
      if (a(y, x)) out.push_back({x, y});
    }
  }
  return out;
}

// A fixed-size grid (no growth) of the reference kernel, for the loop to step.
Universe bounded(std::int64_t w, std::int64_t h, Topology topology, const ProcessGrid& g) {
  return Universe(std::make_unique<Simulation>(mpi::world(), w, h, topology, g,
                                               KernelKind::reference, Rule{}),
                  KernelKind::reference, Rule{}, std::nullopt, {});
}

// Runs the loop with `display` on rank 0 (nullptr elsewhere).
InteractiveResult run_with(Universe& universe, FakeDisplay& display,
                           const InteractiveOptions& options = {}) {
  return run_interactive(universe, test::world_rank() == 0 ? &display : nullptr,
                         source_of(universe.sim()), options);
}

// Whether `v` is the same on every rank.
bool same_everywhere(std::int64_t v) {
  return test::all_ranks(mpi::broadcast(v, 0, mpi::world()) == v);
}

}  // namespace

TEST_CASE("steering: step, toggle, run, stop and quit are followed by every rank") {
  const std::int64_t w = 37;
  const std::int64_t h = 29;
  const std::vector<Cell> glider = {{2, 1}, {3, 2}, {1, 3}, {2, 3}, {3, 3}};
  std::vector<Cell> toggles = {{0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1}};
  for (std::int64_t x = 10; x < 26; ++x) toggles.push_back({x, 20});  // 20 toggles in one frame
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    INFO("procs ", test::name(g));
    Universe universe = bounded(w, h, Topology::torus, g);
    Simulation& sim = universe.sim();
    place_cells(sim, test::world_rank() == 0 ? glider : std::vector<Cell>{});
    FakeDisplay display({
        [](Controls&, const FakeDisplay&) {},
        [](Controls& c, const FakeDisplay&) { c.steps = 3; },
        wait_for(3),
        [&](Controls& c, const FakeDisplay&) { c.edits = flips(toggles); },
        [](Controls& c, const FakeDisplay&) { c.steps = 2; },
        wait_for(5),
        [](Controls& c, const FakeDisplay&) {
          c.running = true;
          c.speed = 1;
        },
        [](Controls&, const FakeDisplay&) {},
        [](Controls&, const FakeDisplay&) {},
        [](Controls& c, const FakeDisplay&) { c.running = false; },
        [](Controls&, const FakeDisplay&) {},
    });
    const InteractiveResult result = run_with(universe, display);
    const std::int64_t gen = sim.generation();
    CHECK(same_everywhere(gen));
    CHECK(result.generations == gen);
    CHECK(same_everywhere(result.frames));
    CHECK(gen > 5);
    CHECK((gen - 5) % 2 == 0);  // speed 1 runs in steps of 2 generations
    const CellArray got = gather_grid(sim);
    bool ok = true;
    if (test::world_rank() == 0) {
      CellArray at3 =
          evolve_serial(cells_of(glider, w, h), Rule{}, Topology::torus, KernelKind::reference, 3);
      for (const Cell& c : toggles) at3(c.y, c.x) ^= 1;
      const CellArray want =
          evolve_serial(at3, Rule{}, Topology::torus, KernelKind::reference, gen - 3);
      ok = (got == want).all();
      const std::vector<Frame>& f = display.frames();
      ok = ok && f.front().generation == 0 && f.back().generation == gen && !f.back().running;
      for (std::size_t i = 1; i < f.size(); ++i) ok = ok && f[i].generation >= f[i - 1].generation;
    }
    CHECK(test::root_says(ok));
  }
}

TEST_CASE("apply_edits: set, clear and flip in order, each edit only to the rank that owns it") {
  const std::int64_t w = 23;
  const std::int64_t h = 17;
  const CellArray start = soup_grid(w, h, 4, 0.5);
  std::vector<CellEdit> edits;
  for (std::int64_t i = 0; i < 60; ++i) {
    const Cell c{(i * 7) % w, (i * 5) % h};
    edits.push_back({c, static_cast<CellChange>(i % 3)});
  }
  edits.push_back({{3, 3}, CellChange::set});
  edits.push_back({{3, 3}, CellChange::flip});  // after the set: dead
  edits.push_back({{w, 0}, CellChange::set});   // outside: dropped
  edits.push_back({{0, -1}, CellChange::set});
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    INFO("procs ", test::name(g));
    Simulation sim(mpi::world(), w, h, Topology::torus, g, KernelKind::fast, Rule{});
    place_cells(sim, test::world_rank() == 0 ? live_cells(start) : std::vector<Cell>{});
    const std::int64_t applied =
        apply_edits(sim, test::world_rank() == 0 ? edits : std::vector<CellEdit>{{{1, 1}}});
    // Each rank applied exactly the edits in its block.
    const Extent e = sim.layout().local;
    std::int64_t mine = 0;
    for (const CellEdit& x : edits) {
      mine +=
          x.cell.x >= e.x0 && x.cell.x < e.x0 + e.w && x.cell.y >= e.y0 && x.cell.y < e.y0 + e.h;
    }
    CHECK(test::all_ranks(applied == mine));
    const CellArray got = gather_grid(sim);
    bool ok = true;
    if (test::world_rank() == 0) {
      CellArray want = start;
      for (const CellEdit& x : edits) {
        if (x.cell.x < 0 || x.cell.y < 0 || x.cell.x >= w || x.cell.y >= h) continue;
        std::uint8_t& v = want(x.cell.y, x.cell.x);
        v = x.change == CellChange::set ? 1 : x.change == CellChange::clear ? 0 : v ^ 1;
      }
      ok = (got == want).all() && want(3, 3) == 0;
    }
    CHECK(test::root_says(ok));
  }
}

TEST_CASE("edits made while running land at the next generation boundary, on every rank") {
  const std::int64_t w = 36;
  const std::int64_t h = 28;
  const CellArray start = soup_grid(w, h, 9, 0.3);
  std::vector<CellEdit> stroke;
  for (std::int64_t x = 2; x < 34; ++x) stroke.push_back({{x, 13}, CellChange::set});
  for (std::int64_t y = 0; y < h; ++y) stroke.push_back({{17, y}, CellChange::clear});
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    INFO("procs ", test::name(g));
    Universe universe = bounded(w, h, Topology::torus, g);
    place_cells(universe.sim(), test::world_rank() == 0 ? live_cells(start) : std::vector<Cell>{});
    std::int64_t edited_at = -1;
    std::vector<Action> actions = {[](Controls& c, const FakeDisplay&) { c.running = true; },
                                   wait_for(4),
                                   [&](Controls& c, const FakeDisplay& d) {
                                     c.edits = stroke;  // running: no stop
                                     edited_at = d.frames().back().generation;
                                   },
                                   wait_for(12),
                                   [](Controls& c, const FakeDisplay&) { c.running = false; },
                                   [](Controls&, const FakeDisplay&) {}};
    FakeDisplay display(actions);
    run_with(universe, display);
    const std::int64_t gen = universe.sim().generation();
    CHECK(same_everywhere(gen));
    const CellArray got = gather_grid(universe.sim());
    bool ok = true;
    if (test::world_rank() == 0) {
      CellArray at =
          evolve_serial(start, Rule{}, Topology::torus, KernelKind::reference, edited_at);
      for (const CellEdit& e : stroke) at(e.cell.y, e.cell.x) = e.change == CellChange::set;
      const CellArray want =
          evolve_serial(at, Rule{}, Topology::torus, KernelKind::reference, gen - edited_at);
      ok = edited_at >= 4 && gen >= 12 && (got == want).all();
    }
    CHECK(test::root_says(ok));
  }
}

TEST_CASE("Ctrl+C copies a selection as RLE from the ranks that own it; Delete clears one") {
  const std::int64_t w = 30;
  const std::int64_t h = 20;
  // A glider across the middle (where tiles meet at most rank counts) and a blinker.
  const std::vector<Cell> start = {{15, 9},  {16, 10}, {14, 11}, {15, 11},
                                   {16, 11}, {2, 2},   {3, 2},   {4, 2}};
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    INFO("procs ", test::name(g));
    Universe universe = bounded(w, h, Topology::plane, g);
    place_cells(universe.sim(), test::world_rank() == 0 ? start : std::vector<Cell>{});
    FakeDisplay display({
        [](Controls& c, const FakeDisplay&) { c.running = false; },
        [](Controls& c, const FakeDisplay&) {
          c.copy_region = Extent{14, 9, 3, 3};
        },
        [](Controls& c, const FakeDisplay&) {
          c.copy_region = Extent{0, 0, w, h};
        },
        [](Controls& c, const FakeDisplay&) {
          c.copy_region = Extent{13, 8, 5, 5};
        },
        [](Controls& c, const FakeDisplay&) {
          c.copy_region = Extent{0, 0, 3000, 2000};
        },
        [](Controls& c, const FakeDisplay&) {
          c.clear_region = Extent{14, 10, 3, 5};
        },
        [](Controls& c, const FakeDisplay&) {
          c.copy_region = Extent{0, 0, w, h};
        },
    });
    run_with(universe, display);
    const CellArray got = gather_grid(universe.sim());
    bool ok = true;
    if (test::world_rank() == 0) {
      CellArray all = cells_of(start, w, h);
      std::ostringstream whole;
      write_rle(whole, all.data(), w, h, "B3/S23");
      CellArray cleared = all;
      cleared.block(10, 14, 5, 3).setZero();
      std::ostringstream after;
      write_rle(after, cleared.data(), w, h, "B3/S23");
      const std::vector<std::string>& c = display.copies;
      REQUIRE(c.size() == 5);
      CHECK(c[0] == "x = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n");
      CHECK(c[1] == whole.str());
      CHECK(c[2] == "x = 5, y = 5, rule = B3/S23\n$2bo$3bo$b3o!\n");
      CHECK(c[3].empty());
      CHECK(display.copy_messages[3].find("more than 4194304 cells") != std::string::npos);
      CHECK(c[4] == after.str());
      ok = (got == cleared).all() && got(9, 15) == 1 && got(10, 16) == 0;
    }
    CHECK(test::root_says(ok));
  }
}

// The grid a whole-grid frame at scale 1 shows.
CellArray grid_of(const Frame& f) {
  CellArray a = CellArray::Zero(f.view.region.h, f.view.region.w);
  for (std::int64_t y = 0; y < a.rows(); ++y) {
    for (std::int64_t x = 0; x < a.cols(); ++x) {
      a(y, x) = f.counts[static_cast<std::size_t>(y * a.cols() + x)] != 0 ? 1 : 0;
    }
  }
  return a;
}

// `grid` with the cells of `r` transformed by `op` serially (Eigen's reverse and transpose of the
// block), the old rectangle cleared and the new one (transformed_rect) written.
CellArray transformed_grid(const CellArray& grid, const Extent& r, SelectionOp op) {
  const CellArray b = grid.block(r.y0, r.x0, r.h, r.w);
  CellArray t;
  if (op == SelectionOp::flip_x) t = b.rowwise().reverse();
  if (op == SelectionOp::flip_y) t = b.colwise().reverse();
  if (op == SelectionOp::rotate_cw) t = b.transpose().rowwise().reverse();
  if (op == SelectionOp::rotate_ccw) t = b.transpose().colwise().reverse();
  const Extent to = transformed_rect(r, op);
  CellArray out = grid;
  out.block(r.y0, r.x0, r.h, r.w).setZero();
  out.block(to.y0, to.x0, to.h, to.w) = t;
  return out;
}

TEST_CASE("x y > < 5 edit a selection across rank boundaries in place; undo; Ctrl+S saves it") {
  const std::int64_t w = 30;
  const std::int64_t h = 20;
  const std::vector<Cell> start = {{15, 9},  {16, 10}, {14, 11}, {15, 11},
                                   {16, 11}, {2, 2},   {3, 2},   {4, 2}};
  const Extent fill{10, 5, 12, 9};  // across the middle column and row
  const Extent turn{12, 7, 7, 4};   // 7x4: turned to 4x7 at (14, 5)
  const Extent flip{8, 6, 14, 8};
  const Extent save{13, 8, 6, 5};
  const std::filesystem::path folder = std::filesystem::temp_directory_path() /
                                       ("mpilife-test-save-" + std::to_string(test::world_size()));
  if (test::world_rank() == 0) {
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "selection-0.rle") << "taken\n";
  }
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    INFO("procs ", test::name(g));
    Universe universe = bounded(w, h, Topology::torus, g);
    place_cells(universe.sim(), test::world_rank() == 0 ? start : std::vector<Cell>{});
    std::vector<CellArray> seen;  // the grid before each action after the first
    const auto look = [&seen](const FakeDisplay& d) { seen.push_back(grid_of(d.frames().back())); };
    const auto act = [&](SelectionOp op, Extent r) {
      return Action([&look, op, r](Controls& c, const FakeDisplay& d) {
        look(d);
        c.edit_region = r;
        c.edit_op = op;
        c.fill_seed = 3;
      });
    };
    FakeDisplay display({
        [](Controls& c, const FakeDisplay&) { c.running = false; },
        act(SelectionOp::random_fill, fill),  // seen[0]: the start
        act(SelectionOp::rotate_cw, turn),    // seen[1]: filled
        [&look](Controls& c, const FakeDisplay& d) {
          look(d);  // seen[2]: turned; now undone with the display's flips
          c.edits = d.edits.back().flips;
        },
        act(SelectionOp::rotate_ccw, turn),                  // seen[3]: undone
        act(SelectionOp::flip_x, flip),                      // seen[4]: turned back
        act(SelectionOp::flip_y, flip),                      // seen[5]: flipped left-right
        act(SelectionOp::flip_x, Extent{0, 0, 3000, 2000}),  // seen[6]: and top-bottom; refused
        act(SelectionOp::rotate_cw, Extent{0, 0, 30, 4}),    // seen[7]: off the grid: refused
        [&look, save](Controls& c, const FakeDisplay& d) {
          look(d);  // seen[8]
          c.save_region = save;
        },
        [save](Controls& c, const FakeDisplay&) { c.save_region = save; },
    });
    InteractiveOptions options;
    options.save_folder = folder.string();
    run_with(universe, display, options);
    const CellArray got = gather_grid(universe.sim());
    bool ok = true;
    if (test::world_rank() == 0) {
      CellArray filled = cells_of(start, w, h);
      for (std::int64_t y = fill.y0; y < fill.y0 + fill.h; ++y) {
        for (std::int64_t x = fill.x0; x < fill.x0 + fill.w; ++x) {
          filled(y, x) = soup_cell(3, x, y, 0.5) ? 1 : 0;
        }
      }
      const CellArray turned = transformed_grid(filled, turn, SelectionOp::rotate_cw);
      const CellArray back = transformed_grid(filled, turn, SelectionOp::rotate_ccw);
      const CellArray flipped_x = transformed_grid(back, flip, SelectionOp::flip_x);
      const CellArray flipped = transformed_grid(flipped_x, flip, SelectionOp::flip_y);
      REQUIRE(seen.size() == 9);
      CHECK((seen[0] == cells_of(start, w, h)).all());
      CHECK((seen[1] == filled).all());
      CHECK((seen[1] != seen[0]).any());
      CHECK((seen[2] == turned).all());
      CHECK((seen[2] != seen[1]).any());
      CHECK((seen[3] == filled).all());
      CHECK((seen[4] == back).all());
      CHECK((seen[5] == flipped_x).all());
      CHECK((seen[6] == flipped).all());
      CHECK((seen[7] == flipped).all());
      CHECK((seen[8] == flipped).all());
      CHECK((got == flipped).all());
      const std::vector<SelectionEdit>& e = display.edits;
      REQUIRE(e.size() == 7);
      CHECK(e[0].done);
      CHECK(e[0].undoable);
      CHECK(e[0].message.find("seed 3") != std::string::npos);
      CHECK(e[0].selection == fill);
      CHECK(e[1].selection == Extent{14, 5, 4, 7});
      CHECK(e[1].generation == 0);
      CHECK(e[2].selection == Extent{14, 5, 4, 7});
      CHECK(e[4].selection == flip);
      CHECK_FALSE(e[5].done);
      CHECK(e[5].message.find("more than 4194304 cells") != std::string::npos);
      CHECK_FALSE(e[6].done);
      CHECK(e[6].message.find("leave the grid") != std::string::npos);
      CHECK(e[6].selection == Extent{0, 0, 30, 4});
      // Saved as the copy's RLE, never over an existing file.
      std::ostringstream rle;
      const CellArray part = flipped.block(save.y0, save.x0, save.h, save.w);
      write_rle(rle, part.data(), save.w, save.h, "B3/S23");
      REQUIRE(display.saves.size() == 2);
      const std::string first = display.saves[0].first;
      const std::string second = display.saves[1].first;
      CHECK(first != second);
      CHECK(display.saves[0].second.find(first) != std::string::npos);
      for (const std::string& path : {first, second}) {
        INFO(path);
        std::ifstream in(path);
        CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == rle.str());
        std::filesystem::remove(path);
      }
      std::ifstream taken(folder / "selection-0.rle");
      CHECK(std::string(std::istreambuf_iterator<char>(taken), {}) == "taken\n");
      CHECK(first == (folder / "selection-0-2.rle").string());
      CHECK(second == (folder / "selection-0-3.rle").string());
      ok = (got == flipped).all();
    }
    CHECK(test::root_says(ok));
  }
  if (test::world_rank() == 0) std::filesystem::remove_all(folder);
}

TEST_CASE("Ctrl+V: rank 0 reads the clipboard's text with the pattern readers, or says why not") {
  const ProcessGrid g = test::process_grids(test::world_size(), 20, 20).front();
  Universe universe = bounded(20, 20, Topology::torus, g);
  FakeDisplay display({
      [](Controls& c, const FakeDisplay&) {
        c.running = false;
        c.paste_text = "#C a glider\nx = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n";
      },
      [](Controls& c, const FakeDisplay&) { c.paste_text = ".O\nO.\n"; },  // plaintext
      [](Controls& c, const FakeDisplay&) { c.paste_text = "x = 2, y = 2\n2o$2q!\n"; },
      [](Controls& c, const FakeDisplay&) { c.paste_text = "x = 3000, y = 3000\no!\n"; },
  });
  run_with(universe, display);
  CHECK(same_everywhere(universe.sim().generation()));
  bool ok = true;
  if (test::world_rank() == 0) {
    const auto& p = display.pastes;
    REQUIRE(p.size() == 4);
    ok = p[0].width == 3 && p[0].height == 3 &&
         p[0].cells == std::vector<Cell>{{1, 0}, {2, 1}, {0, 2}, {1, 2}, {2, 2}} &&
         p[0].message.find("3x3") != std::string::npos;
    ok = ok && p[1].width == 2 && p[1].cells == std::vector<Cell>{{1, 0}, {0, 1}};
    ok = ok && p[2].cells.empty() && p[2].message.find("cannot paste") != std::string::npos;
    ok = ok && p[3].cells.empty() && p[3].message.find("too big") != std::string::npos;
    INFO(p[2].message, " / ", p[3].message);
    CHECK(ok);
  }
  CHECK(test::root_says(ok));
}

TEST_CASE("Ctrl+R: after generations and edits the grid is a fresh start, and runs the same") {
  const std::int64_t w = 41;
  const std::int64_t h = 31;
  const std::uint64_t seed = 11;
  const double density = 0.35;
  const CellArray start = soup_grid(w, h, seed, density);
  const std::vector<Cell> edits = {{0, 0}, {20, 15}, {21, 15}, {40, 30}, {5, 29}};
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    INFO("procs ", test::name(g));
    // The soup regenerated from its seed, as the run's plan does: no copy of the grid is kept.
    const auto fresh = [&] {
      auto sim = std::make_unique<Simulation>(mpi::world(), w, h, Topology::torus, g,
                                              KernelKind::fast, Rule{});
      fill_soup(*sim, seed, density);
      return sim;
    };
    Universe universe(fresh(), KernelKind::fast, Rule{}, std::nullopt, {});
    InteractiveOptions options;
    options.reset = [&] { universe.restart(fresh); };
    std::size_t edit_frame = 0;
    std::size_t reset_frame = 0;
    FakeDisplay display({
        [](Controls& c, const FakeDisplay&) { c.steps = 6; },
        wait_for(6),
        [&](Controls& c, const FakeDisplay& d) {
          c.edits = flips(edits);
          edit_frame = d.frames().size();
        },
        [](Controls& c, const FakeDisplay&) {
          c.running = true;
          c.speed = 0;
        },
        wait_for(9),
        [&](Controls& c, const FakeDisplay& d) {
          c.reset = true;
          c.running = false;
          reset_frame = d.frames().size();
        },
        [](Controls&, const FakeDisplay&) {},
        [](Controls& c, const FakeDisplay&) { c.steps = 1; },
        [](Controls& c, const FakeDisplay&) { c.steps = 3; },
        [](Controls& c, const FakeDisplay&) { c.steps = 2; },
        wait_for(6),
    });
    run_with(universe, display, options);
    CHECK(same_everywhere(universe.sim().generation()));
    CHECK(universe.sim().generation() == 6);
    // The grid after the run again equals a fresh run's generation 6, edits gone.
    const CellArray got = gather_grid(universe.sim());
    bool ok = true;
    if (test::world_rank() == 0) {
      const CellArray want6 =
          evolve_serial(start, Rule{}, Topology::torus, KernelKind::reference, 6);
      ok = (got == want6).all();
      const std::vector<Frame>& f = display.frames();
      // The first frame after the reset shows generation 0, exactly the fresh start; every frame
      // from there on is the fresh run's, as are the ones before the edits.
      ok = ok && edit_frame > 0 && reset_frame > edit_frame && f.size() > reset_frame &&
           f[reset_frame].generation == 0;
      ok = ok && f[reset_frame - 1].generation >= 9;
      std::vector<std::int64_t> after;
      for (std::size_t i = 0; ok && i < f.size(); ++i) {
        const bool edited = i >= edit_frame && i < reset_frame;
        if (i >= reset_frame) after.push_back(f[i].generation);
        const CellArray want =
            evolve_serial(start, Rule{}, Topology::torus, KernelKind::reference, f[i].generation);
        const bool same = f[i].counts == block_counts(want, f[i].view.region, f[i].view.scale);
        INFO("frame ", i, " generation ", f[i].generation);
        ok = ok && (edited ? !same : same);  // the edits showed before the reset
      }
      ok = ok && after == std::vector<std::int64_t>{0, 1, 4, 6};
    }
    CHECK(test::root_says(ok));
  }
}

TEST_CASE("Ctrl+R in a grown universe: back to the starting grid and generation") {
  const std::int64_t side = 16;
  const std::vector<Cell> start = {{7, 5}, {8, 6},  {6, 7},  {7, 7},
                                   {8, 7}, {1, 12}, {2, 12}, {3, 12}};
  const int ranks = test::world_size();
  const ProcessGridFor procs_for = [ranks](std::int64_t w, std::int64_t h) {
    return choose_process_grid(parse_decomp("2d"), ranks, w, h, mpi::dims_create(ranks));
  };
  const auto fresh = [&] {
    auto sim = std::make_unique<Simulation>(mpi::world(), side, side, Topology::unbounded,
                                            procs_for(side, side), KernelKind::fast, Rule{});
    place_cells(*sim, test::world_rank() == 0 ? start : std::vector<Cell>{});
    sim->place_at(-100, 50);
    return sim;
  };
  Growth growth;
  growth.margin = 3;
  growth.band_cells = 64;
  Universe universe(fresh(), KernelKind::fast, Rule{}, growth, procs_for);
  InteractiveOptions options;
  options.reset = [&] { universe.restart(fresh); };
  FakeDisplay display({
      [](Controls& c, const FakeDisplay&) { c.steps = 40; },
      wait_for(40),
      [](Controls& c, const FakeDisplay&) { c.reset = true; },
      [](Controls&, const FakeDisplay&) {},
  });
  run_with(universe, display, options);
  CHECK(universe.growths() >= 1);
  CHECK(same_everywhere(universe.sim().generation()));
  CHECK(universe.sim().generation() == 0);
  CHECK(universe.sim().layout().width == side);
  CHECK(universe.origin_x() == -100);
  const CellArray got = gather_grid(universe.sim());
  bool ok = true;
  if (test::world_rank() == 0) {
    ok = (got == cells_of(start, side, side)).all();
    ok = ok && display.frames().back().generation == 0 && display.frames().back().population == 8;
  }
  CHECK(test::root_says(ok));
}

TEST_CASE("frames are the block counts of the reference grid for the requested view") {
  const std::int64_t w = 53;
  const std::int64_t h = 41;
  const CellArray start = soup_grid(w, h, 3, 0.4);
  const std::vector<ViewRequest> views = {{{0, 0, w, h}, 1},
                                          {{5, 7, 40, 30}, 3},
                                          {{0, 0, w, h}, 8},
                                          {{50, 40, 3, 1}, 2},
                                          {{0, 0, 0, 0}, 4}};
  for (const ProcessGrid& g : test::process_grids(test::world_size(), w, h)) {
    INFO("procs ", test::name(g));
    Universe universe = bounded(w, h, Topology::plane, g);
    Simulation& sim = universe.sim();
    place_cells(sim, test::world_rank() == 0 ? live_cells(start) : std::vector<Cell>{});
    std::vector<Action> actions;
    for (std::size_t i = 0; i < views.size(); ++i) {
      actions.push_back([&, i](Controls& c, const FakeDisplay&) {
        c.view = views[i];
        c.steps = static_cast<std::int64_t>(i % 2);
      });
    }
    FakeDisplay display(actions);
    run_with(universe, display);
    bool ok = true;
    if (test::world_rank() == 0) {
      ok = display.frames().size() == views.size();
      for (std::size_t i = 0; ok && i < views.size(); ++i) {
        const Frame& f = display.frames()[i];
        const CellArray want =
            evolve_serial(start, Rule{}, Topology::plane, KernelKind::reference, f.generation);
        ok = f.view == views[i] &&
             f.counts == block_counts(want, views[i].region, views[i].scale) &&
             f.population == want.cast<std::int64_t>().sum();
      }
      ok = ok && display.frames().back().generation == 2;
    }
    CHECK(test::root_says(ok));
  }
}

TEST_CASE("the viewer of a growing universe stays on the cells it started with") {
  // A glider and a blinker in a 16x16 unbounded universe: the glider flies out of the window and
  // the grid grows (several times, redistributed) under the viewer, whose frames keep showing the
  // starting 16x16 cells, where the blinker stays.
  const std::int64_t side = 16;
  const std::vector<Cell> start = {{7, 5}, {8, 6}, {6, 7}, {7, 7}, {8, 7}, {1, 12}, {2, 12}, {3, 12}};
  const int ranks = test::world_size();
  const ProcessGridFor procs_for = [ranks](std::int64_t w, std::int64_t h) {
    return choose_process_grid(parse_decomp("2d"), ranks, w, h, mpi::dims_create(ranks));
  };
  auto sim = std::make_unique<Simulation>(mpi::world(), side, side, Topology::unbounded,
                                          procs_for(side, side), KernelKind::fast, Rule{});
  place_cells(*sim, test::world_rank() == 0 ? start : std::vector<Cell>{});
  sim->place_at(-100, 50);
  Growth growth;
  growth.margin = 3;
  growth.band_cells = 64;
  Universe universe(std::move(sim), KernelKind::fast, Rule{}, growth, procs_for);
  const std::vector<ViewRequest> views = {{{0, 0, side, side}, 1}, {{2, 3, 10, 12}, 2}};
  std::vector<Action> actions;
  for (int i = 0; i < 16; ++i) {
    actions.push_back([&, i](Controls& c, const FakeDisplay&) {
      c.view = views[static_cast<std::size_t>(i % 2)];
      c.steps = 5;
    });
  }
  FakeDisplay display(actions);
  const InteractiveResult result = run_with(universe, display);
  CHECK_FALSE(result.cell_limit);
  CHECK(universe.growths() >= 2);
  CHECK(universe.sim().layout().width > side);
  bool ok = true;
  if (test::world_rank() == 0) {
    // The same cells on a plane far larger than they reach, the window at (b, b).
    const std::int64_t b = 100;
    const CellArray plane = cells_of(
        [&] {
          std::vector<Cell> moved;
          for (const Cell& c : start) moved.push_back({c.x + b, c.y + b});
          return moved;
        }(),
        side + 2 * b, side + 2 * b);
    ok = display.frames().size() == actions.size();
    for (std::size_t i = 0; ok && i < display.frames().size(); ++i) {
      const Frame& f = display.frames()[i];
      const CellArray want =
          evolve_serial(plane, Rule{}, Topology::plane, KernelKind::reference, f.generation);
      Extent region = f.view.region;
      region.x0 += b;
      region.y0 += b;
      ok = f.counts == block_counts(want, region, f.view.scale) &&
           f.population == want.cast<std::int64_t>().sum();
      INFO("frame ", i, " generation ", f.generation);
      CHECK(ok);
    }
    // By the end the glider has left the window: only the blinker is in it.
    const Frame& last = display.frames().back();
    ok = ok && last.generation == 80 && last.population == 8;
  }
  CHECK(test::root_says(ok));
}

TEST_CASE("a run started from the display pauses at the requested generation") {
  const std::int64_t w = 24;
  const std::int64_t h = 18;
  const ProcessGrid g = test::process_grids(test::world_size(), w, h).front();
  Universe universe = bounded(w, h, Topology::torus, g);
  Simulation& sim = universe.sim();
  fill_soup(sim, 5, 0.5);
  bool paused_seen = false;
  std::vector<Action> actions = {[](Controls& c, const FakeDisplay&) { c.running = true; }};
  for (int i = 0; i < 200; ++i) {
    actions.push_back([&](Controls& c, const FakeDisplay& d) {
      if (!d.frames().empty() && !d.frames().back().running && d.frames().size() > 1) {
        paused_seen = true;
        c.quit = true;
      }
    });
  }
  FakeDisplay stepper(actions);
  InteractiveOptions options;
  options.pause_at = 7;
  run_with(universe, stepper, options);
  CHECK(same_everywhere(sim.generation()));
  CHECK(sim.generation() == 7);
  CHECK(test::root_says(test::world_rank() != 0 || paused_seen));
}

TEST_CASE("a stop request (a signal) ends the loop on every rank") {
  const ProcessGrid g = test::process_grids(test::world_size(), 30, 30).front();
  Universe universe = bounded(30, 30, Topology::torus, g);
  Simulation& sim = universe.sim();
  int calls = 0;
  InteractiveOptions options;
  options.stop_requested = [&] { return ++calls >= 3; };
  std::vector<Action> forever(1000,
                              Action([](Controls& c, const FakeDisplay&) { c.running = true; }));
  FakeDisplay display(forever);
  const InteractiveResult r = run_with(universe, display, options);
  CHECK(test::all_ranks(r.interrupted));
  CHECK(same_everywhere(sim.generation()));
  CHECK(test::root_says(test::world_rank() != 0 || display.polls() == 3));
}

TEST_CASE("a display failure on rank 0 becomes the same error on every rank") {
  const ProcessGrid g = test::process_grids(test::world_size(), 30, 30).front();
  Universe universe = bounded(30, 30, Topology::torus, g);
  std::vector<Action> steps(10, Action([](Controls& c, const FakeDisplay&) { c.steps = 1; }));
  FakeDisplay display(steps);
  display.throw_at_frame_ = 2;
  int code = 0;
  try {
    run_with(universe, display);
  } catch (const Error& e) {
    code = static_cast<int>(e.code());
  }
  CHECK(test::all_ranks(code == static_cast<int>(ExitCode::io)));
}

TEST_CASE("huge steps are cut into pieces so quit is handled promptly") {
  const ProcessGrid g = test::process_grids(test::world_size(), 40, 40).front();
  Universe universe = bounded(40, 40, Topology::torus, g);
  Simulation& sim = universe.sim();
  fill_soup(sim, 8, 0.3);
  FakeDisplay display({[](Controls& c, const FakeDisplay&) {
                         c.running = true;
                         c.speed = kMaxSpeed;
                       },
                       [](Controls&, const FakeDisplay&) {}, [](Controls&, const FakeDisplay&) {}});
  const auto t0 = std::chrono::steady_clock::now();
  run_with(universe, display);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(same_everywhere(sim.generation()));
  CHECK(sim.generation() > 1);
  CHECK(sim.generation() < step_generations(kMaxSpeed));
  CHECK(seconds < 10.0);
}
