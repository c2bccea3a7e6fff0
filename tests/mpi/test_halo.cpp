// Halo test: every cell holds (its global index + 1); after one exchange every ghost cell,
// corners included, must hold the value of the cell it mirrors (0 outside a plane).
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/kernel/tile_roles.hpp"
#include "mpilife/parallel/halo.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "support/mpi_test_util.hpp"

using namespace mpilife;

namespace {

// A tile that stores an integer per cell, so a misplaced ghost shows where it came from.
class IndexTile final : public TileFaces {
 public:
  IndexTile(std::int64_t w, std::int64_t h) : w_(w), h_(h), v_((w + 2) * (h + 2), -7) {}

  std::int64_t width() const { return w_; }
  std::int64_t height() const { return h_; }

  std::int64_t& at(std::int64_t x, std::int64_t y) { return v_[idx(x, y)]; }

  std::size_t face_bytes(Dir d) const override {
    return static_cast<std::size_t>(face_region(d, width(), height()).cells()) * 8;
  }
  void pack_face(Dir d, std::byte* out) const override {
    const Extent e = face_region(d, width(), height());
    for (std::int64_t y = e.y0; y < e.y0 + e.h; ++y) {
      for (std::int64_t x = e.x0; x < e.x0 + e.w; ++x, out += 8)
        std::memcpy(out, &v_[idx(x, y)], 8);
    }
  }
  void unpack_ghost(Dir d, const std::byte* in) override {
    const Extent e = ghost_region(d, width(), height());
    for (std::int64_t y = e.y0; y < e.y0 + e.h; ++y) {
      for (std::int64_t x = e.x0; x < e.x0 + e.w; ++x, in += 8) std::memcpy(&v_[idx(x, y)], in, 8);
    }
  }
  void clear_ghost(Dir d) override {
    const Extent e = ghost_region(d, width(), height());
    for (std::int64_t y = e.y0; y < e.y0 + e.h; ++y) {
      for (std::int64_t x = e.x0; x < e.x0 + e.w; ++x) v_[idx(x, y)] = 0;
    }
  }

 private:
  std::size_t idx(std::int64_t x, std::int64_t y) const {
    return static_cast<std::size_t>((y + 1) * (width() + 2) + x + 1);
  }
  std::int64_t w_;
  std::int64_t h_;
  std::vector<std::int64_t> v_;
};

void check_halo(std::int64_t width, std::int64_t height, const ProcessGrid& procs, bool periodic) {
  mpi::CartComm cart(mpi::world(), procs.cols, procs.rows, periodic);
  const Extent e = tile_extent(width, height, procs, cart.coords()[0], cart.coords()[1]);
  IndexTile tile(e.w, e.h);
  for (std::int64_t y = 0; y < e.h; ++y) {
    for (std::int64_t x = 0; x < e.w; ++x) tile.at(x, y) = (e.y0 + y) * width + e.x0 + x + 1;
  }
  HaloExchange halo(cart, tile);
  for (int round = 0; round < 2; ++round) {  // persistent requests must restart cleanly
    halo.start();
    halo.poll();
    halo.finish();
  }
  std::int64_t wrong = 0;
  std::string first_wrong;
  for (std::int64_t y = -1; y <= e.h; ++y) {
    for (std::int64_t x = -1; x <= e.w; ++x) {
      if (x >= 0 && x < e.w && y >= 0 && y < e.h) continue;
      std::int64_t gx = e.x0 + x;
      std::int64_t gy = e.y0 + y;
      std::int64_t expected = 0;
      if (periodic) {
        gx = (gx + width) % width;
        gy = (gy + height) % height;
        expected = gy * width + gx + 1;
      } else if (gx >= 0 && gx < width && gy >= 0 && gy < height) {
        expected = gy * width + gx + 1;
      }
      if (tile.at(x, y) != expected) {
        if (wrong++ == 0) {
          first_wrong = "ghost (" + std::to_string(x) + "," + std::to_string(y) + ") holds " +
                        std::to_string(tile.at(x, y)) + ", expected " + std::to_string(expected);
        }
      }
    }
  }
  INFO("grid ", width, "x", height, " procs ", test::name(procs), periodic ? " torus" : " plane",
       " rank ", test::world_rank(), ": ", first_wrong);
  CHECK(wrong == 0);
}

}  // namespace

TEST_CASE("every ghost cell, corners included, mirrors the right cell") {
  const int p = test::world_size();
  for (const auto& [w, h] :
       std::vector<std::array<std::int64_t, 2>>{{13, 11}, {7, 9}, {6, 6}, {40, 3}}) {
    for (const ProcessGrid& g : test::process_grids(p, w, h)) {
      for (bool periodic : {true, false}) check_halo(w, h, g, periodic);
    }
  }
}

TEST_CASE("tiles of a single row or column exchange correctly") {
  const int p = test::world_size();
  check_halo(p, 5, {p, 1}, true);   // one column per rank
  check_halo(5, p, {1, p}, false);  // one row per rank
  check_halo(p, p, {p, 1}, false);
}
