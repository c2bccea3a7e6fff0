#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mpilife/parallel/mpi/comm.hpp"

namespace mpilife {

/// Runs one task and returns its result as bytes; called on the ranks that work. An exception it
/// throws becomes that task's error result (its what()), and the farm goes on.
using TaskFunction = std::function<std::string(std::int64_t task)>;

/// Receives one task's result on rank 0, called in task order 0, 1, 2, ... (empty = results are
/// dropped, only counted).
using TaskResultSink = std::function<void(std::int64_t task, const std::string& result)>;

/// Receives one task's error on rank 0 (the message of what the task threw), in the same ordered
/// stream as the results: task k's result or error comes after those of every task before k.
using TaskErrorSink = std::function<void(std::int64_t task, const std::string& message)>;

/// How a task farm hands out work; every rank passes the same values (stop_requested apart).
struct TaskFarmOptions {
  /// Tasks per chunk handed to a worker; 0 = automatic: each chunk is sized from the measured
  /// mean task time to take about kTargetChunkSeconds of work (one task until a first chunk has
  /// come back), never more than a 1/(2 x workers) share of the tasks not yet handed out (so the
  /// last chunks are small and the workers finish together) nor kMaxAutoChunk tasks. The manager
  /// spends a few microseconds per chunk, so it keeps up with thousands of workers.
  std::int64_t chunk_size = 0;
  /// Whether rank 0 also runs tasks, between looking after the workers. Unset = only when the
  /// communicator has at most kManagerWorksUpTo ranks, where a pure manager would leave a large
  /// share of the job idle; with more ranks rank 0 only manages, so that a long task on it never
  /// keeps workers waiting for their next chunk. Results are the same either way.
  std::optional<bool> manager_works;
  /// Polled on rank 0 (between messages and between rank 0's own tasks); once it returns true,
  /// no further work is handed out, the chunks in flight are collected and the farm returns the
  /// prefix of tasks completed. Empty = never stop early.
  std::function<bool()> stop_requested;
  /// Receives each failed task's error on rank 0, in task order; empty = errors are only counted
  /// in TaskFarmReport::failed_tasks.
  TaskErrorSink on_error;
};

/// What one rank did in a task farm.
struct WorkerLoad {
  std::int64_t tasks = 0;     ///< tasks it ran
  std::int64_t chunks = 0;    ///< chunks it ran (rank 0's own tasks count one chunk each)
  double busy_seconds = 0.0;  ///< wall time spent inside the task function
};

/// How a task farm went; the same on every rank.
struct TaskFarmReport {
  std::int64_t tasks = 0;      ///< tasks asked for
  std::int64_t completed = 0;  ///< tasks 0..completed-1 were delivered to rank 0's sinks
  std::vector<std::int64_t> failed_tasks;  ///< the delivered tasks that threw, ascending
  bool stopped = false;           ///< a stop request ended the farm before every task was run
  bool manager_worked = false;    ///< rank 0 ran tasks too
  std::vector<WorkerLoad> ranks;  ///< one entry per rank of the communicator (rank 0 first)
  double wall_seconds = 0.0;      ///< wall time of the farm on rank 0
};

/// Automatic chunks aim at about this much work each (seconds).
inline constexpr double kTargetChunkSeconds = 0.02;
/// Automatic chunks hold at most this many tasks.
inline constexpr std::int64_t kMaxAutoChunk = 1 << 16;
/// Chunks a worker holds at once (one running, the next already queued behind it).
inline constexpr int kChunksInFlight = 2;
/// Rank 0 also runs tasks by default when the communicator has at most this many ranks.
inline constexpr int kManagerWorksUpTo = 2;

/// Runs tasks 0..tasks-1 over the ranks of `comm`: rank 0 is the manager, the others workers.
/// The manager hands out chunks of consecutive task indices with non-blocking sends, keeps
/// kChunksInFlight chunks queued at every worker, and streams each chunk's results back; results
/// that arrive out of order wait on rank 0 until every earlier task has been delivered, so
/// `on_result` sees the same calls for any rank count and chunk size. A STOP message ends each
/// worker once no more work will be handed out. With one rank, rank 0 runs every task itself.
/// Collective over `comm` (the farm talks on a duplicate of it). `run` is called on working
/// ranks, `on_result` and the options' callables on rank 0 only. If `on_result`, `on_error` or
/// `stop_requested` throws, the farm stops as on a stop request and every rank throws the same
/// mpilife::Error (its code, or 70 for another exception). One chunk's results travel in one
/// message, so they must total under 2 GiB.
TaskFarmReport run_task_farm(const mpi::Comm& comm, std::int64_t tasks, const TaskFunction& run,
                             const TaskResultSink& on_result, const TaskFarmOptions& options = {});

}  // namespace mpilife
