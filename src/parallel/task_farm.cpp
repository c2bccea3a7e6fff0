#include "mpilife/parallel/task_farm.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <thread>
#include <utility>

#include "mpilife/core/clock.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/mpi/point_to_point.hpp"
#include "mpilife/parallel/mpi/requests.hpp"

// The messages, all on a duplicate of the caller's communicator:
//
//   manager -> worker  kChunkTag   {first, count}                 (two int64)
//   manager -> worker  kStopTag    (empty)                         no more work: leave
//   worker -> manager  kResultTag  {first, count, busy_ns} then per task
//                                  {failed (1 byte), length (uint64), bytes}
//
// A worker receives with any tag from rank 0, so a STOP sent after its last chunks reaches it
// after them (MPI does not let a message overtake an earlier one that the same receive matches).

namespace mpilife {

namespace {

constexpr int kChunkTag = 1;
constexpr int kStopTag = 2;
constexpr int kResultTag = 3;

// Waiting ranks sleep between probes, from kFirstPause doubling up to kLongestPause. The manager
// sleeps at most an eighth of a chunk's measured work (kManagerPauseShare), and no less than
// kFirstPause: a worker holds two chunks, so it is topped up long before it runs dry.
constexpr std::chrono::microseconds kFirstPause{20};
constexpr std::chrono::microseconds kLongestPause{1000};
constexpr double kManagerPauseShare = 8.0;

void put_u64(std::string& out, std::uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}

void put_i64(std::string& out, std::int64_t v) {
  put_u64(out, static_cast<std::uint64_t>(v));
}

[[noreturn]] void garbled(const char* what) {
  throw Error(ExitCode::software, std::string("task farm: garbled message (") + what + ")");
}

// Reads what put_* wrote, refusing to read past the end.
class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  std::uint64_t u64() {
    need(8);
    std::uint64_t v = 0;
    std::memcpy(&v, bytes_.data() + at_, 8);
    at_ += 8;
    return v;
  }
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  bool flag() {
    need(1);
    return bytes_[at_++] != 0;
  }
  std::string text(std::uint64_t n) {
    need(n);
    std::string s = bytes_.substr(at_, static_cast<std::size_t>(n));
    at_ += static_cast<std::size_t>(n);
    return s;
  }
  bool done() const { return at_ == bytes_.size(); }

 private:
  void need(std::uint64_t n) const {
    if (n > bytes_.size() - at_) garbled("too short");
  }
  const std::string& bytes_;
  std::size_t at_ = 0;
};

std::int64_t to_nanoseconds(double seconds) {
  return static_cast<std::int64_t>(std::llround(seconds * 1e9));
}

// Runs one task and appends its outcome {failed, length, bytes} to `out`; adds the time spent in
// the task to `busy`.
void run_one(const TaskFunction& run, std::int64_t task, std::string& out, double& busy) {
  const double start = now_seconds();
  bool failed = false;
  std::string result;
  try {
    result = run(task);
  } catch (const std::exception& e) {
    failed = true;
    result = e.what();
  } catch (...) {
    failed = true;
    result = "unknown exception";
  }
  busy += now_seconds() - start;
  out.push_back(failed ? '\1' : '\0');
  put_u64(out, result.size());
  out += result;
}

// One result message in the making: its header, filled in when the chunk is done.
std::string result_header(std::int64_t first, std::int64_t count) {
  std::string out;
  put_i64(out, first);
  put_i64(out, count);
  put_i64(out, 0);  // busy nanoseconds, set by finish_results
  return out;
}

void finish_results(std::string& message, double busy) {
  const auto ns = static_cast<std::uint64_t>(to_nanoseconds(busy));
  std::memcpy(message.data() + 16, &ns, 8);
}

// Waits for a message from `source` with `tag`, sleeping between probes (from kFirstPause
// doubling to kLongestPause) so a waiting rank leaves its core to others, and calling `idle`
// between probes.
template <typename Idle>
mpi::Message wait_for_message(int source, int tag, const mpi::Comm& comm, Idle&& idle) {
  auto pause = kFirstPause;
  for (;;) {
    if (const auto m = mpi::iprobe(source, tag, comm)) return *m;
    idle();
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, kLongestPause);
  }
}

// A message on its way, with the buffer it is sent from (freed only after the send completes:
// the request is destroyed first, and its destructor waits).
struct Outgoing {
  std::string bytes;
  mpi::Request request;
};

// A worker: runs the chunks rank 0 sends, in the order they come, and sends each chunk's results
// back without waiting for the send, until STOP.
void work(const mpi::Comm& comm, const TaskFunction& run) {
  std::deque<std::unique_ptr<Outgoing>> sends;
  // Testing the oldest send progresses it (Open MPI moves large messages only inside MPI calls).
  const auto reap = [&sends] {
    while (!sends.empty() && sends.front()->request.test()) sends.pop_front();
  };
  for (;;) {
    const mpi::Message m = wait_for_message(0, mpi::kAnyTag, comm, reap);
    const std::string body = mpi::recv_bytes(m, comm);
    if (m.tag == kStopTag) break;
    if (m.tag != kChunkTag || body.size() != 16) garbled("a chunk");
    Reader in(body);
    const std::int64_t first = in.i64();
    const std::int64_t count = in.i64();
    auto out = std::make_unique<Outgoing>();
    out->bytes = result_header(first, count);
    double busy = 0.0;
    for (std::int64_t t = first; t < first + count; ++t) {
      run_one(run, t, out->bytes, busy);
      reap();
    }
    finish_results(out->bytes, busy);
    out->request = mpi::Request::isend(out->bytes.data(), out->bytes.size(), 0, kResultTag, comm);
    sends.push_back(std::move(out));
    reap();
  }
  for (auto& s : sends) s->request.wait();
}

// One task's outcome as rank 0 holds it until its turn comes.
struct Outcome {
  bool failed = false;
  std::string bytes;
};

// Rank 0: hands out chunks, collects and orders the results, stops the workers.
class Manager {
 public:
  Manager(const mpi::Comm& comm, std::int64_t tasks, const TaskFunction& run,
          const TaskResultSink& on_result, const TaskFarmOptions& options)
      : comm_(comm),
        tasks_(tasks),
        run_(run),
        on_result_(on_result),
        options_(options),
        size_(comm.size()),
        works_(size_ == 1 || options.manager_works.value_or(size_ <= kManagerWorksUpTo)),
        in_flight_(static_cast<std::size_t>(size_)),
        loads_(static_cast<std::size_t>(size_)) {}

  TaskFarmReport run() {
    const double start = now_seconds();
    auto pause = kFirstPause;
    for (;;) {
      if (handing_out_ && next_task_ >= tasks_) handing_out_ = false;
      if (handing_out_ && options_.stop_requested) {
        guarded([this] {
          if (options_.stop_requested()) {
            handing_out_ = false;
            stopped_ = true;
          }
        });
      }
      if (handing_out_) {
        top_up();
      } else if (!stops_sent_) {
        send_stops();
      }
      bool heard = false;
      while (const auto m = mpi::iprobe(mpi::kAnySource, kResultTag, comm_)) {
        accept(m->source, mpi::recv_bytes(*m, comm_));
        heard = true;
      }
      deliver();
      if (!handing_out_ && stops_sent_ && nothing_in_flight()) break;
      if (works_ && handing_out_ && next_task_ < tasks_) {
        run_own_task();
      } else if (heard) {
        pause = kFirstPause;
      } else {
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, longest_pause());
      }
    }
    for (auto& s : stops_) s->request.wait();
    TaskFarmReport report;
    report.tasks = tasks_;
    report.completed = delivered_;
    report.failed_tasks = std::move(failed_);
    report.stopped = stopped_;
    report.manager_worked = works_;
    report.ranks = loads_;
    report.wall_seconds = now_seconds() - start;
    return report;
  }

  // Set when a sink or the stop request threw: every rank throws this after the farm.
  const std::optional<Error>& failure() const { return failure_; }

 private:
  // Runs a callable of the caller's on rank 0; an exception ends the farm as a stop would and is
  // kept for every rank to throw.
  template <typename F>
  void guarded(F&& f) {
    try {
      f();
    } catch (const Error& e) {
      fail(e);
    } catch (const std::exception& e) {
      fail(Error(ExitCode::software, e.what()));
    } catch (...) {
      fail(Error(ExitCode::software, "task farm: unknown exception on rank 0"));
    }
  }

  void fail(const Error& e) {
    if (!failure_) failure_ = e;
    handing_out_ = false;
  }

  // The longest the manager sleeps between probes (see kManagerPauseShare).
  std::chrono::microseconds longest_pause() const {
    if (measured_chunks_ == 0) return kFirstPause;
    const double chunk_us = 1e6 * measured_busy_ / static_cast<double>(measured_chunks_);
    const double us = std::clamp(chunk_us / kManagerPauseShare, double(kFirstPause.count()),
                                 double(kLongestPause.count()));
    return std::chrono::microseconds(static_cast<std::int64_t>(us));
  }

  std::int64_t working_ranks() const { return size_ - 1 + (works_ ? 1 : 0); }

  // Tasks in the next chunk (see TaskFarmOptions::chunk_size).
  std::int64_t next_chunk_size() const {
    const std::int64_t remaining = tasks_ - next_task_;
    if (options_.chunk_size > 0) return std::min(options_.chunk_size, remaining);
    std::int64_t size = 1;
    if (measured_tasks_ > 0) {
      const double per_task = measured_busy_ / static_cast<double>(measured_tasks_);
      const double fit = per_task > 0.0 ? kTargetChunkSeconds / per_task : double(kMaxAutoChunk);
      size = static_cast<std::int64_t>(std::clamp(fit, 1.0, double(kMaxAutoChunk)));
    }
    const std::int64_t share = (remaining + 2 * working_ranks() - 1) / (2 * working_ranks());
    return std::max<std::int64_t>(1, std::min({size, share, remaining}));
  }

  // Keeps kChunksInFlight chunks at every worker while there is work to hand out.
  void top_up() {
    for (int w = 1; w < size_ && next_task_ < tasks_; ++w) {
      auto& queue = in_flight_[static_cast<std::size_t>(w)];
      while (queue.size() < static_cast<std::size_t>(kChunksInFlight) && next_task_ < tasks_) {
        const std::int64_t count = next_chunk_size();
        auto out = std::make_unique<Outgoing>();
        put_i64(out->bytes, next_task_);
        put_i64(out->bytes, count);
        out->request =
            mpi::Request::isend(out->bytes.data(), out->bytes.size(), w, kChunkTag, comm_);
        queue.push_back(std::move(out));
        next_task_ += count;
      }
    }
  }

  void send_stops() {
    for (int w = 1; w < size_; ++w) {
      auto out = std::make_unique<Outgoing>();
      out->request = mpi::Request::isend(out->bytes.data(), 0, w, kStopTag, comm_);
      stops_.push_back(std::move(out));
    }
    stops_sent_ = true;
  }

  bool nothing_in_flight() const {
    return std::all_of(in_flight_.begin(), in_flight_.end(),
                       [](const auto& queue) { return queue.empty(); });
  }

  // Rank 0's own share: one task at a time, so the workers are looked after between tasks.
  void run_own_task() {
    const std::int64_t task = next_task_++;
    std::string message = result_header(task, 1);
    double busy = 0.0;
    run_one(run_, task, message, busy);
    finish_results(message, busy);
    accept(0, message);
  }

  // Files the results of one chunk from rank `from` (0 = rank 0's own task).
  void accept(int from, const std::string& message) {
    Reader in(message);
    const std::int64_t first = in.i64();
    const std::int64_t count = in.i64();
    const double busy = static_cast<double>(in.i64()) * 1e-9;
    if (from != 0) {
      auto& queue = in_flight_[static_cast<std::size_t>(from)];
      if (queue.empty()) garbled("a result nobody asked for");
      Reader sent(queue.front()->bytes);
      if (sent.i64() != first || sent.i64() != count) garbled("results of another chunk");
      queue.front()->request.wait();
      queue.pop_front();
    }
    std::vector<Outcome> outcomes(static_cast<std::size_t>(count));
    for (Outcome& o : outcomes) {
      o.failed = in.flag();
      o.bytes = in.text(in.u64());
    }
    if (!in.done()) garbled("trailing bytes");
    WorkerLoad& load = loads_[static_cast<std::size_t>(from)];
    load.tasks += count;
    load.chunks += 1;
    load.busy_seconds += busy;
    measured_tasks_ += count;
    measured_chunks_ += 1;
    measured_busy_ += busy;
    waiting_.emplace(first, std::move(outcomes));
  }

  // Hands every result whose predecessors have all been delivered to the sinks, in task order.
  void deliver() {
    while (!failure_ && !waiting_.empty() && waiting_.begin()->first == delivered_) {
      auto chunk = waiting_.begin();
      for (Outcome& o : chunk->second) {
        const std::int64_t task = delivered_;
        bool ok = false;
        guarded([&] {
          if (o.failed) {
            if (options_.on_error) options_.on_error(task, o.bytes);
          } else if (on_result_) {
            on_result_(task, o.bytes);
          }
          ok = true;
        });
        if (!ok) return;
        if (o.failed) failed_.push_back(task);
        ++delivered_;
      }
      waiting_.erase(chunk);
    }
  }

  const mpi::Comm& comm_;
  std::int64_t tasks_;
  const TaskFunction& run_;
  const TaskResultSink& on_result_;
  const TaskFarmOptions& options_;
  int size_;
  bool works_;
  std::vector<std::deque<std::unique_ptr<Outgoing>>> in_flight_;  // chunks sent, per worker
  std::vector<std::unique_ptr<Outgoing>> stops_;
  std::vector<WorkerLoad> loads_;
  std::map<std::int64_t, std::vector<Outcome>> waiting_;  // results by first task, not delivered
  std::vector<std::int64_t> failed_;
  std::int64_t next_task_ = 0;  // first task not handed out
  std::int64_t delivered_ = 0;  // first task not delivered
  std::int64_t measured_tasks_ = 0;
  std::int64_t measured_chunks_ = 0;
  double measured_busy_ = 0.0;
  bool handing_out_ = true;
  bool stops_sent_ = false;
  bool stopped_ = false;
  std::optional<Error> failure_;
};

// The report (and rank 0's failure, if any) as bytes, for the broadcast that ends the farm.
std::string encode(const TaskFarmReport& r, const std::optional<Error>& failure) {
  std::string out;
  put_i64(out, r.tasks);
  put_i64(out, r.completed);
  put_u64(out, r.failed_tasks.size());
  for (const std::int64_t t : r.failed_tasks) put_i64(out, t);
  out.push_back(r.stopped ? '\1' : '\0');
  out.push_back(r.manager_worked ? '\1' : '\0');
  put_u64(out, r.ranks.size());
  for (const WorkerLoad& w : r.ranks) {
    put_i64(out, w.tasks);
    put_i64(out, w.chunks);
    put_i64(out, to_nanoseconds(w.busy_seconds));
  }
  put_i64(out, to_nanoseconds(r.wall_seconds));
  out.push_back(failure ? '\1' : '\0');
  if (failure) {
    put_i64(out, static_cast<int>(failure->code()));
    const std::string what = failure->what();
    put_u64(out, what.size());
    out += what;
  }
  return out;
}

TaskFarmReport decode(const std::string& bytes, std::optional<Error>& failure) {
  Reader in(bytes);
  TaskFarmReport r;
  r.tasks = in.i64();
  r.completed = in.i64();
  r.failed_tasks.resize(static_cast<std::size_t>(in.u64()));
  for (std::int64_t& t : r.failed_tasks) t = in.i64();
  r.stopped = in.flag();
  r.manager_worked = in.flag();
  r.ranks.resize(static_cast<std::size_t>(in.u64()));
  for (WorkerLoad& w : r.ranks) {
    w.tasks = in.i64();
    w.chunks = in.i64();
    w.busy_seconds = static_cast<double>(in.i64()) * 1e-9;
  }
  r.wall_seconds = static_cast<double>(in.i64()) * 1e-9;
  if (in.flag()) {
    const auto code = static_cast<ExitCode>(in.i64());
    failure = Error(code, in.text(in.u64()));
  }
  if (!in.done()) garbled("the report");
  return r;
}

}  // namespace

TaskFarmReport run_task_farm(const mpi::Comm& comm, std::int64_t tasks, const TaskFunction& run,
                             const TaskResultSink& on_result, const TaskFarmOptions& options) {
  if (tasks < 0) throw Error(ExitCode::software, "task farm: a negative number of tasks");
  if (options.chunk_size < 0) throw Error(ExitCode::software, "task farm: a negative chunk size");
  const mpi::Comm farm = mpi::duplicate(comm);
  std::string summary;
  if (farm.rank() == 0) {
    Manager manager(farm, tasks, run, on_result, options);
    const TaskFarmReport report = manager.run();
    summary = encode(report, manager.failure());
  } else {
    work(farm, run);
  }
  mpi::broadcast(summary, 0, farm);
  std::optional<Error> failure;
  TaskFarmReport report = decode(summary, failure);
  if (failure) throw *failure;
  return report;
}

}  // namespace mpilife
