// The manager/worker task farm: rank 0 sees the same results in the same order for every rank
// count and chunk size, uneven and failing tasks do not disturb it, and a stop request returns a
// clean prefix.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "mpilife/core/error.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/task_farm.hpp"
#include "support/mpi_test_util.hpp"

using namespace mpilife;

namespace {

// A result of a length that varies with the task (empty for some), its bytes depending on it.
std::string result_of(std::int64_t task) {
  std::string s = std::to_string(task * task) + ":";
  for (std::int64_t i = 0; i < task % 11; ++i) s += static_cast<char>('a' + (task + i) % 26);
  if (task % 13 == 5) s.clear();
  return s;
}

// What rank 0 heard, in the order it heard it: results as "R task bytes", errors as "E task msg".
struct Heard {
  std::vector<std::string> lines;
  TaskResultSink results() {
    return [this](std::int64_t task, const std::string& r) {
      lines.push_back("R " + std::to_string(task) + " " + r);
    };
  }
  TaskErrorSink errors() {
    return [this](std::int64_t task, const std::string& m) {
      lines.push_back("E " + std::to_string(task) + " " + m);
    };
  }
};

std::vector<std::string> expected_results(std::int64_t tasks) {
  std::vector<std::string> out;
  for (std::int64_t t = 0; t < tasks; ++t)
    out.push_back("R " + std::to_string(t) + " " + result_of(t));
  return out;
}

// True when `report` is the same on every rank.
bool same_everywhere(const TaskFarmReport& report) {
  const mpi::Comm world = mpi::world();
  std::vector<std::int64_t> mine = {report.tasks, report.completed,
                                    static_cast<std::int64_t>(report.failed_tasks.size()),
                                    report.stopped ? 1 : 0, report.manager_worked ? 1 : 0};
  for (const WorkerLoad& w : report.ranks) {
    mine.push_back(w.tasks);
    mine.push_back(w.chunks);
  }
  std::vector<std::int64_t> root = mine;
  mpi::broadcast(root, 0, world);
  return test::all_ranks(root == mine);
}

std::int64_t tasks_run(const TaskFarmReport& report) {
  std::int64_t n = 0;
  for (const WorkerLoad& w : report.ranks) n += w.tasks;
  return n;
}

}  // namespace

TEST_CASE("results in task order, identical for every chunk size and manager role") {
  const mpi::Comm world = mpi::world();
  const int p = world.size();
  const std::int64_t tasks = 257;
  for (const std::int64_t chunk :
       {std::int64_t{0}, std::int64_t{1}, std::int64_t{3}, std::int64_t{1000}}) {
    for (const int role : {-1, 0, 1}) {
      CAPTURE(chunk);
      CAPTURE(role);
      TaskFarmOptions options;
      options.chunk_size = chunk;
      if (role >= 0) options.manager_works = role == 1;
      Heard heard;
      options.on_error = heard.errors();
      const TaskFarmReport report =
          run_task_farm(world, tasks, result_of, heard.results(), options);
      if (world.rank() == 0) CHECK(heard.lines == expected_results(tasks));
      CHECK(heard.lines.empty() == (world.rank() != 0));
      CHECK(report.tasks == tasks);
      CHECK(report.completed == tasks);
      CHECK_FALSE(report.stopped);
      CHECK(report.failed_tasks.empty());
      CHECK(report.ranks.size() == static_cast<std::size_t>(p));
      CHECK(tasks_run(report) == tasks);
      const bool works = p == 1 || (role == -1 ? p <= kManagerWorksUpTo : role == 1);
      CHECK(report.manager_worked == works);
      if (!works) CHECK(report.ranks[0].tasks == 0);
      if (chunk > 0) {
        for (const WorkerLoad& w : report.ranks) CHECK(w.tasks <= w.chunks * chunk);
      }
      CHECK(same_everywhere(report));
    }
  }
}

TEST_CASE("results larger than the eager limit stream back whole") {
  const mpi::Comm world = mpi::world();
  const auto big = [](std::int64_t task) {
    return std::string(static_cast<std::size_t>(50000 + 977 * task),
                       static_cast<char>('A' + task % 26));
  };
  std::vector<std::size_t> sizes;
  std::vector<bool> right;
  for (const std::int64_t chunk : {std::int64_t{1}, std::int64_t{4}}) {
    TaskFarmOptions options;
    options.chunk_size = chunk;
    sizes.clear();
    right.clear();
    run_task_farm(
        world, 20, big,
        [&](std::int64_t task, const std::string& r) {
          sizes.push_back(r.size());
          right.push_back(r == big(task));
        },
        options);
    // CHECK, not REQUIRE: leaving the test case on rank 0 alone would desynchronise the ranks.
    if (world.rank() == 0) {
      CHECK(sizes.size() == 20);
      for (std::int64_t t = 0; t < 20 && sizes.size() == 20; ++t) {
        CHECK(sizes[static_cast<std::size_t>(t)] == static_cast<std::size_t>(50000 + 977 * t));
        CHECK(right[static_cast<std::size_t>(t)]);
      }
    }
  }
}

TEST_CASE("uneven task costs still complete, and every worker's busy time is reported") {
  const mpi::Comm world = mpi::world();
  const int p = world.size();
  // Every third task sleeps 3 ms; the rest return at once.
  const auto uneven = [](std::int64_t task) {
    if (task % 3 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(3));
    return result_of(task);
  };
  const std::int64_t tasks = 24 * p;
  for (const std::int64_t chunk : {std::int64_t{0}, std::int64_t{1}, std::int64_t{3}}) {
    CAPTURE(chunk);
    TaskFarmOptions options;
    options.chunk_size = chunk;
    Heard heard;
    const TaskFarmReport report = run_task_farm(world, tasks, uneven, heard.results(), options);
    if (world.rank() == 0) CHECK(heard.lines == expected_results(tasks));
    CHECK(report.completed == tasks);
    CHECK(tasks_run(report) == tasks);
    double busy = 0.0;
    for (const WorkerLoad& w : report.ranks) busy += w.busy_seconds;
    CHECK(busy >= 0.003 * double(tasks / 3) * 0.99);
    CHECK(same_everywhere(report));
  }
  // With chunks of one task and two queued per worker, every worker gets work at the start; each
  // task sleeps, so every worker's busy time shows it.
  TaskFarmOptions options;
  options.chunk_size = 1;
  options.manager_works = false;
  const auto sleepy = [](std::int64_t task) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return result_of(task);
  };
  const std::int64_t n = 4 * p;
  const TaskFarmReport report = run_task_farm(world, n, sleepy, nullptr, options);
  CHECK(report.completed == n);
  CHECK(report.ranks.size() == static_cast<std::size_t>(p));
  for (int r = 0; r < p; ++r) {
    CAPTURE(r);
    const WorkerLoad& w = report.ranks[static_cast<std::size_t>(r)];
    const bool worker = p == 1 || r > 0;
    CHECK((w.tasks > 0) == worker);
    CHECK(w.chunks == w.tasks);
    CHECK(w.busy_seconds >= 0.002 * double(w.tasks) * 0.99);
    if (!worker) CHECK(w.busy_seconds == 0.0);
  }
  if (p > 1) CHECK(report.ranks[0].tasks == 0);
}

TEST_CASE("results that overtake a slow first task wait for it") {
  const mpi::Comm world = mpi::world();
  const int p = world.size();
  if (p < 3) return;  // needs two workers beside a manager that only manages
  // Worker 1 gets task 0, which takes far longer than all the others together: the other workers'
  // results arrive first and are held back until task 0's has been delivered.
  const auto slow_start = [](std::int64_t task) {
    std::this_thread::sleep_for(std::chrono::milliseconds(task == 0 ? 300 : 1));
    return result_of(task);
  };
  TaskFarmOptions options;
  options.chunk_size = 1;
  options.manager_works = false;
  Heard heard;
  const std::int64_t tasks = 40;
  const TaskFarmReport report = run_task_farm(world, tasks, slow_start, heard.results(), options);
  if (world.rank() == 0) CHECK(heard.lines == expected_results(tasks));
  CHECK(report.completed == tasks);
  CHECK(report.ranks[1].busy_seconds >= 0.3);
  CHECK(report.ranks[1].tasks < tasks - report.ranks[1].tasks);
}

TEST_CASE("zero tasks and more ranks than tasks") {
  const mpi::Comm world = mpi::world();
  const int p = world.size();
  int calls = 0;
  const auto counted = [&calls](std::int64_t task) {
    ++calls;
    return result_of(task);
  };
  Heard none;
  const TaskFarmReport empty = run_task_farm(world, 0, counted, none.results());
  CHECK(none.lines.empty());
  CHECK(calls == 0);
  CHECK(empty.completed == 0);
  CHECK(empty.ranks.size() == static_cast<std::size_t>(p));
  CHECK(tasks_run(empty) == 0);
  CHECK_FALSE(empty.stopped);

  for (const std::int64_t tasks : {std::int64_t{1}, std::int64_t{2}}) {
    for (const std::int64_t chunk : {std::int64_t{0}, std::int64_t{1}, std::int64_t{1000}}) {
      TaskFarmOptions options;
      options.chunk_size = chunk;
      Heard heard;
      calls = 0;
      const TaskFarmReport report = run_task_farm(world, tasks, counted, heard.results(), options);
      if (world.rank() == 0) CHECK(heard.lines == expected_results(tasks));
      CHECK(mpi::allreduce(calls, mpi::Op::sum, world) == tasks);
      CHECK(report.completed == tasks);
      CHECK(tasks_run(report) == tasks);
    }
  }
}

TEST_CASE("a throwing task becomes an error result and the farm goes on") {
  const mpi::Comm world = mpi::world();
  const auto flaky = [](std::int64_t task) -> std::string {
    if (task % 7 == 3) throw std::runtime_error("task " + std::to_string(task) + " broke");
    if (task == 12) throw 42;  // not a std::exception
    return result_of(task);
  };
  const std::int64_t tasks = 50;
  std::vector<std::string> expected;
  std::vector<std::int64_t> failed;
  for (std::int64_t t = 0; t < tasks; ++t) {
    if (t % 7 == 3) {
      expected.push_back("E " + std::to_string(t) + " task " + std::to_string(t) + " broke");
      failed.push_back(t);
    } else if (t == 12) {
      expected.push_back("E 12 unknown exception");
      failed.push_back(t);
    } else {
      expected.push_back("R " + std::to_string(t) + " " + result_of(t));
    }
  }
  for (const std::int64_t chunk :
       {std::int64_t{0}, std::int64_t{1}, std::int64_t{3}, std::int64_t{1000}}) {
    CAPTURE(chunk);
    TaskFarmOptions options;
    options.chunk_size = chunk;
    Heard heard;
    options.on_error = heard.errors();
    const TaskFarmReport report = run_task_farm(world, tasks, flaky, heard.results(), options);
    if (world.rank() == 0) CHECK(heard.lines == expected);
    CHECK(report.completed == tasks);
    CHECK(report.failed_tasks == failed);
    CHECK(same_everywhere(report));
  }
  // Without an error sink the errors are still counted, and no result is made up for them.
  Heard results_only;
  const TaskFarmReport report = run_task_farm(world, tasks, flaky, results_only.results());
  CHECK(report.failed_tasks == failed);
  if (world.rank() == 0)
    CHECK(results_only.lines.size() + failed.size() == static_cast<std::size_t>(tasks));
}

TEST_CASE("a stop request returns a consistent prefix") {
  const mpi::Comm world = mpi::world();
  const auto slow = [](std::int64_t task) {
    std::this_thread::sleep_for(std::chrono::microseconds(500));
    return result_of(task);
  };
  const std::int64_t tasks = 100000;
  for (const std::int64_t chunk : {std::int64_t{0}, std::int64_t{1}, std::int64_t{3}}) {
    CAPTURE(chunk);
    Heard heard;
    TaskFarmOptions options;
    options.chunk_size = chunk;
    options.stop_requested = [&heard] { return heard.lines.size() >= 10; };
    const TaskFarmReport report = run_task_farm(world, tasks, slow, heard.results(), options);
    CHECK(report.stopped);
    CHECK(report.completed >= 10);
    CHECK(report.completed < tasks);
    if (world.rank() == 0) {
      CHECK(heard.lines == expected_results(report.completed));
      // Everything handed out was collected: the workers ran exactly the prefix.
      CHECK(tasks_run(report) == report.completed);
    }
    CHECK(same_everywhere(report));
  }
  // A stop requested before anything is handed out runs nothing.
  Heard heard;
  TaskFarmOptions options;
  options.stop_requested = [] { return true; };
  const TaskFarmReport report = run_task_farm(world, tasks, slow, heard.results(), options);
  CHECK(report.stopped);
  CHECK(report.completed == 0);
  CHECK(tasks_run(report) == 0);
  CHECK(heard.lines.empty());
  // A stop request after the last task was handed out is not a stop.
  TaskFarmOptions late;
  late.stop_requested = [&heard] { return heard.lines.size() >= 5; };
  const TaskFarmReport full = run_task_farm(world, 5, slow, heard.results(), late);
  CHECK_FALSE(full.stopped);
  CHECK(full.completed == 5);
}

TEST_CASE("a result sink that throws ends the farm with the same error on every rank") {
  const mpi::Comm world = mpi::world();
  const auto sink = [](std::int64_t task, const std::string&) {
    if (task == 7) throw Error(ExitCode::io, "cannot write task 7");
  };
  int code = 0;
  std::string message;
  try {
    run_task_farm(world, 40, result_of, sink);
  } catch (const Error& e) {
    code = static_cast<int>(e.code());
    message = e.what();
  }
  CHECK(code == static_cast<int>(ExitCode::io));
  CHECK(message == "cannot write task 7");
  // The farm is usable again afterwards (nothing left in flight).
  Heard heard;
  const TaskFarmReport report = run_task_farm(world, 30, result_of, heard.results());
  if (world.rank() == 0) CHECK(heard.lines == expected_results(30));
  CHECK(report.completed == 30);
}
