#pragma once

#include <vector>

#include "mpilife/census/patch.hpp"

namespace mpilife {

/// The clusters of `live` through `envelope` (lifelib's grow_cluster with Life's zone "95"): two
/// cells of the envelope are linked when one lies in the 5x5 box around the other without its
/// corners (dx^2 + dy^2 <= 5); each part of the envelope so linked that holds live cells gives one
/// cluster, its live cells. `envelope` must hold every live cell (it is usually the union of the
/// states of a few generations); `live` alone as its own envelope groups cells that are near now.
/// Clusters come in the order of their first live cell, row by row.
std::vector<Patch> clusters_of(const Patch& live, const Patch& envelope);

}  // namespace mpilife
