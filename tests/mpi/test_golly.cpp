// The Golly cross-check, distributed: random soups on :T and :P grids of odd sizes under several
// rules, run by bgolly (on rank 0) and by mpilife on every process grid for this rank count.
#include <doctest/doctest.h>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/core/soup.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/parallel/distribution.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/simulation.hpp"
#include "support/gather_grid.hpp"
#include "support/golly_oracle.hpp"
#include "support/mpi_test_util.hpp"

using namespace mpilife;

TEST_CASE("distributed runs equal bgolly") {
  struct Case {
    const char* rule;
    std::int64_t w;
    std::int64_t h;
    Topology topology;
    std::int64_t generations;
  };
  const std::vector<Case> cases = {{"B3/S23", 37, 23, Topology::torus, 80},
                                   {"B36/S23", 64, 65, Topology::plane, 60},
                                   {"B3678/S34678", 41, 29, Topology::torus, 50},
                                   {"B34/S34", 101, 7, Topology::plane, 40}};
  std::uint64_t seed = 300;
  for (const Case& c : cases) {
    const Rule rule = parse_rule(c.rule).rule;
    ++seed;
    CellArray want;
    if (test::world_rank() == 0) {
      CellArray start(c.h, c.w);
      for (std::int64_t y = 0; y < c.h; ++y) {
        for (std::int64_t x = 0; x < c.w; ++x) start(y, x) = soup_cell(seed, x, y, 0.4) ? 1 : 0;
      }
      want = golly::golly_evolve(start, rule, c.topology, c.generations);
    }
    for (const ProcessGrid& g : test::process_grids(test::world_size(), c.w, c.h)) {
      Simulation sim(mpi::world(), c.w, c.h, c.topology, g, KernelKind::fast, rule);
      fill_soup(sim, seed, 0.4);
      for (std::int64_t i = 0; i < c.generations; ++i) sim.step();
      const CellArray got = gather_grid(sim);
      INFO(c.rule, " ", c.w, "x", c.h, " ", to_string(c.topology), " procs ", test::name(g));
      CHECK(test::root_says(test::world_rank() != 0 || (got == want).all()));
    }
  }
}
