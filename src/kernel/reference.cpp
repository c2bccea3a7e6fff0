#include "mpilife/kernel/reference.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "mpilife/core/byte_field.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"

namespace mpilife {

namespace {

/// The oracle: one byte per cell, the rule written the obvious way.
class ReferenceTile final : public Tile {
 public:
  ReferenceTile(std::int64_t w, std::int64_t h, const Rule& rule)
      : Tile(w, h, rule), cur_(w, h), next_(w, h) {
    for (int n = 0; n <= 8; ++n) {
      next_state_[0][n] = rule.births(n) ? 1 : 0;
      next_state_[1][n] = rule.survives(n) ? 1 : 0;
    }
  }

  std::size_t face_bytes(Dir d) const override {
    return static_cast<std::size_t>(face_region(d, width(), height()).cells());
  }

  void pack_face(Dir d, std::byte* out) const override {
    const Extent e = face_region(d, width(), height());
    for (std::int64_t y = 0; y < e.h; ++y) {
      for (std::int64_t x = 0; x < e.w; ++x) {
        *out++ = static_cast<std::byte>(cur_(e.x0 + x, e.y0 + y));
      }
    }
  }

  void unpack_ghost(Dir d, const std::byte* in) override {
    const Extent e = ghost_region(d, width(), height());
    for (std::int64_t y = 0; y < e.h; ++y) {
      for (std::int64_t x = 0; x < e.w; ++x) {
        cur_(e.x0 + x, e.y0 + y) = static_cast<std::uint8_t>(*in++);
      }
    }
  }

  void clear_ghost(Dir d) override {
    const Extent e = ghost_region(d, width(), height());
    for (std::int64_t y = 0; y < e.h; ++y) {
      for (std::int64_t x = 0; x < e.w; ++x) cur_(e.x0 + x, e.y0 + y) = 0;
    }
  }

  void step_interior(std::int64_t row_begin, std::int64_t row_end) override {
    for (std::int64_t y = row_begin; y < row_end; ++y) step_row(y, 1, width() - 1);
  }

  void step_border() override {
    const std::int64_t w = width();
    const std::int64_t h = height();
    step_row(0, 0, w);
    if (h > 1) step_row(h - 1, 0, w);
    for (std::int64_t y = 1; y + 1 < h; ++y) {
      step_row(y, 0, std::min<std::int64_t>(1, w));
      if (w > 1) step_row(y, w - 1, w);
    }
  }

  void swap() override { std::swap(cur_, next_); }

  void read_row(std::int64_t y, std::uint8_t* out) const override {
    std::memcpy(out, cur_.ptr(0, y), static_cast<std::size_t>(width()));
  }

  void write_row(std::int64_t y, const std::uint8_t* in) override {
    for (std::int64_t x = 0; x < width(); ++x) cur_(x, y) = in[x] ? 1 : 0;
  }

  std::int64_t population() const override {
    std::int64_t n = 0;
    for (std::int64_t y = 0; y < height(); ++y) {
      const std::uint8_t* row = cur_.ptr(0, y);
      for (std::int64_t x = 0; x < width(); ++x) n += row[x];
    }
    return n;
  }

  bool changed() const override {
    for (std::int64_t y = 0; y < height(); ++y) {
      if (std::memcmp(cur_.ptr(0, y), next_.ptr(0, y), static_cast<std::size_t>(width())) != 0) {
        return true;
      }
    }
    return false;
  }

  std::size_t storage_bytes() const override {
    return 2 * static_cast<std::size_t>(cur_.storage().size());
  }

 private:
  // Next state of cells [x_begin, x_end) of row y.
  void step_row(std::int64_t y, std::int64_t x_begin, std::int64_t x_end) {
    const std::uint8_t* up = cur_.ptr(0, y - 1);
    const std::uint8_t* mid = cur_.ptr(0, y);
    const std::uint8_t* down = cur_.ptr(0, y + 1);
    std::uint8_t* out = next_.ptr(0, y);
    for (std::int64_t x = x_begin; x < x_end; ++x) {
      const int n = up[x - 1] + up[x] + up[x + 1] + mid[x - 1] + mid[x + 1] + down[x - 1] +
                    down[x] + down[x + 1];
      out[x] = next_state_[mid[x]][n];
    }
  }

  ByteField cur_;
  ByteField next_;
  std::array<std::array<std::uint8_t, 9>, 2> next_state_{};
};

}  // namespace

std::unique_ptr<Tile> make_reference_tile(std::int64_t w, std::int64_t h, const Rule& rule) {
  return std::make_unique<ReferenceTile>(w, h, rule);
}

}  // namespace mpilife
