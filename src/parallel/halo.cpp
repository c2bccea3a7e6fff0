#include "mpilife/parallel/halo.hpp"

#include "mpilife/core/clock.hpp"
#include "mpilife/core/decomposition.hpp"
#include "mpilife/core/geometry.hpp"

namespace mpilife {

namespace {

int index_of(Dir d) {
  return static_cast<int>(d);
}

}  // namespace

HaloExchange::HaloExchange(const mpi::CartComm& cart, TileFaces& tile) : tile_(tile) {
  const int me = cart.comm().rank();
  const ProcessGrid grid{cart.cols(), cart.rows()};
  for (Dir d : kAllDirs) {
    const int i = index_of(d);
    const auto at = neighbour_coords(grid, cart.coords(), d, cart.periodic());
    if (!at) {
      side_[i] = Side::outside;
      continue;
    }
    const int peer = cart.rank_of(*at);
    side_[i] = peer == me ? Side::self : Side::remote;
    send_[i].resize(tile.face_bytes(d));
    recv_[i].resize(tile.face_bytes(d));
    if (side_[i] == Side::remote) {
      // What arrives from direction d was sent by the peer towards opposite(d).
      requests_.add_recv(recv_[i].data(), recv_[i].size(), peer, index_of(opposite(d)),
                         cart.comm());
      requests_.add_send(send_[i].data(), send_[i].size(), peer, i, cart.comm());
    }
  }
}

HaloExchange::~HaloExchange() = default;

int HaloExchange::remote_sides() const {
  int n = 0;
  for (Side s : side_) n += s == Side::remote ? 1 : 0;
  return n;
}

unsigned HaloExchange::late_sides() const {
  unsigned late = 0;
  for (Dir d : kAllDirs) late |= side_[index_of(d)] == Side::remote ? side_bit(d) : 0u;
  return late;
}

void HaloExchange::start() {
  for (Dir d : kAllDirs) {
    const int i = index_of(d);
    if (side_[i] == Side::remote || side_[i] == Side::self) tile_.pack_face(d, send_[i].data());
  }
  requests_.start_all();
  for (Dir d : kAllDirs) {
    const int i = index_of(d);
    if (side_[i] == Side::outside) {
      tile_.clear_ghost(d);
    } else if (side_[i] == Side::self) {
      // This rank is its own neighbour: the ghost on side d mirrors the face on the other side.
      tile_.unpack_ghost(d, send_[index_of(opposite(d))].data());
    }
  }
}

bool HaloExchange::poll() {
  return requests_.test_all();
}

void HaloExchange::finish() {
  if (!requests_.idle()) {
    const double t0 = now_seconds();
    requests_.wait_all();
    wait_seconds_ += now_seconds() - t0;
  }
  for (Dir d : kAllDirs) {
    const int i = index_of(d);
    if (side_[i] == Side::remote) tile_.unpack_ghost(d, recv_[i].data());
  }
}

}  // namespace mpilife
