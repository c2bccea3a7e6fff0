#pragma once

#include "mpilife/parallel/simulation.hpp"

namespace mpilife {

class Simulation;

/// A hook that sees the grid as a run advances (output files, viewers). Every method is called on
/// every rank at the same point, so implementations may use collectives.
class Observer {
 public:
  virtual ~Observer() = default;
  /// The initial state, before the first step.
  virtual void start(const Simulation& sim) { (void)sim; }
  /// The state after each generation.
  virtual void after_step(const Simulation& sim) { (void)sim; }
  /// The final state (also after an early stop or an interruption).
  virtual void finish(const Simulation& sim) { (void)sim; }
};

}  // namespace mpilife
