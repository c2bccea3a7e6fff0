#include "mpilife/app/main.hpp"

#include <cstdio>
#include <iostream>

#include "mpilife/app/census_command.hpp"
#include "mpilife/app/live.hpp"
#include "mpilife/app/node_memory.hpp"
#include "mpilife/app/options.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/app/run.hpp"
#include "mpilife/app/view_command.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/kernel/isa.hpp"
#include "mpilife/io/hdf5/inspect.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/mpi/environment.hpp"
#include "mpilife/view/display.hpp"

namespace mpilife {

int app_main(int argc, char** argv, const DisplayFactory& make_display) {
  mpi::prefer_romio();
  mpi::Environment env(argc, argv);
  const mpi::Comm world = mpi::world();
  try {
    RunPlan plan;  // complete on rank 0 (with the pattern's cells); decoded elsewhere
    std::string plan_json;
    ViewOptions replay;  // `mpilife view` (rank 0)
    bool census = false;  // `mpilife census`: every rank parses its options after rank 0 did
    mpi::on_root_agreed(world, [&] {
      const Command cmd = parse_command_line(argc, argv);
      if ((cmd.kind == Command::Kind::view || cmd.run.view) && !make_display) {
        throw Error(ExitCode::usage,
                    std::string(cmd.run.view ? "--view: " : "view: ") + kNoViewerMessage);
      }
      if (cmd.kind == Command::Kind::view) {
        replay = cmd.view;
        return;
      }
      if (cmd.kind == Command::Kind::info) {
        print_file_info(cmd.inspect.file, std::cout);
        std::cout.flush();
        return;
      }
      if (cmd.kind == Command::Kind::export_frame) {
        export_frame(cmd.inspect.file, cmd.inspect.frame, cmd.inspect.out_path);
        return;
      }
      if (cmd.kind == Command::Kind::census) {
        census = true;
        return;
      }
      if (cmd.kind != Command::Kind::run) {
        std::fputs(cmd.text.c_str(), stdout);
        std::fflush(stdout);
        return;
      }
      plan = resolve_plan(cmd.run);
      plan.procs = choose_process_grid(plan.options.decomp, world.size(), plan.width, plan.height,
                                       mpi::dims_create(world.size()));
      plan_json = plan.to_json();
    });
    if (mpi::broadcast(census, 0, world)) {
      return census_command(world, parse_command_line(argc, argv).census);
    }
    if (mpi::broadcast(!replay.file.empty(), 0, world)) {
      view_command(
          world, replay.file,
          {static_cast<int>(replay.window[0]), static_cast<int>(replay.window[1]), replay.script},
          make_display);
      return 0;
    }
    mpi::broadcast(plan_json, 0, world);
    if (plan_json.empty()) return 0;  // help or version
    if (world.rank() != 0) plan = RunPlan::from_json(plan_json);
    // Every rank runs the fast kernel's instruction set of its own command line (MPMD runs may
    // differ); one a rank cannot run stops every rank with exit 64.
    mpi::everywhere_agreed(world, [&] {
      try {
        select_fast_isa(isa_argument(argc, argv));
      } catch (const Error& e) {
        if (world.rank() == 0) throw;
        throw Error(e.code(), "rank " + std::to_string(world.rank()) + ": " + e.what());
      }
    });
    return run_command(world, plan, make_display);
  } catch (const Error& e) {
    if (world.rank() == 0) std::fprintf(stderr, "mpilife: %s\n", e.what());
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    // Not agreed: only this rank ran out of memory; the others may be waiting in a collective.
    std::fprintf(stderr,
                 "mpilife: rank %d: out of memory (peak resident %s) although the memory plan "
                 "passed: other jobs on the node may have taken memory; rerun with more ranks\n",
                 world.rank(), bytes_text(peak_resident_bytes()).c_str());
    mpi::abort(world, static_cast<int>(ExitCode::software));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mpilife: rank %d: internal error: %s\n", world.rank(), e.what());
    mpi::abort(world, static_cast<int>(ExitCode::software));
  }
  return static_cast<int>(ExitCode::software);
}

}  // namespace mpilife
