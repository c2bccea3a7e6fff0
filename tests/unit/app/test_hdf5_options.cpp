// The HDF5 options and the small pure parts of the io module: --io choice, density pixels,
// sidecar names, and the command line of run/info/export.
#include <doctest/doctest.h>

#include <vector>

#include "cli_test_util.hpp"
#include "mpilife/app/options.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/io/hdf5/io_mode.hpp"
#include "mpilife/io/hdf5/recorder.hpp"
#include "mpilife/io/hdf5/xdmf.hpp"

using namespace mpilife;

namespace {

using test::code_of;
using test::parse;

}  // namespace

TEST_CASE("--io auto gathers small planes and single ranks, writes big ones in parallel") {
  CHECK(choose_io_mode(IoChoice::gather, 8, std::int64_t{1} << 40) == IoMode::gather);
  CHECK(choose_io_mode(IoChoice::parallel, 1, 16) == IoMode::parallel);
  CHECK(choose_io_mode(IoChoice::automatic, 1, std::int64_t{1} << 40) == IoMode::gather);
  CHECK(choose_io_mode(IoChoice::automatic, 4, kAutoParallelPixels) == IoMode::gather);
  CHECK(choose_io_mode(IoChoice::automatic, 4, kAutoParallelPixels + 1) == IoMode::parallel);
}

TEST_CASE("density pixels: 0 only for empty blocks, 255 for full ones, rounded in between") {
  CHECK(density_pixel(0, 16) == 0);
  CHECK(density_pixel(16, 16) == 255);
  CHECK(density_pixel(8, 16) == 128);    // 127.5 rounds up
  CHECK(density_pixel(1, 100000) == 1);  // a lone cell stays visible
  CHECK(density_pixel(3, 12) == 64);     // a partial edge block counts its own cells
}

TEST_CASE("the XDMF sidecar sits next to the recording") {
  CHECK(sidecar_path("run.h5") == "run.xmf");
  CHECK(sidecar_path("out/run.hdf5") == "out/run.xmf");
  CHECK(sidecar_path("run.data") == "run.data.xmf");
}

TEST_CASE("command line: HDF5 options, info and export") {
  const Command c =
      parse({"run", "--random", "0.5", "--output", "r.h5", "--every", "10", "--frame-scale", "4",
             "--io", "parallel", "--checkpoint", "c.h5", "--checkpoint-every", "100", "--force"});
  CHECK(c.run.outputs.output_path == "r.h5");
  CHECK(c.run.outputs.every == 10);
  CHECK(c.run.outputs.frame_scale == 4);
  CHECK(c.run.io == IoChoice::parallel);
  CHECK(c.run.outputs.checkpoint_path == "c.h5");
  CHECK(c.run.outputs.checkpoint_every == 100);
  CHECK(c.run.outputs.force);
  const Command d = parse({"run", "--random", "0.5"});
  CHECK(d.run.io == IoChoice::automatic);
  CHECK(d.run.outputs.every == 1);
  CHECK(d.run.outputs.checkpoint_every == 0);
  CHECK_FALSE(d.run.outputs.force);
  CHECK(parse({"run", "--restart", "c.h5", "-g", "50"}).run.restart_path == "c.h5");
  const Command i = parse({"info", "r.h5"});
  CHECK(i.kind == Command::Kind::info);
  CHECK(i.inspect.file == "r.h5");
  const Command e = parse({"export", "r.h5", "--frame", "3", "--out", "f.rle"});
  CHECK(e.kind == Command::Kind::export_frame);
  CHECK(e.inspect.frame == 3);
  CHECK(e.inspect.out_path == "f.rle");
  CHECK(parse({"export", "r.h5"}).inspect.frame == -1);

  CHECK(code_of({"run", "--random", "0.5", "--every", "5"}) == ExitCode::usage);
  CHECK(code_of({"run", "--random", "0.5", "--output", "r.h5", "--every", "0"}) == ExitCode::usage);
  CHECK(code_of({"run", "--random", "0.5", "--io", "mpiio"}) == ExitCode::usage);
  CHECK(code_of({"run", "--random", "0.5", "--checkpoint-every", "5"}) == ExitCode::usage);
  CHECK(code_of({"run", "p.rle", "--restart", "c.h5"}) == ExitCode::usage);
  CHECK(code_of({"run", "--random", "0.5", "--restart", "c.h5"}) == ExitCode::usage);
  CHECK(code_of({"info"}) == ExitCode::usage);
}

TEST_CASE("the plan JSON carries the HDF5 options") {
  RunPlan p;
  p.options.outputs.output_path = "r.h5";
  p.options.outputs.every = 7;
  p.options.io = IoChoice::gather;
  p.options.outputs.frame_scale = 3;
  p.options.outputs.checkpoint_path = "c.h5";
  p.options.outputs.checkpoint_every = 9;
  p.options.restart_path = "old.h5";
  p.start_generation = 20;
  const RunPlan q = RunPlan::from_json(p.to_json());
  CHECK(q.options.outputs.output_path == "r.h5");
  CHECK(q.options.outputs.every == 7);
  CHECK(q.options.io == IoChoice::gather);
  CHECK(q.options.outputs.frame_scale == 3);
  CHECK(q.options.outputs.checkpoint_path == "c.h5");
  CHECK(q.options.outputs.checkpoint_every == 9);
  CHECK(q.options.restart_path == "old.h5");
  CHECK(q.start_generation == 20);
}

TEST_CASE("--compression 0..9 and the recorded command line travel in the plan") {
  CHECK(parse({"run", "--random", "0.5"}).run.outputs.compression == kDefaultCompression);
  CHECK(parse({"run", "--random", "0.5", "--compression", "0"}).run.outputs.compression == 0);
  CHECK(parse({"run", "--random", "0.5", "--compression", "9"}).run.outputs.compression == 9);
  CHECK(code_of({"run", "--random", "0.5", "--compression", "10"}) == ExitCode::usage);
  CHECK(code_of({"run", "--random", "0.5", "--compression", "-1"}) == ExitCode::usage);
  const Command c = parse({"run", "p q.rle's", "--seed", "7"});
  CHECK(c.run.command_line.find(" run 'p q.rle'\\''s' --seed 7") != std::string::npos);
  RunPlan p;
  p.options.outputs.compression = 6;
  p.options.command_line = c.run.command_line;
  const RunPlan q = RunPlan::from_json(p.to_json());
  CHECK(q.options.outputs.compression == 6);
  CHECK(q.options.command_line == c.run.command_line);
}
