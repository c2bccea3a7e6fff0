// The bit-packed tile with deep ghosts: deep halos (one exchange every d generations) and
// temporal blocking (k generations per pass over memory), for the halo depths d >= 2 that
// --halo-depth and --time-block ask for. Depth 1 is FastTile (fast_tile.cpp), which keeps its
// ghost columns aside and corrects the two edge cells of each row; here the ghosts are ordinary
// stored cells, so the row loop needs no edge pass at all.

#include "deep_tile.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/packed_row.hpp"
#include "mpilife/kernel/tile.hpp"
#include "row_layout.hpp"
#include "rules.hpp"
#include "simd.hpp"

namespace mpilife {

namespace {

using fast::kBits;
using fast::kLanes;
using fast::load;
using fast::low_bits;
using fast::RowShape;
using fast::RowStepper;
using fast::store;
using fast::Vec;
using fast::Word;
using fast::WordBuffer;
using fast::words_for;

/// A tile whose ghosts are d cells deep on every side, corners included, stored as ordinary cells
/// around the owned block: a stored row holds cells x = -d .. w+d-1 (cell x in bit x + d of the
/// row, in the lane-interleaved layout of row_layout.hpp) and each buffer holds rows -d .. h+d-1.
///
///   rows -d..-1  | NW ghost (d x d) | N ghost (d x w)      | NE ghost |
///   rows 0..h-1  | W ghost (d cols) | owned w x h          | E ghost  |
///   rows h..h+d-1| SW ghost         | S ghost              | SE ghost |
///
/// The row loop computes whole stored rows and treats cells beyond them as dead. A wrong cell
/// spreads one cell a generation, so after the ghosts are filled the cells within g of the stored
/// edge are wrong g generations later and the owned block stays right for d generations: the
/// "shrinking redundant margin" of a deep halo. advance(fresh, k) carries the rows through k
/// generations in one sweep, a wavefront: generation j+1 of row r is computed right after
/// generation j of row r+1, from three-row rings per intermediate generation, so the buffers
/// stream through the cache once per k generations (the rings, 3 (k-1) rows, stay in L1/L2).
/// The same reasoning overlaps the exchange (advance_overlapped): swept with some ghosts still
/// stale, the tile is wrong only within k of them, and those cells are computed again.
///
/// Sides beyond a plane's edge (clear_ghost) stay dead at every generation: their ghost rows are
/// never computed and read as dead, their ghost columns are cleared in every row computed. Bits
/// beyond the stored row (padding) are never cleared, and the owned block never reads them.
class DeepTile final : public Tile {
 public:
  DeepTile(std::int64_t w, std::int64_t h, const Rule& rule, int depth)
      : Tile(w, h, rule),
        d_(depth),
        shape_(w + 2 * std::int64_t{depth}),
        owned_(static_cast<std::size_t>(shape_.stride), 0),
        cur_(allocate()),
        next_(allocate()),
        zero_(fast::zeroed_words(static_cast<std::size_t>(shape_.stride))),
        zero_words_(static_cast<std::size_t>(shape_.stride)),
        step_row_(rule) {
    for (std::int64_t k = 0; k < shape_.nw; ++k) {
      owned_[static_cast<std::size_t>(shape_.position(k))] = bits_in(k, d_, d_ + w);
    }
    for (std::int64_t x = 0; x < w; x += kBits) {
      row_pieces_.push_back(shape_.bits(d_ + x, std::min<std::int64_t>(kBits, w - x)));
    }
    update_dead();
  }

  int halo_depth() const override { return static_cast<int>(d_); }

  std::size_t face_bytes(Dir d) const override {
    return static_cast<std::size_t>(face_rows(d) * face_words(d)) * sizeof(Word);
  }

  // Faces, bit-packed: N/S = d owned rows of ceil(w / 64) words each, in grid order (for N the
  // row nearest the neighbour first, for S last), W/E = h rows of one word, the d columns
  // nearest the side in bits 0..d-1 (west to east), corners = d such rows. Ghosts mirror them.
  void pack_face(Dir d, std::byte* out) const override {
    for_face(d, /*ghost=*/false, [&](const Word* r, const RowShape::Bits& bits) {
      const Word v = bits.get(r);
      std::memcpy(out, &v, sizeof v);
      out += sizeof v;
    });
  }

  void unpack_ghost(Dir d, const std::byte* in) override {
    set_outside(d, false);
    for_face(d, /*ghost=*/true, [&](Word* r, const RowShape::Bits& bits) {
      Word v;
      std::memcpy(&v, in, sizeof v);
      in += sizeof v;
      bits.set(r, v);
    });
  }

  void clear_ghost(Dir d) override {
    set_outside(d, true);
    for_face(d, /*ghost=*/true, [&](Word* r, const RowShape::Bits& bits) { bits.set(r, 0); });
  }

  bool edge_alive(Dir d) const override {
    const std::int64_t w = width();
    const std::int64_t h = height();
    switch (d) {
      case Dir::north:
      case Dir::south: {
        const Word* r = row(cur_, d == Dir::north ? 0 : h - 1);
        for (const RowShape::Bits& bits : row_pieces_) {
          if (bits.get(r) != 0) return true;
        }
        return false;
      }
      default: {
        const RowShape::Bits cell = shape_.bits(d_ + (d == Dir::west ? 0 : w - 1), 1);
        for (std::int64_t y = 0; y < h; ++y) {
          if (cell.get(row(cur_, y)) != 0) return true;
        }
        return false;
      }
    }
  }

  // Driven the one-generation way (ghosts refilled every generation), the whole step is the
  // border's: the row loop reads the ghosts everywhere.
  void step_interior(std::int64_t, std::int64_t) override {}
  void step_border() override { sweep(0, 1); }

  void advance(int fresh, int k) override {
    sweep(fresh, k);
    swap();
  }

  // The whole tile is swept while the late ghosts are in flight; once they are in, the cells
  // within k of a late side (a band of rows for north and south, a fold of columns for west and
  // east; a late corner reaches no cell its two sides' bands and folds do not cover) are
  // computed again. Skipped where that would be most of the tile.
  void advance_overlapped(int k, unsigned late, const std::function<void()>& poll,
                          const std::function<void()>& wait) override {
    const std::int64_t h = height();
    auto is_late = [&](Dir d) { return (late & side_bit(d)) != 0; };
    const bool west = is_late(Dir::west);
    const bool east = is_late(Dir::east);
    // A late corner's cells reach no further than its sides' bands and folds.
    auto band = [&](Dir side, Dir corner_west, Dir corner_east) {
      return is_late(side) || (is_late(corner_west) && !west) || (is_late(corner_east) && !east);
    };
    const bool north = band(Dir::north, Dir::north_west, Dir::north_east);
    const bool south = band(Dir::south, Dir::south_west, Dir::south_east);
    const std::int64_t band_rows = (north ? d_ + 2 * k : 0) + (south ? d_ + 2 * k : 0);
    const bool worth = 2 * band_rows <= h + 2 * d_ && (!(west || east) || width() >= 2 * d_);
    if (late == 0 || !worth) {
      Tile::advance_overlapped(k, late, poll, wait);
      return;
    }
    sweep(0, k, &poll);
    wait();
    if (north) run(tile_sweep(0, -d_, k), k, nullptr);
    if (south) run(tile_sweep(0, h - k, h + d_), k, nullptr);
    if (west || east) mend_columns(k, west, east);
    swap();
  }

  void swap() override { std::swap(cur_, next_); }

  bool changed() const override {
    for (std::int64_t y = 0; y < height(); ++y) {
      const Word* a = row(cur_, y);
      const Word* b = row(next_, y);
      for (std::int64_t i = 0; i < shape_.stride; ++i) {
        if (((a[i] ^ b[i]) & owned_[static_cast<std::size_t>(i)]) != 0) return true;
      }
    }
    return false;
  }

  void read_row(std::int64_t y, std::uint8_t* out) const override {
    const Word* r = row(cur_, y);
    const std::int64_t w = width();
    for (std::size_t i = 0; i < row_pieces_.size(); ++i) {
      const auto x = static_cast<std::int64_t>(i) * kBits;
      fast::spread_word(row_pieces_[i].get(r), std::min<std::int64_t>(kBits, w - x), out + x);
    }
  }

  void read_row_bits(std::int64_t y, std::uint64_t* out) const override {
    const Word* r = row(cur_, y);
    for (std::size_t i = 0; i < row_pieces_.size(); ++i) out[i] = row_pieces_[i].get(r);
  }

  void write_row(std::int64_t y, const std::uint8_t* in) override {
    Word* r = row(cur_, y);
    const std::int64_t w = width();
    for (std::size_t i = 0; i < row_pieces_.size(); ++i) {
      const auto x = static_cast<std::int64_t>(i) * kBits;
      Word v;
      pack_row(in + x, std::min<std::int64_t>(kBits, w - x), &v);  // one word
      row_pieces_[i].set(r, v);
    }
  }

  std::int64_t population() const override {
    std::int64_t n = 0;
    for (std::int64_t y = 0; y < height(); ++y) {
      const Word* r = row(cur_, y);
      for (std::int64_t i = 0; i < shape_.stride; ++i) {
        n += __builtin_popcountll(r[i] & owned_[static_cast<std::size_t>(i)]);
      }
    }
    return n;
  }

  std::size_t storage_bytes() const override {
    return (2 * buffer_words() + ring_words_ + zero_words_ + 2 * fold_words_) * sizeof(Word);
  }

 private:
  /// A vector of a row whose bits must be cleared after the row loop, and the bits to keep.
  struct Keep {
    std::int64_t offset;  // first word of the vector within the row
    Vec mask;
  };

  std::size_t buffer_words() const {
    return static_cast<std::size_t>((height() + 2 * d_) * shape_.stride);
  }

  WordBuffer allocate() const { return fast::zeroed_words(buffer_words()); }

  // Row y (-d .. h+d-1) of `buf`.
  Word* row(const WordBuffer& buf, std::int64_t y) const {
    return buf.get() + (y + d_) * shape_.stride;
  }

  // The bits of stored word k that lie in stored bits [begin, end).
  static Word bits_in(std::int64_t k, std::int64_t begin, std::int64_t end) {
    const std::int64_t lo = std::max<std::int64_t>(begin - k * kBits, 0);
    const std::int64_t hi = std::min<std::int64_t>(end - k * kBits, kBits);
    if (hi <= lo) return 0;
    return low_bits(hi - lo) << lo;
  }

  std::int64_t face_rows(Dir d) const { return d == Dir::west || d == Dir::east ? height() : d_; }
  std::int64_t face_words(Dir d) const {
    return d == Dir::north || d == Dir::south ? words_for(width()) : 1;
  }

  // Visits the pieces of the face (owned cells) or ghost on side d in wire order:
  // visit(row, where the piece's bits lie), each piece one word of the message.
  template <class Visit>
  void for_face(Dir d, bool ghost, Visit&& visit) const {
    const std::int64_t w = width();
    const std::int64_t h = height();
    const int dx = dir_dx(d);
    const int dy = dir_dy(d);
    // The face's rows and columns in owned coordinates, then moved across the side for a ghost.
    std::int64_t y0 = dy < 0 ? 0 : dy > 0 ? h - d_ : 0;
    std::int64_t x0 = dx < 0 ? 0 : dx > 0 ? w - d_ : 0;
    if (ghost) {
      y0 = dy < 0 ? -d_ : dy > 0 ? h : 0;
      x0 = dx < 0 ? -d_ : dx > 0 ? w : 0;
    }
    const std::int64_t rows = dy == 0 ? h : d_;
    const std::int64_t cols = dx == 0 ? w : d_;
    // The pieces lie at the same places in every row: a row's owned cells for N and S, else the
    // d (<= 64) columns of one word.
    const std::vector<RowShape::Bits> columns{shape_.bits(d_ + x0, cols)};
    const std::vector<RowShape::Bits>& pieces = dx == 0 ? row_pieces_ : columns;
    for (std::int64_t y = y0; y < y0 + rows; ++y) {
      Word* r = row(cur_, y);
      for (const RowShape::Bits& bits : pieces) visit(r, bits);
    }
  }

  void set_outside(Dir d, bool outside) {
    if (dir_dx(d) != 0 && dir_dy(d) != 0) return;  // corners follow their sides
    bool& flag = outside_[static_cast<std::size_t>(d)];
    if (flag == outside) return;
    flag = outside;
    update_dead();
  }

  bool outside(Dir d) const { return outside_[static_cast<std::size_t>(d)]; }

  // The stored rows a sweep computes, [rows_begin(), rows_end()): all but those beyond a plane's
  // edge, which stay dead.
  std::int64_t rows_begin() const { return outside(Dir::north) ? 0 : -d_; }
  std::int64_t rows_end() const { return outside(Dir::south) ? height() : height() + d_; }

  // The vectors of a row with bits to clear after the row loop: the ghost columns of a side
  // beyond a plane's edge. Padding beyond the stored row needs no clearing: its only neighbour
  // is the outermost ghost column, which is wrong a generation after every filling anyway.
  void update_dead() {
    const std::int64_t w = width();
    const std::int64_t begin = outside(Dir::west) ? d_ : 0;
    const std::int64_t end = outside(Dir::east) ? d_ + w : shape_.stride * kBits;
    keep_.clear();
    for (std::int64_t i = 0; i < shape_.nv; ++i) {
      Vec mask{};
      bool all = true;
      for (std::int64_t j = 0; j < kLanes; ++j) {
        const std::int64_t k = i + j * shape_.nv;
        mask[j] = bits_in(k, begin, end);
        all = all && mask[j] == ~Word{0};
      }
      if (!all) keep_.push_back({i * kLanes, mask});
    }
  }

  // Stored rows of one buffer from row `first` on, `stride` words apart.
  struct Rows {
    Word* base;
    std::int64_t first;
    std::int64_t stride;
    Word* operator[](std::int64_t y) const { return base + (y - first) * stride; }
  };

  // One wavefront sweep: generation 0 in `from`, generation k of rows [a, b) into `to`.
  struct Sweep {
    Rows from;
    Rows to;
    std::int64_t nv;                // vectors per row
    const std::vector<Keep>* keep;  // bits to clear in every row computed
    std::int64_t lo;                // generation 0 is right in rows [lo, hi)
    std::int64_t hi;
    std::int64_t ylo;  // rows outside [ylo, yhi) are dead at every generation
    std::int64_t yhi;
    std::int64_t a;  // the rows of generation k wanted
    std::int64_t b;
  };

  // Carries `job` k generations, calling poll() (when given) about every kCellsPerPoll cells.
  // Generation j holds the right cells in rows [lo + j, hi - j) (the margin shrinks), and none
  // beyond [ylo, yhi), where the rows stay dead; of those, it computes the rows that generation
  // k's rows [a, b) depend on.
  void run(const Sweep& job, int k, const std::function<void()>* poll) {
    auto begin = [&](std::int64_t j) { return std::max({job.lo + j, job.ylo, job.a - (k - j)}); };
    auto end = [&](std::int64_t j) { return std::min({job.hi - j, job.yhi, job.b + (k - j)}); };
    const std::int64_t stride = job.from.stride;
    const auto ring_words = static_cast<std::size_t>(3 * (k - 1) * stride);
    if (ring_words > ring_words_) {
      ring_ = fast::zeroed_words(ring_words);
      ring_words_ = ring_words;
    }
    if (static_cast<std::size_t>(stride) > zero_words_) {
      zero_ = fast::zeroed_words(static_cast<std::size_t>(stride));
      zero_words_ = static_cast<std::size_t>(stride);
    }
    // The rows of generation j computed: [first[j], last[j]).
    std::vector<std::int64_t> first(static_cast<std::size_t>(k) + 1);
    std::vector<std::int64_t> last(static_cast<std::size_t>(k) + 1);
    for (int j = 1; j <= k; ++j) {
      first[static_cast<std::size_t>(j)] = begin(j);
      last[static_cast<std::size_t>(j)] = end(j);
    }
    // Row r of generation j (0 = `from`, k = `to`, between them the rings), r's ring slot being
    // r mod 3 (kept by the loop: a division per row would cost some 5% of a 33-vector row).
    auto at = [&](int j, std::int64_t r, int slot) -> Word* {
      if (j == 0) return job.from[r];
      if (j == k) return job.to[r];
      return ring_.get() + ((j - 1) * 3 + slot) * stride;
    };
    auto source = [&](int j, std::int64_t r, int slot) -> const Word* {
      return r < job.ylo || r >= job.yhi ? zero_.get() : at(j, r, slot);
    };
    const std::int64_t steps_per_poll =
        std::max<std::int64_t>(1, kCellsPerPoll / (k * stride * kBits));
    std::int64_t until_poll = steps_per_poll;
    for (std::int64_t s = first[1]; s < last[static_cast<std::size_t>(k)] + k - 1; ++s) {
      int slot = static_cast<int>(((s % 3) + 3) % 3);  // of r = s - (j - 1), j = 1
      for (int j = 1; j <= k; ++j) {
        const std::int64_t r = s - (j - 1);
        const int below = slot == 2 ? 0 : slot + 1;  // r + 1's slot
        const int above = slot == 0 ? 2 : slot - 1;  // r - 1's
        if (r >= first[static_cast<std::size_t>(j)] && r < last[static_cast<std::size_t>(j)]) {
          Word* out = at(j, r, slot);
          step_row_(source(j - 1, r - 1, above), source(j - 1, r, slot),
                    source(j - 1, r + 1, below), out, job.nv);
          for (const Keep& p : *job.keep) store(out + p.offset, load(out + p.offset) & p.mask);
        }
        slot = above;
      }
      if (poll != nullptr && --until_poll == 0) {
        (*poll)();
        until_poll = steps_per_poll;
      }
    }
  }

  // The sweep of rows [a, b) of the tile, `fresh` generations after the ghosts were filled, from
  // the current buffer to the next (fresh + k <= d).
  Sweep tile_sweep(int fresh, std::int64_t a, std::int64_t b) {
    const std::int64_t h = height();
    return {Rows{cur_.get(), -d_, shape_.stride},
            Rows{next_.get(), -d_, shape_.stride},
            shape_.nv,
            &keep_,
            -d_ + fresh,
            h + d_ - fresh,
            rows_begin(),
            rows_end(),
            a,
            b};
  }

  // Rows -d .. h+d-1 of the current state, `fresh` generations after the ghosts were filled,
  // carried k generations into the next buffer (fresh + k <= d).
  void sweep(int fresh, int k, const std::function<void()>* poll = nullptr) {
    run(tile_sweep(fresh, -d_, height() + d_), k, poll);
  }

  // The cells within k of the west and/or east ghosts recomputed from the current buffer into
  // the next (fresh 0). What they depend on lies within 2k <= 2d of those ghosts: the stored
  // columns [0, 3d) (west) and [w - d, w + 2d) (east), "segments". Computed one by one, these
  // tall, narrow strips would cost a row call per row and generation; instead each is cut into
  // pieces of R rows overlapping by 2k (a piece's k rows at either end are wrong after k
  // generations), and the pieces are laid side by side in the rows of one small grid, the fold,
  // which the row loop carries k generations at once. Cells beyond a segment's edges, or between
  // two segments, are wrong, as they are beyond a tile's stored edge, which is k cells away from
  // the cells taken back.
  void mend_columns(int k, bool west, bool east) {
    const std::int64_t cells = width() + 2 * d_;  // stored cells per row
    const std::int64_t seg = 3 * d_;              // cells per segment
    const std::int64_t seg_words = words_for(seg);
    // Each segment's first stored cell in the tile, and the first of the cells taken back: the
    // west segment's [0, d + k), the east segment's [2d - k, 3d).
    struct Segment {
      std::int64_t first;
      std::int64_t back;
    };
    std::vector<Segment> segments;
    if (west) segments.push_back({0, 0});
    if (east) segments.push_back({cells - seg, 2 * d_ - k});
    const std::int64_t ylo = rows_begin();
    const std::int64_t yhi = rows_end();
    const std::int64_t rows = yhi - ylo;
    // Pieces: at least 4k rows each, at most 32 segment words in a fold row.
    const auto sides = static_cast<std::int64_t>(segments.size());
    const std::int64_t pieces = std::clamp<std::int64_t>(
        std::min(rows / (4 * k), kMaxFoldWords / (sides * seg_words)), 1, rows);
    const std::int64_t r = std::min(rows, (rows - 2 * k + pieces - 1) / pieces + 2 * k);
    const std::int64_t step = r - 2 * k;  // the right rows of one piece and the next abut
    const RowShape fold(sides * pieces * seg_words * kBits);
    const auto fold_words = static_cast<std::size_t>(r * fold.stride);
    if (fold_words > fold_words_) {
      fold_cur_ = fast::zeroed_words(fold_words);
      fold_next_ = fast::zeroed_words(fold_words);
      fold_words_ = fold_words;
    }
    // Piece p of segment i: tile rows [top(p), top(p) + r), at fold cell (i pieces + p)
    // seg_words 64.
    auto top = [&](std::int64_t p) { return std::min(ylo + p * step, yhi - r); };
    // Copies n cells of every row [y0, y1) of piece p from one grid to the other, finding where
    // the bits lie once (at most 4 words of 64 cells).
    auto copy = [&](std::int64_t p, std::int64_t y0, std::int64_t y1, bool to_fold,
                    std::int64_t tile_bit, std::int64_t fold_bit, std::int64_t n) {
      std::array<RowShape::Bits, 4> in{};
      std::array<RowShape::Bits, 4> out{};
      const std::int64_t chunks = (n + kBits - 1) / kBits;
      for (std::int64_t c = 0; c < chunks; ++c) {
        const std::int64_t m = std::min<std::int64_t>(kBits, n - c * kBits);
        const RowShape::Bits t = shape_.bits(tile_bit + c * kBits, m);
        const RowShape::Bits f = fold.bits(fold_bit + c * kBits, m);
        in[static_cast<std::size_t>(c)] = to_fold ? t : f;
        out[static_cast<std::size_t>(c)] = to_fold ? f : t;
      }
      const WordBuffer& tile = to_fold ? cur_ : next_;
      for (std::int64_t y = y0; y < y1; ++y) {
        Word* tile_row = row(tile, top(p) + y);
        Word* fold_row = (to_fold ? fold_cur_ : fold_next_).get() + y * fold.stride;
        const Word* from = to_fold ? tile_row : fold_row;
        Word* to = to_fold ? fold_row : tile_row;
        for (std::int64_t c = 0; c < chunks; ++c) {
          const auto i = static_cast<std::size_t>(c);
          out[i].set(to, in[i].get(from));
        }
      }
    };
    for (std::int64_t i = 0; i < sides; ++i) {
      for (std::int64_t p = 0; p < pieces; ++p) {
        copy(p, 0, r, true, segments[static_cast<std::size_t>(i)].first,
             (i * pieces + p) * seg_words * kBits, seg);
      }
    }
    static const std::vector<Keep> kNone;
    run({Rows{fold_cur_.get(), 0, fold.stride}, Rows{fold_next_.get(), 0, fold.stride}, fold.nv,
         &kNone, -k, r + k, 0, r, 0, r},
        k, nullptr);
    // Taken back: d + k cells of each piece's right rows (its first and last k rows are wrong,
    // save at the fold's ends).
    for (std::int64_t i = 0; i < sides; ++i) {
      const Segment& s = segments[static_cast<std::size_t>(i)];
      for (std::int64_t p = 0; p < pieces; ++p) {
        copy(p, p == 0 ? 0 : k, p + 1 == pieces ? r : r - k, false, s.first + s.back,
             (i * pieces + p) * seg_words * kBits + s.back, d_ + k);
      }
    }
  }

  // The most words of segments in a row of mend_columns' fold.
  static constexpr std::int64_t kMaxFoldWords = 32;

  std::int64_t d_;                          // ghost depth
  RowShape shape_;                          // a stored row: w + 2d cells
  std::vector<Word> owned_;                 // by stored position: the owned bits of each word
  std::vector<RowShape::Bits> row_pieces_;  // where a row's owned cells lie, 64 at a time
  WordBuffer cur_;
  WordBuffer next_;
  WordBuffer zero_;  // one dead row: what lies beyond a plane's edge
  std::size_t zero_words_;
  WordBuffer ring_;  // the wavefront's rings, 3 rows per intermediate generation
  std::size_t ring_words_ = 0;
  WordBuffer fold_cur_;   // mend_columns' fold: generation 0
  WordBuffer fold_next_;  // and generation k
  std::size_t fold_words_ = 0;
  std::array<bool, 8> outside_{};  // by Dir: the side lies beyond a plane's edge
  std::vector<Keep> keep_;         // bits of a row to clear after the row loop
  RowStepper step_row_;
};

}  // namespace

namespace fast {
inline namespace MPILIFE_FAST_VARIANT {

std::unique_ptr<Tile> make_deep_tile(std::int64_t w, std::int64_t h, const Rule& rule, int depth) {
  return std::make_unique<DeepTile>(w, h, rule, depth);
}

}  // namespace MPILIFE_FAST_VARIANT
}  // namespace fast

}  // namespace mpilife
