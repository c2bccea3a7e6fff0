#include "mpilife/app.hpp"

#include <cstdio>

#include "mpilife/error.hpp"

namespace mpilife {

int app_main(int argc, char** argv) {
  mpi::Environment env(argc, argv);
  const mpi::Comm world = mpi::world();
  try {
    RunPlan plan;  // complete on rank 0 (with the pattern's cells); decoded elsewhere
    std::string plan_json;
    mpi::on_root_agreed(world, [&] {
      const Command cmd = parse_command_line(argc, argv);
      if (cmd.kind != Command::Kind::run) {
        std::fputs(cmd.text.c_str(), stdout);
        std::fflush(stdout);
        return;
      }
      plan = resolve_plan(cmd.run);
      int dims[2] = {0, 0};
      MPI_Dims_create(world.size(), 2, dims);
      plan.procs = choose_process_grid(plan.decomp, world.size(), plan.width, plan.height,
                                       {dims[0], dims[1]});
      plan_json = plan.to_json();
    });
    mpi::broadcast(plan_json, 0, world);
    if (plan_json.empty()) return 0;  // help or version
    if (world.rank() != 0) plan = RunPlan::from_json(plan_json);
    return run_command(world, plan);
  } catch (const Error& e) {
    if (world.rank() == 0) std::fprintf(stderr, "mpilife: %s\n", e.what());
    return static_cast<int>(e.code());
  }
}

}  // namespace mpilife
