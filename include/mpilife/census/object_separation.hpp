#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "mpilife/census/apgcode.hpp"
#include "mpilife/census/patch.hpp"
#include "mpilife/census/patch_stepper.hpp"
#include "mpilife/core/rule.hpp"

namespace mpilife {

/// Splits a periodic object into the objects it is made of (a pseudo still life into its still
/// lifes, a blinker beside a block into both), as lifelib's full_3dsep does for apgsearch:
///
/// - the cells of one cycle (phases 0..period) are nodes of a space-time graph: a cell is joined
///   to its eight neighbours in its generation and to the nine cells around it one generation
///   later, and phase period to phase 0 moved by the object's displacement;
/// - a dead cell with three or more live neighbours joins them all (a birth someone suppresses);
///   if the graph then still has several parts, each part is an object on its own;
/// - otherwise the parts of the plain graph (islands) are refined: an island that alone would
///   give birth to a cell next to exactly one other island is merged with it; then, if every
///   island runs alone exactly as in the whole, each is an object; else the islands are coloured
///   with n = 2, 3, ... colours (at most 4 for an oscillator of period <= 3 that does not move, at
///   most 16 islands and 2^20 colourings) and the first colouring whose every colour runs alone as
///   in the whole gives the objects;
/// - each object found is split again, until none splits.
///
/// Objects are named by `classify_object`; the splits are cached by apgcode as lifelib does, and
/// by the shape given (apgsearch's cache of small objects), so one separator serves many soups of
/// one rule and a shape seen before costs one look-up.
class ObjectSeparator {
 public:
  /// A separator for `rule` (no B0) classifying with `limits`.
  ObjectSeparator(const Rule& rule, const ClassifyLimits& limits);

  /// The objects `object` is made of: one classification per object (an unclassified object,
  /// with its reason, is not split).
  std::vector<ObjectClass> separate(const Patch& object);

 private:
  std::vector<ObjectClass> separate_uncached(const Patch& object);
  std::vector<ObjectClass> split_periodic(const Patch& object, const ObjectClass& whole);

  Rule rule_;
  ClassifyLimits limits_;
  PatchStepper stepper_;
  std::unordered_map<std::string, std::vector<ObjectClass>> splits_;
  std::unordered_map<std::string, std::vector<ObjectClass>> by_shape_;
};

}  // namespace mpilife
