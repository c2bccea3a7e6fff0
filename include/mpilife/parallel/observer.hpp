#pragma once

#include <cstdint>

#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

class Simulation;

/// The first multiple of `every` (>= 1) after `generation`: when an output written every `every`
/// generations next wants to see the grid (Observer::next_wanted).
constexpr std::int64_t next_multiple(std::int64_t generation, std::int64_t every) {
  return (generation / every + 1) * every;
}

/// A hook that sees the grid as a run advances (output files, viewers). Every method is called on
/// every rank at the same point, so implementations may use collectives.
class Observer {
 public:
  virtual ~Observer() = default;
  /// The initial state, before the first step.
  virtual void start(const Simulation& sim) { (void)sim; }
  /// The state after each step of the run (one or more generations: see next_wanted).
  virtual void after_step(const Simulation& sim) { (void)sim; }
  /// The first generation after `generation` whose state after_step must see: the run steps at
  /// most that far at once (it may stop short of it). By default the next one.
  virtual std::int64_t next_wanted(std::int64_t generation) const { return generation + 1; }
  /// The final state (also after an early stop or an interruption).
  virtual void finish(const Simulation& sim) { (void)sim; }
};

}  // namespace mpilife
