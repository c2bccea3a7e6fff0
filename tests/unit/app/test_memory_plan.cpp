// The memory plan: tile sizes against real tiles, output buffers by option, the refusal message
// for the address-space limit, the node's usable memory and the cgroup limit.

#include <doctest/doctest.h>

#include <string>

#include "mpilife/app/memory_plan.hpp"
#include "mpilife/app/node_memory.hpp"
#include "mpilife/app/numbers.hpp"
#include "mpilife/app/plan.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/tile.hpp"

using namespace mpilife;

namespace {

constexpr long double kGiB = 1024.0L * 1024 * 1024;

RunPlan big_plan(std::int64_t side, int cols, int rows) {
  RunPlan plan;
  plan.width = plan.height = side;
  plan.procs = {cols, rows};
  return plan;
}

// The Error check_memory throws, or "" when it accepts.
std::string refusal(const RunPlan& plan, const MemoryNeed& mine, const NodeShare& node,
                    const NodeMemory& memory) {
  try {
    check_memory(plan, mine, node, memory);
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::usage);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("memory plan: the tile formula bounds what real tiles hold, and not by much") {
  const Rule life = parse_rule("B3/S23").rule;
  for (const KernelKind kind : {KernelKind::fast, KernelKind::reference}) {
    for (const auto& [w, h] : {std::pair<std::int64_t, std::int64_t>{1, 1}, {63, 5}, {64, 64},
                              {65, 130}, {1000, 7}, {4096, 512}, {5000, 3001}}) {
      CAPTURE(w);
      CAPTURE(h);
      const long double planned = tile_bytes(kind, w, h);
      const auto held = static_cast<long double>(make_tile(kind, w, h, life)->storage_bytes());
      CHECK(planned >= held);
      if (w * h >= 4096 * 512) CHECK(planned <= 1.1L * held);
    }
  }
  // No overflow at the largest grid.
  CHECK(largest_tile_bytes(big_plan(kMaxGridSide, 1, 1)) > 1e20L);
}

TEST_CASE("memory plan: output buffers follow the options, rank 0 holds a band") {
  RunPlan plan = big_plan(65536, 1, 2);
  const long double bare = output_bytes(plan, true);
  CHECK(bare == 0);
  plan.options.outputs.final_path = "f.rle";
  const long double root_final = output_bytes(plan, true);
  CHECK(root_final >= 2 * 16 * 1024 * 1024.0L);  // two bands of 16 MiB of rows
  CHECK(root_final < 64 * 1024 * 1024.0L);      // never the 4 GiB grid
  CHECK(output_bytes(plan, false) < root_final);
  plan.options.outputs.final_path.clear();
  plan.options.outputs.output_path = "r.h5";
  plan.options.outputs.frame_scale = 64;
  plan.options.io = IoChoice::gather;
  const long double gathered = output_bytes(plan, true);
  plan.options.io = IoChoice::parallel;
  CHECK(output_bytes(plan, true) < gathered);  // no whole block plane
  plan.options.outputs.output_path.clear();
  plan.cell_count = 1000;
  CHECK(output_bytes(plan, false) >= 1000 * 16.0L);  // a rank may own every cell
}

TEST_CASE("memory plan: refused with the bytes per rank, available, and what to do") {
  RunPlan plan = big_plan(3000000, 1, 1);
  const MemoryNeed need = memory_need(plan, true, 40 * 1024 * 1024.0L);
  CHECK(need.total() > 2 * 1024 * kGiB);
  NodeMemory mem;
  mem.installed = 24 * kGiB;
  mem.available = 20 * kGiB;
  NodeShare one{1, need.total(), need.process};
  const std::string m = refusal(plan, need, one, mem);
  CHECK(m.find("the 3000000x3000000 grid needs 2.05 TiB per rank on 1 rank (1x1 tiles: tile "
               "2.05 TiB, output buffers 0 B, process 40 MiB)") == 0);
  CHECK(m.find("this node has 20 GiB available (of 24 GiB installed)") != std::string::npos);
  CHECK(m.find("use more ranks (on more nodes)") != std::string::npos);

  plan = big_plan(3000000, 16, 16);  // about 8.2 GiB per rank: one rank fits, four do not
  const MemoryNeed part = memory_need(plan, false, 0);
  CHECK(refusal(plan, part, {1, part.total(), 0}, mem).empty());
  const std::string four = refusal(plan, part, {4, 4 * part.total(), 0}, mem);
  CHECK(four.find("for the 4 ranks on this node") != std::string::npos);
  CHECK(refusal(plan, part, {4, 4 * part.total(), 0}, NodeMemory{}).empty());  // unknown

  mem.cgroup_limit = 4 * kGiB;  // Slurm's --mem=4G: tighter than the node
  const std::string cg = refusal(plan, part, {1, part.total(), 0}, mem);
  CHECK(cg.find("this node has 4.00 GiB available (the job's cgroup limit)") != std::string::npos);

  NodeMemory ulimited;
  ulimited.address_limit = 3 * kGiB;
  const std::string as = refusal(plan, part, {1, part.total(), 0}, ulimited);
  CHECK(as.find("more than the address-space limit 3.00 GiB of a process (ulimit -v)") !=
        std::string::npos);
}

TEST_CASE("node memory: usable memory counts what the ranks hold, capped by the cgroup") {
  NodeMemory m;
  CHECK(m.usable(100) == 0);  // unknown
  m.installed = 1000;
  CHECK(m.usable(100) == 1000);  // no MemAvailable: what is installed
  m.available = 600;
  CHECK(m.usable(100) == 700);
  m.cgroup_limit = 500;
  CHECK(m.usable(100) == 500);
  const NodeMemory here = probe_node_memory();
  CHECK(here.installed > 0);  // Linux always tells
  CHECK(resident_bytes() > 0);
  CHECK(peak_resident_bytes() >= resident_bytes());
}

TEST_CASE("bytes are written short") {
  CHECK(bytes_text(0) == "0 B");
  CHECK(bytes_text(1023) == "1023 B");
  CHECK(bytes_text(1536) == "1.50 KiB");
  CHECK(bytes_text(57.0L * 1024 * 1024) == "57 MiB");
  CHECK(bytes_text(2.05L * 1024 * 1024 * 1024 * 1024) == "2.05 TiB");
}
