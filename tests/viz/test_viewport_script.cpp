// The SDL-free parts the viewer is built on: the viewport's zoom, pan and requests, and the
// --view-script language.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/view/frame.hpp"
#include "script.hpp"
#include "viewport.hpp"

using namespace mpilife;
using namespace mpilife::viz;

TEST_CASE("viewport: fit, zoom about a point, pan, and the data it asks for") {
  Viewport small(64, 48, 640, 480);
  CHECK(small.zoom() == 3);  // 8 pixels per cell: 512 x 384
  CHECK(small.origin_x() == 64);
  CHECK(small.origin_y() == 48);
  CHECK(small.request() == ViewRequest{{0, 0, 64, 48}, 1});
  CHECK(small.zoom_text() == "1:8");
  const auto c = small.cell_at(200, 100);
  REQUIRE(c);
  CHECK(*c == Cell{17, 6});
  CHECK_FALSE(small.cell_at(10, 10));
  small.zoom_by(1, 200, 100);
  CHECK(small.zoom() == 4);
  CHECK(*small.cell_at(200, 100) == Cell{17, 6});
  small.zoom_by(1, 200, 100);
  CHECK(*small.cell_at(200, 100) == Cell{17, 6});
  const ViewRequest in = small.request();  // 32 px per cell: 20 x 15 cells visible
  CHECK(in.scale == 1);
  CHECK(in.region.w == 21);  // a partial cell at the edge
  CHECK(in.region.h == 16);
  small.zoom_by(1, 200, 100);
  CHECK(small.zoom() == Viewport::kMaxZoom);  // no further
  small.pan(-32, 0);
  CHECK(*small.cell_at(200, 100) == Cell{18, 6});

  Viewport big(4096, 4096, 1024, 768);
  CHECK(big.zoom() == -3);  // 8 cells per pixel: 512 x 512 pixels
  CHECK(big.zoom_text() == "8:1");
  CHECK(big.origin_x() == 256);
  CHECK(big.origin_y() == 128);
  CHECK(big.request() == ViewRequest{{0, 0, 4096, 4096}, 8});
  big.zoom_by(1, 700, 300);
  const ViewRequest r = big.request();
  CHECK(r.scale == 4);
  CHECK(r.region.x0 % 4 == 0);
  CHECK(r.region.y0 % 4 == 0);
  CHECK(r.region.w <= 1024 * 4);
  CHECK(r.region.x0 + r.region.w <= 4096);
  big.fit();
  CHECK(big.zoom() == -3);
  for (int i = 0; i < 40; ++i) big.zoom_by(-1, 0, 0);
  CHECK(big.cells_per_pixel() == 4096);  // the whole grid in one pixel, no further
}

TEST_CASE("the script language") {
  const auto s = parse_script(
      "run; wait 30\nscreenshot out.png;key ]  # zoom\n step; step 4; sleep 0.5;"
      "click 10,20; drag 1,2,3,4; quit");
  REQUIRE(s.size() == 10);
  CHECK(s[0].op == ScriptCommand::Op::run);
  CHECK(s[1].op == ScriptCommand::Op::wait);
  CHECK(s[1].args == std::vector<std::int64_t>{30});
  CHECK(s[2].text == "out.png");
  CHECK(s[3].text == "]");
  CHECK(s[4].args == std::vector<std::int64_t>{1});
  CHECK(s[5].args == std::vector<std::int64_t>{4});
  CHECK(s[6].args == std::vector<std::int64_t>{500});
  CHECK(s[7].args == std::vector<std::int64_t>{10, 20});
  CHECK(s[8].args.size() == 4);
  CHECK(s[9].op == ScriptCommand::Op::quit);
  CHECK(parse_script("").empty());
  for (const char* bad : {"jump 3", "wait", "wait x", "click 1", "screenshot", "run 3"}) {
    INFO(bad);
    try {
      parse_script(bad);
      CHECK(false);
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::usage);
    }
  }
}
