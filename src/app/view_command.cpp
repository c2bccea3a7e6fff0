#include "mpilife/app/view_command.hpp"

#include <exception>
#include <memory>

#include "mpilife/core/cells.hpp"
#include "mpilife/core/error.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/io/hdf5/recording.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/view/frame.hpp"
#include "mpilife/view/replay.hpp"

namespace mpilife {

namespace {

// A recording as frames to replay.
class RecordingFrames final : public FrameSource {
 public:
  explicit RecordingFrames(const Recording& recording) : recording_(recording) {}
  std::int64_t frames() const override { return recording_.frames(); }
  CellArray frame(std::int64_t i) const override { return recording_.frame(i); }
  std::int64_t generation(std::int64_t i) const override { return recording_.generation(i); }
  std::int64_t population(std::int64_t i) const override { return recording_.population(i); }

 private:
  const Recording& recording_;
};

}  // namespace

void view_command(const mpi::Comm& world, const std::string& path, const DisplayOptions& options,
                  const DisplayFactory& factory) {
  if (!factory) throw Error(ExitCode::usage, std::string("view: ") + kNoViewerMessage);
  std::exception_ptr failure;
  if (world.rank() == 0) {
    try {
      const Recording recording(path);
      if (recording.frames() == 0) throw Error(ExitCode::data, path + ": no frames to replay");
      ViewSource source;
      source.width = recording.frame_width();
      source.height = recording.frame_height();
      source.name = path;
      source.rule = recording.rule();
      source.frames = recording.frames();
      source.frame_scale = recording.frame_scale();
      source.grid_width = recording.width();
      source.grid_height = recording.height();
      source.topology = to_string(recording.topology());
      source.origin_x = recording.metadata().origin_x;
      source.origin_y = recording.metadata().origin_y;
      source.recorded_pattern = recording.metadata().pattern;
      const std::unique_ptr<Display> display = factory(options);
      run_replay(RecordingFrames(recording), source, *display);
    } catch (...) {
      failure = std::current_exception();
    }
  }
  mpi::barrier_politely(world);
  mpi::on_root_agreed(world, [&] {
    if (failure) std::rethrow_exception(failure);
  });
}

}  // namespace mpilife
