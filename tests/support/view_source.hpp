#pragma once

#include <cstdint>

#include "mpilife/view/frame.hpp"

namespace mpilife::test {

/// A w x h test grid as a display is told of it (a replay of `frames` frames, or live when 0).
inline ViewSource source_for(std::int64_t w, std::int64_t h, std::int64_t frames = 0) {
  ViewSource s;
  s.width = w;
  s.height = h;
  s.name = "test";
  s.rule = "B3/S23";
  s.frames = frames;
  return s;
}

}  // namespace mpilife::test
