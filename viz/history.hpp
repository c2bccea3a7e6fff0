#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mpilife::viz {

/// The population at the generations the viewer showed, for the population plot: one sample per
/// generation shown, bounded by thinning (every other sample dropped) when full, so a long run
/// keeps its whole shape at a coarser spacing. Fed from the frames rank 0 already receives: no
/// reduction of its own.
class PopulationHistory {
 public:
  /// One generation's population.
  struct Sample {
    std::int64_t generation = 0;  ///< the generation
    std::int64_t population = 0;  ///< live cells then
  };

  /// Samples kept by default.
  static constexpr std::size_t kCapacity = 4096;

  /// An empty history keeping at most `capacity` (at least 2) samples.
  explicit PopulationHistory(std::size_t capacity = kCapacity);

  /// Records `population` at `generation`: the same generation again replaces its sample (an
  /// edit while stopped), an earlier one (a replay jumping back) first drops the samples from
  /// there on.
  void record(std::int64_t generation, std::int64_t population);
  /// The samples, by increasing generation.
  const std::vector<Sample>& samples() const { return samples_; }
  /// Number of samples.
  std::size_t size() const { return samples_.size(); }
  /// Largest population recorded (0 when empty).
  std::int64_t max_population() const;

 private:
  std::size_t capacity_;
  std::vector<Sample> samples_;
};

}  // namespace mpilife::viz
