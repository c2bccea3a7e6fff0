#include "mpilife/census/patch_stepper.hpp"

#include <algorithm>
#include <stdexcept>

#include "mpilife/core/geometry.hpp"
#include "mpilife/kernel/reference.hpp"
#include "mpilife/kernel/tile_io.hpp"

namespace mpilife {

PatchStepper::PatchStepper(const Rule& rule) : rule_(rule) {
  if (rule.births(0)) {
    throw std::invalid_argument("rule " + rule.to_string() +
                                " has B0: an isolated pattern has no finite evolution");
  }
}

Patch PatchStepper::step(const Patch& p) {
  if (p.empty()) return p;
  const std::int64_t w = p.width() + 2;
  const std::int64_t h = p.height() + 2;
  if (!tile_ || tile_->width() != w || tile_->height() != h) {
    tile_ = make_reference_tile(w, h, rule_);
  }
  buffer_.assign(static_cast<std::size_t>(w * h), 0);
  const std::vector<std::uint8_t>& src = p.bytes();
  for (std::int64_t y = 0; y < p.height(); ++y) {
    std::copy_n(src.begin() + y * p.width(), p.width(), buffer_.begin() + (y + 1) * w + 1);
  }
  copy_in(*tile_, buffer_.data());
  for (const Dir d : kAllDirs) tile_->clear_ghost(d);
  tile_->step_all();
  copy_out(*tile_, buffer_.data());
  return Patch::from_box(p.x0() - 1, p.y0() - 1, w, h, buffer_);
}

}  // namespace mpilife
