#include "history.hpp"

#include <algorithm>

namespace mpilife::viz {

PopulationHistory::PopulationHistory(std::size_t capacity)
    : capacity_(std::max<std::size_t>(2, capacity)) {}

void PopulationHistory::record(std::int64_t generation, std::int64_t population) {
  while (!samples_.empty() && samples_.back().generation > generation) samples_.pop_back();
  if (!samples_.empty() && samples_.back().generation == generation) {
    samples_.back().population = population;
    return;
  }
  samples_.push_back({generation, population});
  if (samples_.size() <= capacity_) return;
  // Full: keep samples 0, 2, 4, ... and the newest.
  std::size_t kept = 0;
  for (std::size_t i = 0; i + 1 < samples_.size(); i += 2) samples_[kept++] = samples_[i];
  samples_[kept++] = samples_.back();
  samples_.resize(kept);
}

std::int64_t PopulationHistory::max_population() const {
  std::int64_t m = 0;
  for (const Sample& s : samples_) m = std::max(m, s.population);
  return m;
}

}  // namespace mpilife::viz
