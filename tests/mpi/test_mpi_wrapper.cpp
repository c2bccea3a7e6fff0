// The checked MPI wrapper: typed collectives give the right values at any rank count, and a
// failing MPI call becomes an mpilife::Error (exit 70) instead of being ignored.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mpilife/core/error.hpp"
#include "mpilife/parallel/mpi/agreed.hpp"
#include "mpilife/parallel/mpi/collectives.hpp"
#include "mpilife/parallel/mpi/comm.hpp"
#include "mpilife/parallel/mpi/point_to_point.hpp"
#include "mpilife/parallel/mpi/requests.hpp"
#include "support/mpi_test_util.hpp"

using namespace mpilife;

TEST_CASE("typed allreduce, reduce and broadcast") {
  const mpi::Comm world = mpi::world();
  const int p = world.size();
  const int me = world.rank();
  CHECK(mpi::allreduce(std::int64_t{me} + 1, mpi::Op::sum, world) == std::int64_t{p} * (p + 1) / 2);
  CHECK(mpi::allreduce(double(me), mpi::Op::max, world) == double(p - 1));
  CHECK(mpi::allreduce(me + 10, mpi::Op::min, world) == 10);
  std::array<std::uint32_t, 3> v = {1, std::uint32_t(me), 2};
  mpi::reduce(v.data(), v.size(), mpi::Op::sum, 0, world);
  if (me == 0) {
    CHECK(v[0] == std::uint32_t(p));
    CHECK(v[1] == std::uint32_t(p * (p - 1) / 2));
    CHECK(v[2] == std::uint32_t(2 * p));
  } else {
    CHECK(v[1] == std::uint32_t(me));  // untouched off the root
  }
  std::string s = me == 0 ? "rank zero's words" : "";
  mpi::broadcast(s, 0, world);
  CHECK(s == "rank zero's words");
  std::vector<std::int64_t> xs;
  if (me == p - 1) xs = {5, -7, std::int64_t{1} << 40};
  mpi::broadcast(xs, p - 1, world);
  CHECK(xs == std::vector<std::int64_t>{5, -7, std::int64_t{1} << 40});
  CHECK(mpi::broadcast(me == 0, 0, world));
}

TEST_CASE("point to point in a ring") {
  const mpi::Comm world = mpi::world();
  const int p = world.size();
  if (p == 1) return;
  const int me = world.rank();
  std::vector<std::uint8_t> out(1000, static_cast<std::uint8_t>(me));
  std::vector<std::uint8_t> in(1000, 255);
  if (me % 2 == 0) {
    mpi::send(out.data(), out.size(), (me + 1) % p, 7, world);
    mpi::recv(in.data(), in.size(), (me + p - 1) % p, 7, world);
  } else {
    mpi::recv(in.data(), in.size(), (me + p - 1) % p, 7, world);
    mpi::send(out.data(), out.size(), (me + 1) % p, 7, world);
  }
  CHECK(in == std::vector<std::uint8_t>(1000, static_cast<std::uint8_t>((me + p - 1) % p)));
}

TEST_CASE("one-shot requests and probes on a duplicated communicator") {
  const mpi::Comm world = mpi::world();
  const mpi::Comm copy = mpi::duplicate(world);
  const int p = copy.size();
  const int me = copy.rank();
  CHECK(p == world.size());
  CHECK(me == world.rank());
  // Each rank sends its right neighbour a message whose length and bytes say who sent it; the
  // receiver finds it by probing any source and any tag, as a task farm's manager does.
  const std::string out(static_cast<std::size_t>(100 + 5000 * me), static_cast<char>('a' + me));
  mpi::Request send = mpi::Request::isend(out.data(), out.size(), (me + 1) % p, 40 + me, copy);
  std::optional<mpi::Message> m;
  while (!(m = mpi::iprobe(mpi::kAnySource, mpi::kAnyTag, copy))) send.test();
  const int left = (me + p - 1) % p;
  CHECK(m->source == left);
  CHECK(m->tag == 40 + left);
  CHECK(m->bytes == static_cast<std::size_t>(100 + 5000 * left));
  const std::string in = mpi::recv_bytes(*m, copy);
  CHECK(in == std::string(m->bytes, static_cast<char>('a' + left)));
  send.wait();
  CHECK_FALSE(send.pending());
  CHECK(send.test());
  // Nothing sent on the duplicate is visible on the original.
  CHECK_FALSE(mpi::iprobe(mpi::kAnySource, mpi::kAnyTag, world).has_value());
  // A receive posted before its send completes when the send comes.
  std::int64_t value = -1;
  mpi::Request recv = mpi::Request::irecv(&value, sizeof value, left, 7, copy);
  CHECK(recv.pending());
  const std::int64_t mine = 1000 + me;
  mpi::Request send2 = mpi::Request::isend(&mine, sizeof mine, (me + 1) % p, 7, copy);
  recv.wait();
  send2.wait();
  CHECK(value == 1000 + left);
  mpi::barrier(copy);
}

TEST_CASE("Cartesian coordinates of every rank round-trip") {
  const mpi::Comm world = mpi::world();
  const std::array<int, 2> dims = mpi::dims_create(world.size());
  CHECK(dims[0] * dims[1] == world.size());
  CHECK(dims[0] >= dims[1]);
  const mpi::CartComm cart(world, dims[0], dims[1], true);
  for (int r = 0; r < world.size(); ++r) {
    const std::array<int, 2> at = cart.coords_of(r);
    CHECK(at[0] < cart.cols());
    CHECK(at[1] < cart.rows());
    CHECK(cart.rank_of(at) == r);
  }
  CHECK(cart.coords() == cart.coords_of(cart.comm().rank()));
}

TEST_CASE("a failing MPI call throws Error 70 on the ranks it fails on") {
  const mpi::Comm world = mpi::world();
  int caught = 0;
  try {
    mpi::broadcast(1, world.size() + 3, world);  // no such root: MPI_ERR_ROOT
  } catch (const Error& e) {
    caught = static_cast<int>(e.code());
    CHECK(std::string(e.what()).find("MPI_Bcast") != std::string::npos);
  }
  CHECK(caught == static_cast<int>(ExitCode::software));
}

TEST_CASE("an exception on one rank becomes the same Error on every rank") {
  const mpi::Comm world = mpi::world();
  const int last = world.size() - 1;
  int code = 0;
  std::string message;
  try {
    mpi::everywhere_agreed(world, [&] {
      if (world.rank() == last) throw std::runtime_error("boom");
    });
  } catch (const Error& e) {
    code = static_cast<int>(e.code());
    message = e.what();
  }
  CHECK(code == static_cast<int>(ExitCode::software));
  CHECK(message == "internal error: boom");
}

TEST_CASE("the ranks sharing a node: every rank of a one-machine test run, each once") {
  const mpi::Comm world = mpi::world();
  const mpi::Comm node = mpi::split_shared(world);
  // The tests run on one machine, so the node is the whole job, ranked as in the world.
  CHECK(node.size() == world.size());
  CHECK(node.rank() == world.rank());
  CHECK(mpi::allreduce(1, mpi::Op::sum, node) == world.size());
}
