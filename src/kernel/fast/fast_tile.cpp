// The bit-packed kernel: 64 cells per word, bit-sliced neighbour counting, any Life-like rule.
//
// Every unit in src/kernel/fast/ is compiled with -O3 (and -march=native when MPILIFE_NATIVE=ON);
// the vector types and operations the row loop is written in are in simd.hpp.

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <utility>
#include <vector>

#include "adders.hpp"
#include "mpilife/core/geometry.hpp"
#include "mpilife/core/rule.hpp"
#include "mpilife/kernel/fast.hpp"
#include "mpilife/kernel/tile.hpp"
#include "mpilife/kernel/tile_io.hpp"
#include "simd.hpp"

namespace mpilife {

namespace {

using fast::all_if;
using fast::Count;
using fast::for_each_count;
using fast::kBits;
using fast::kLanes;
using fast::load;
using fast::logic3;
using fast::splat;
using fast::store;
using fast::Vec;
using fast::Word;

constexpr std::size_t kAlign = 64;   // alignment of the buffers: a cache line
constexpr std::int64_t kAhead = 16;  // rows the edge pass prefetches ahead
constexpr std::size_t kCachedBytes = std::size_t{1} << 20;  // a buffer the L2 cache holds

constexpr std::int64_t words_for(std::int64_t n) {
  return (n + kBits - 1) / kBits;
}

// kSpreadByte[b] holds bit i of b in byte i (little-endian): eight cells as eight 0/1 bytes.
constexpr std::array<Word, 256> make_spread_table() {
  std::array<Word, 256> t{};
  for (unsigned b = 0; b < 256; ++b) {
    for (unsigned i = 0; i < 8; ++i) t[b] |= static_cast<Word>((b >> i) & 1u) << (8 * i);
  }
  return t;
}
constexpr std::array<Word, 256> kSpreadByte = make_spread_table();

struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};

// At least `bytes` of zeroed memory aligned to a cache line, freed with std::free.
void* zeroed(std::size_t bytes) {
  const std::size_t size = (bytes + kAlign - 1) / kAlign * kAlign;  // aligned_alloc needs this
  void* p = std::aligned_alloc(kAlign, size);
  if (p == nullptr) throw std::bad_alloc();
  std::memset(p, 0, size);
  return p;
}

// s ? a : b
struct Select {
  template <class T>
  constexpr T operator()(T s, T a, T b) const {
    return (s & a) | (~s & b);
  }
};

/// B3/S23, specialised: count 3, or count 4 on a live cell (the count includes the cell).
struct ConwayRule {
  // count == 3 given t0 = 1: u + k0 == 1 and m1 == 0.
  struct Three {
    template <class T>
    constexpr T operator()(T u, T k0, T m1) const {
      return (u ^ k0) & ~m1;
    }
  };
  // count == 4 given t0 = 0: u + k0 == 2 and m1 == 0, or u + k0 == 0 and m1 == 1.
  struct Four {
    template <class T>
    constexpr T operator()(T u, T k0, T m1) const {
      return (u & k0 & ~m1) | (~u & ~k0 & m1);
    }
  };

  MPILIFE_INLINE Vec operator()(const Count& c, Vec alive) const {
    const Vec three = logic3<Three>(c.u, c.k0, c.m1);
    const Vec four = logic3<Four>(c.u, c.k0, c.m1);
    return logic3<Select>(c.t0, three, alive & four);
  }
};

/// Any Life-like rule: a decision tree over the count bits t3 t2 t1 t0 and the cell's state,
/// whose leaves are the rule's answers as all-zero / all-one words. kWithT3 = false when counts
/// 8 and 9 need no leaves of their own (B0 == B8 and S0 == S8): they then share the leaves of
/// counts 0 and 1, whose low bits they have.
template <bool kWithT3>
struct GenericRule {
  // leaf[a][t]: next state of a cell with state a and count t (itself included), as a mask.
  std::array<std::array<Vec, 10>, 2> leaf{};

  explicit GenericRule(const Rule& rule) {
    for (int t = 0; t <= 9; ++t) {
      leaf[0][t] = splat(all_if(t <= 8 && rule.births(t)));
      leaf[1][t] = splat(all_if(t >= 1 && rule.survives(t - 1)));
    }
    // The two impossible pairs take the answer of the pair sharing their low bits: a live cell
    // never counts 0 (it shares 000 with count 8), a dead one never 9 (001 with count 1).
    leaf[1][0] = leaf[1][8];
    leaf[0][9] = leaf[0][1];
  }

  struct Upper {  // t2 from the adders' outputs
    template <class T>
    constexpr T operator()(T u, T k0, T m1) const {
      return m1 ^ (u & k0);
    }
  };

  MPILIFE_INLINE Vec operator()(const Count& c, Vec alive) const {
    const Vec t1 = c.u ^ c.k0;
    const Vec t2 = logic3<Upper>(c.u, c.k0, c.m1);
    Vec t3{};
    if constexpr (kWithT3) t3 = c.u & c.k0 & c.m1;
    return logic3<Select>(alive, side(leaf[1], c.t0, t1, t2, t3), side(leaf[0], c.t0, t1, t2, t3));
  }

 private:
  MPILIFE_INLINE static Vec side(const std::array<Vec, 10>& f, Vec t0, Vec t1, Vec t2, Vec t3) {
    const Vec x01 = logic3<Select>(t0, f[1], f[0]);
    const Vec x23 = logic3<Select>(t0, f[3], f[2]);
    const Vec x45 = logic3<Select>(t0, f[5], f[4]);
    const Vec x67 = logic3<Select>(t0, f[7], f[6]);
    const Vec low = logic3<Select>(t2, logic3<Select>(t1, x67, x45), logic3<Select>(t1, x23, x01));
    if constexpr (kWithT3) {
      return logic3<Select>(t3, logic3<Select>(t0, f[9], f[8]), low);
    } else {
      (void)t3;
      return low;
    }
  }
};

// Next state of vectors [0, nv) of one row, the rule fused into the counting loop.
template <class Eval>
void step_row(const Word* __restrict above, const Word* __restrict at, const Word* __restrict below,
              Word* __restrict out, std::int64_t nv, const Eval& eval) {
  for_each_count(above, at, below, nv, [&](std::int64_t i, const Count& c, Vec alive) {
    store(out + i * kLanes, eval(c, alive));
  });
}

// The truth table of a three-input function, evaluated with plain logic (on AVX-512 logic3 turns
// it into the single vpternlogq it names).
template <int kTable>
struct Table3 {
  template <class T>
  constexpr T operator()(T a, T b, T c) const {
    T r = a & ~a;
    for (int m = 0; m < 8; ++m) {
      if ((kTable >> m) & 1) r |= ((m & 4) ? a : ~a) & ((m & 2) ? b : ~b) & ((m & 1) ? c : ~c);
    }
    return r;
  }
};

/// A rule known at compile time (kSurvive / kBirth: bit n = survives / is born with n live
/// neighbours). Each side of the rule is one vpternlogq on the low count bits t2 t1 t0, whose
/// table entry m answers count m (count 8 for a live cell at m = 0, which a live cell never
/// counts); count 9 of a live cell and count 8 of a dead one share entries 1 and 0 and are fixed
/// from t3 where their answers differ.
template <int kSurvive, int kBirth>
struct FixedRule {
  static constexpr bool bit(int mask, int n) { return ((mask >> n) & 1) != 0; }
  static constexpr int live_table() {
    int t = 0;
    for (int m = 0; m < 8; ++m) t |= bit(kSurvive, m == 0 ? 7 : m - 1) ? 1 << m : 0;
    return t;
  }
  static constexpr int dead_table() { return kBirth & 0xFF; }
  static constexpr bool kFixNine = bit(kSurvive, 8) != bit(kSurvive, 0);
  static constexpr bool kFixEight = bit(kBirth, 8) != bit(kBirth, 0);

  struct Upper {  // t2
    template <class T>
    constexpr T operator()(T u, T k0, T m1) const {
      return m1 ^ (u & k0);
    }
  };
  struct FlipNine {  // live ^ (t3 & t0)
    template <class T>
    constexpr T operator()(T live, T t3, T t0) const {
      return live ^ (t3 & t0);
    }
  };

  MPILIFE_INLINE Vec operator()(const Count& c, Vec alive) const {
    const Vec t1 = c.u ^ c.k0;
    const Vec t2 = logic3<Upper>(c.u, c.k0, c.m1);
    Vec live = logic3<Table3<live_table()>>(t2, t1, c.t0);
    Vec dead = logic3<Table3<dead_table()>>(t2, t1, c.t0);
    if constexpr (kFixNine || kFixEight) {
      const Vec t3 = c.u & c.k0 & c.m1;
      if constexpr (kFixNine) live = logic3<FlipNine>(live, t3, c.t0);
      if constexpr (kFixEight) dead = dead ^ t3;
    }
    return logic3<Select>(alive, live, dead);
  }
};

using RowFunction = void (*)(const Word*, const Word*, const Word*, Word*, std::int64_t);

template <int kSurvive, int kBirth>
void step_row_fixed(const Word* above, const Word* at, const Word* below, Word* out,
                    std::int64_t nv) {
  step_row(above, at, below, out, nv, FixedRule<kSurvive, kBirth>{});
}

/// Well-known Life-like rules (Golly's and the LifeWiki's list) compiled with their tables built
/// in: as fast as B3/S23. Every other rule runs the generic decision tree.
struct KnownRule {
  int survive;  // bit n: S n
  int birth;    // bit n: B n
  RowFunction step;
};

template <int kSurvive, int kBirth>
constexpr KnownRule known() {
  return {kSurvive, kBirth, &step_row_fixed<kSurvive, kBirth>};
}

constexpr int digits(std::initializer_list<int> ns) {
  int mask = 0;
  for (const int n : ns) mask |= 1 << n;
  return mask;
}

constexpr KnownRule kKnownRules[] = {
    known<digits({2, 3}), digits({3, 6})>(),                    // HighLife B36/S23
    known<digits({3, 4, 6, 7, 8}), digits({3, 6, 7, 8})>(),     // Day & Night
    known<0, digits({2})>(),                                    // Seeds B2/S
    known<digits({0, 1, 2, 3, 4, 5, 6, 7, 8}), digits({3})>(),  // Life without death
    known<digits({3, 4}), digits({3, 4})>(),                    // 34 Life
    known<digits({1, 3, 5, 7}), digits({1, 3, 5, 7})>(),        // Replicator
    known<digits({1, 2, 5}), digits({3, 6})>(),                 // 2x2
    known<digits({2, 4, 5}), digits({3, 6, 8})>(),              // Morley
    known<digits({3, 5, 6, 7, 8}), digits({4, 6, 7, 8})>(),     // Anneal
    known<digits({5, 6, 7, 8}), digits({3, 5, 6, 7, 8})>(),     // Diamoeba
    known<digits({1, 2, 3, 4, 5}), digits({3})>(),              // Maze
    known<digits({1, 2, 3, 4}), digits({3})>(),                 // Mazectric
    known<digits({4, 5, 6, 7, 8}), digits({3})>(),              // Coral
    known<digits({2, 3}), digits({3, 7})>(),                    // DryLife
    known<digits({2, 3}), digits({3, 8})>(),                    // Pedestrian Life
    known<digits({4}), digits({2, 5})>(),                       // B25/S4
    known<digits({2, 3, 4, 5}), digits({4, 5, 6, 7, 8})>(),     // Walled cities
    known<digits({1}), digits({1})>(),                          // Gnarl
};

// The compiled-in row function for `rule`, or null.
RowFunction known_rule(const Rule& rule) {
  for (const KnownRule& k : kKnownRules) {
    if (k.survive == rule.survival && k.birth == rule.birth) return k.step;
  }
  return nullptr;
}

enum class RuleKind { conway, known, generic, generic_t3 };

/// The bit-packed tile. A row of w cells is nw = ceil(w / 64) words, padded to nv = ceil(nw / L)
/// vectors of L = kLanes words (8 on AVX-512, 4 on AVX2, 2 otherwise), and stored lane-interleaved:
/// word k (cells 64 k .. 64 k + 63, cell 64 k + i in bit i) sits in lane k / nv of vector k % nv,
/// i.e. at position L (k % nv) + k / nv. So the words west and east of vector i's words are vector
/// i-1's and i+1's, lane for lane.
///
///   vector:   0             1             ...  nv-1
///   lane 0:   word 0        word 1        ...  word nv-1
///   lane 1:   word nv       word nv+1     ...  word 2nv-1
///   ...
///   lane L-1: word (L-1)nv  ...                word L nv - 1
///
/// Each of the two buffers holds rows -1 .. h (rows -1 and h are the north and south ghost rows)
/// of L nv words, 64-byte aligned. The west and east ghost columns, corners included, are one
/// byte per row -1 .. h, ghost_[y+1] = cell (-1, y) in bit 0 | cell (w, y) in bit 2 (the bits
/// they have in the edge table's index), shared by both buffers (ghosts are refilled before every
/// step):
///
///   ghost_[0]   bit 0 | row -1 (ghost N)          | ghost_[0]   bit 2     <- NW, N, NE
///   ------------------+---------------------------+------------------
///   ghost_[y+1] bit 0 | row y, cells 0 .. w-1     | ghost_[y+1] bit 2     <- W, owned, E
///   ------------------+---------------------------+------------------
///   ghost_[h+1] bit 0 | row h (ghost S)           | ghost_[h+1] bit 2     <- SW, S, SE
///
/// Bits of cells x >= w ("padding") are always dead, ghost rows included. The row loop treats the
/// ghost columns as dead, so step_interior reads no ghost; step_border then recomputes the two
/// edge cells x = 0 and x = w-1 of every row from a 512-entry table indexed by their 3x3 block,
/// ghosts included (edge_cells), and records them in the next buffer's packed columns: each
/// buffer keeps its columns x = 0 and x = w-1 packed as the west and east faces.
class FastTile final : public Tile {
 public:
  FastTile(std::int64_t w, std::int64_t h, const Rule& rule)
      : Tile(w, h, rule),
        nw_(words_for(w)),
        nv_((nw_ + kLanes - 1) / kLanes),
        stride_(nv_ * kLanes),
        last_mask_(w % kBits == 0 ? ~Word{0} : (Word{1} << (w % kBits)) - 1),
        cur_(allocate()),
        next_(allocate()),
        ghost_(static_cast<std::size_t>(h + 2), 0),
        known_(known_rule(rule)),
        kind_(rule.is_conway()    ? RuleKind::conway
              : known_ != nullptr ? RuleKind::known
              : (rule.births(0) == rule.births(8) && rule.survives(0) == rule.survives(8))
                  ? RuleKind::generic
                  : RuleKind::generic_t3),
        generic_(rule),
        generic_t3_(rule) {
    for (std::int64_t i = 0; i < nv_; ++i) {
      Vec mask{};
      bool all = true;
      for (std::int64_t j = 0; j < kLanes; ++j) {
        const std::int64_t k = i + j * nv_;
        mask[j] = k < nw_ - 1 ? ~Word{0} : k == nw_ - 1 ? last_mask_ : 0;
        all = all && mask[j] == ~Word{0};
      }
      if (!all) padding_.push_back({i * kLanes, mask});
    }
    for (unsigned idx = 0; idx < 512; ++idx) {
      const int count = __builtin_popcount(idx);
      const bool alive = (idx >> 4) & 1;
      edge_table_[idx] = (alive ? rule.survives(count - 1) : rule.births(count)) ? 1 : 0;
    }
    for (auto* column : {&cur_columns_, &next_columns_}) {
      for (auto& c : *column) c.assign(static_cast<std::size_t>(words_for(h)), 0);
    }
  }

  std::size_t face_bytes(Dir d) const override {
    switch (d) {
      case Dir::north:
      case Dir::south:
        return static_cast<std::size_t>(stride_) * sizeof(Word);
      case Dir::west:
      case Dir::east:
        return static_cast<std::size_t>(words_for(height())) * sizeof(Word);
      default:
        return 1;
    }
  }

  // Faces: N/S = the row's L nv words as stored (padding dead; the layout is the same in every
  // tile of this width built for the same instruction set); W/E = the column's h cells, cell y as
  // bit y % 64 of word y / 64; corners = one byte, 0 or 1.
  void pack_face(Dir d, std::byte* out) const override {
    const std::int64_t h = height();
    switch (d) {
      case Dir::north:
        std::memcpy(out, row(cur_, 0), face_bytes(d));
        return;
      case Dir::south:
        std::memcpy(out, row(cur_, h - 1), face_bytes(d));
        return;
      case Dir::west:
      case Dir::east:
        std::memcpy(out, cur_columns_[side(d)].data(), face_bytes(d));
        return;
      default: {
        const Extent e = face_region(d, width(), h);
        *out = static_cast<std::byte>(cell(e.x0, e.y0));
        return;
      }
    }
  }

  void unpack_ghost(Dir d, const std::byte* in) override {
    const std::int64_t h = height();
    switch (d) {
      case Dir::north:
      case Dir::south: {
        Word* r = row(cur_, d == Dir::north ? -1 : h);
        std::memcpy(r, in, face_bytes(d));
        clear_padding(r);
        return;
      }
      case Dir::west:
      case Dir::east: {
        const unsigned shift = ghost_shift(d);
        const auto keep = static_cast<std::uint8_t>(~(1u << shift));
        std::uint8_t* ghost = ghost_.data() + 1;
        for (std::int64_t y0 = 0; y0 < h; y0 += kBits) {
          Word bits;
          std::memcpy(&bits, in + y0 / kBits * static_cast<std::int64_t>(sizeof(Word)),
                      sizeof bits);
          const std::int64_t n = std::min<std::int64_t>(kBits, h - y0);
          for (std::int64_t i = 0; i < n; ++i) {
            std::uint8_t& g = ghost[y0 + i];
            g = static_cast<std::uint8_t>((g & keep) | ((bits >> i) & 1) << shift);
          }
        }
        return;
      }
      default:
        set_corner(d, *in != std::byte{0});
        return;
    }
  }

  void clear_ghost(Dir d) override {
    const std::int64_t h = height();
    switch (d) {
      case Dir::north:
      case Dir::south:
        std::memset(row(cur_, d == Dir::north ? -1 : h), 0, face_bytes(d));
        return;
      case Dir::west:
      case Dir::east: {
        const auto keep = static_cast<std::uint8_t>(~(1u << ghost_shift(d)));
        for (std::size_t i = 1; i + 1 < ghost_.size(); ++i) ghost_[i] &= keep;
        return;
      }
      default:
        set_corner(d, false);
        return;
    }
  }

  void step_interior(std::int64_t row_begin, std::int64_t row_end) override {
    rows(std::max<std::int64_t>(row_begin, 1), std::min<std::int64_t>(row_end, height() - 1));
  }

  // Rows 0 and h-1, then the edge cells of every row (step_interior must have run).
  void step_border() override {
    const std::int64_t h = height();
    rows(0, 1);
    if (h > 1) rows(h - 1, h);
    edge_cells();
  }

  void swap() override {
    std::swap(cur_, next_);
    std::swap(cur_columns_, next_columns_);
  }

  void read_row(std::int64_t y, std::uint8_t* out) const override {
    const Word* r = row(cur_, y);
    const std::int64_t w = width();
    for (std::int64_t k = 0; k < nw_; ++k) {
      const Word v = r[position(k)];
      const std::int64_t n = std::min<std::int64_t>(kBits, w - k * kBits);
      std::uint8_t* o = out + k * kBits;
      if (n == kBits) {  // a whole word: eight cells at a time from the byte-spreading table
        for (int b = 0; b < 8; ++b) {
          std::memcpy(o + 8 * b, &kSpreadByte[(v >> (8 * b)) & 0xFF], 8);
        }
        continue;
      }
      for (std::int64_t i = 0; i < n; ++i) o[i] = static_cast<std::uint8_t>((v >> i) & 1);
    }
  }

  void write_row(std::int64_t y, const std::uint8_t* in) override {
    Word* r = row(cur_, y);
    const std::int64_t w = width();
    for (std::int64_t k = 0; k < nw_; ++k) {
      const std::int64_t n = std::min<std::int64_t>(kBits, w - k * kBits);
      const std::uint8_t* p = in + k * kBits;
      Word v = 0;
      for (std::int64_t i = 0; i < n; ++i) v |= static_cast<Word>(p[i] != 0) << i;
      r[position(k)] = v;
    }
    set_column_bit(cur_columns_[0], y, in[0] != 0);
    set_column_bit(cur_columns_[1], y, in[w - 1] != 0);
  }

  std::int64_t population() const override {
    std::int64_t n = 0;
    for (std::int64_t y = 0; y < height(); ++y) {
      const Word* r = row(cur_, y);
      for (std::int64_t k = 0; k < stride_; ++k) n += __builtin_popcountll(r[k]);
    }
    return n;
  }

  bool changed() const override {
    const auto bytes = static_cast<std::size_t>(stride_) * sizeof(Word);
    for (std::int64_t y = 0; y < height(); ++y) {
      if (std::memcmp(row(cur_, y), row(next_, y), bytes) != 0) return true;
    }
    return false;
  }

  std::size_t storage_bytes() const override {
    return 2 * buffer_words() * sizeof(Word) + ghost_.size() +
           4 * cur_columns_[0].size() * sizeof(Word);
  }

 private:
  using Buffer = std::unique_ptr<Word[], FreeDeleter>;
  using Columns = std::array<std::vector<Word>, 2>;  // west, east: bit y % 64 of word y / 64

  /// A vector of a row holding padding, and the mask of its owned bits.
  struct Padding {
    std::int64_t offset;  // first word of the vector within the row
    Vec mask;
  };

  static std::size_t side(Dir d) { return d == Dir::west ? 0 : 1; }

  static void set_column_bit(std::vector<Word>& column, std::int64_t y, bool alive) {
    Word& word = column[static_cast<std::size_t>(y / kBits)];
    const Word bit = Word{1} << (y % kBits);
    word = alive ? (word | bit) : (word & ~bit);
  }

  std::size_t buffer_words() const { return static_cast<std::size_t>((height() + 2) * stride_); }

  Buffer allocate() const {
    return Buffer(static_cast<Word*>(zeroed(buffer_words() * sizeof(Word))));
  }

  // Row y (-1 .. h) of `buf`.
  Word* row(const Buffer& buf, std::int64_t y) const { return buf.get() + (y + 1) * stride_; }

  // Where word k of a row is stored.
  std::int64_t position(std::int64_t k) const { return k % nv_ * kLanes + k / nv_; }

  // Owned cell (x, y) of the current state, 0 or 1.
  Word cell(std::int64_t x, std::int64_t y) const {
    return (row(cur_, y)[position(x / kBits)] >> (x % kBits)) & 1;
  }

  void clear_padding(Word* r) const {
    for (const Padding& p : padding_) store(r + p.offset, load(r + p.offset) & p.mask);
  }

  // The bit of ghost_ holding the west (0) or east (2) ghost column.
  static unsigned ghost_shift(Dir d) { return dir_dx(d) < 0 ? 0 : 2; }

  void set_corner(Dir d, bool alive) {
    std::uint8_t& g = ghost_[dir_dy(d) < 0 ? 0 : ghost_.size() - 1];
    const unsigned bit = 1u << ghost_shift(d);
    g = static_cast<std::uint8_t>(alive ? (g | bit) : (g & ~bit));
  }

  // Rows [row_begin, row_end) of the next state, edge cells counted with dead ghosts.
  void rows(std::int64_t row_begin, std::int64_t row_end) {
    const Word* above = row(cur_, row_begin - 1);
    Word* out = row(next_, row_begin);
    for (std::int64_t y = row_begin; y < row_end; ++y) {
      switch (kind_) {
        case RuleKind::conway:
          step_row(above, above + stride_, above + 2 * stride_, out, nv_, ConwayRule{});
          break;
        case RuleKind::known:
          known_(above, above + stride_, above + 2 * stride_, out, nv_);
          break;
        case RuleKind::generic:
          step_row(above, above + stride_, above + 2 * stride_, out, nv_, generic_);
          break;
        case RuleKind::generic_t3:
          step_row(above, above + stride_, above + 2 * stride_, out, nv_, generic_t3_);
          break;
      }
      clear_padding(out);
      above += stride_;
      out += stride_;
    }
  }

  // Recomputes cells x = 0 and x = w-1 of every row of the next state from the 512-entry table,
  // and packs them into the next state's columns.
  void edge_cells() {
    const std::int64_t w = width();
    // Past the second-level cache the rows' lines are gone by the time this pass runs.
    if (buffer_words() * sizeof(Word) > kCachedBytes) {
      edge_cells_for<true>(w);
    } else {
      edge_cells_for<false>(w);
    }
  }

  template <bool kPrefetch>
  void edge_cells_for(std::int64_t w) {
    if (w == 1) {
      edge_cells<true, false, kPrefetch>();
    } else if ((w - 1) % kBits == 0) {
      edge_cells<false, true, kPrefetch>();
    } else {
      edge_cells<false, false, kPrefetch>();
    }
  }

  // The table index holds cells x-1, x, x+1 (ghosts included) of rows y-1, y, y+1 as bits 0-2,
  // 3-5, 6-8; one pass down the rows keeps the last two rows' bits and adds the row below. West:
  // cells 0 and 1 are bits 0 and 1 of word 0 (kNarrow, w = 1: cell 1 is the east ghost, and the
  // east cell is the west one). East: cells w-2 and w-1 are bits sb-1 and sb of the word at pb,
  // or (kSplit, w-1 starts a word) bit 63 of the word at pa and bit 0 of the word at pb.
  template <bool kNarrow, bool kSplit, bool kPrefetch>
  __attribute__((noinline)) void edge_cells() {
    const std::int64_t w = width();
    const std::int64_t h = height();
    const std::int64_t stride = stride_;
    const std::uint8_t* const table = edge_table_.data();
    const std::uint8_t* ghost = ghost_.data();  // row y - 1 of the window
    Word* const col_w = next_columns_[0].data();
    Word* const col_e = next_columns_[1].data();
    const std::int64_t pa = kSplit ? position((w - 2) / kBits) : 0;
    const std::int64_t pb = position((w - 1) / kBits);
    const unsigned sb = static_cast<unsigned>((w - 1) % kBits);
    const unsigned sa = kNarrow || kSplit ? 0 : sb - 1;
    const Word keep_b = ~(Word{1} << sb);
    auto west = [&](const Word* r, unsigned g) -> unsigned {
      if constexpr (kNarrow) return (g & 5) | static_cast<unsigned>(r[0] & 1) << 1;
      return (g & 1) | static_cast<unsigned>(r[0] & 3) << 1;
    };
    auto east = [&](const Word* r, unsigned g) -> unsigned {
      if constexpr (kSplit) return static_cast<unsigned>(r[pa] >> 63 | (r[pb] & 1) << 1) | (g & 4);
      return static_cast<unsigned>((r[pb] >> sa) & 3) | (g & 4);
    };
    const Word* below = row(cur_, -1);
    // Rows -1 and 0 as bits 3-8, shifted down to 0-5 as each row's index is formed.
    unsigned wi = west(below, ghost[0]) << 3 | west(below + stride, ghost[1]) << 6;
    unsigned ei = kNarrow ? 0 : east(below, ghost[0]) << 3 | east(below + stride, ghost[1]) << 6;
    below += 2 * stride;
    ghost += 2;
    Word* out = row(next_, 0);
    Word cw = 0;  // the columns' bits of the current 64 rows
    Word ce = 0;
    const std::int64_t ahead = kAhead * stride;
    for (std::int64_t y = 0; y < h; ++y, below += stride, out += stride, ++ghost) {
      if (kPrefetch && y + kAhead < h) {  // fetch the lines kAhead rows on
        __builtin_prefetch(below + ahead);
        __builtin_prefetch(below + ahead + pb);
        __builtin_prefetch(out + ahead, 1);
        __builtin_prefetch(out + ahead + pb, 1);
      }
      const unsigned g = *ghost;
      wi = wi >> 3 | west(below, g) << 6;
      const Word wbit = table[wi];
      Word ebit = wbit;
      if constexpr (!kNarrow) {
        ei = ei >> 3 | east(below, g) << 6;
        ebit = table[ei];
      }
      out[0] = (out[0] & ~Word{1}) | wbit;
      out[pb] = (out[pb] & keep_b) | ebit << sb;
      const unsigned s = static_cast<unsigned>(y % kBits);
      cw |= wbit << s;
      ce |= ebit << s;
      if (s == kBits - 1 || y + 1 == h) {
        col_w[y / kBits] = cw;
        col_e[y / kBits] = ce;
        cw = 0;
        ce = 0;
      }
    }
  }

  std::int64_t nw_;      // words per row
  std::int64_t nv_;      // vectors per row
  std::int64_t stride_;  // words per row as stored: L nv
  Word last_mask_;       // owned bits of word nw-1
  Buffer cur_;
  Buffer next_;
  Columns cur_columns_;              // columns x = 0 and x = w-1 of cur_, packed as the W/E faces
  Columns next_columns_;             // the same for next_, filled by edge_cells
  std::vector<std::uint8_t> ghost_;  // ghost_[y+1]: cell (-1, y) in bit 0, cell (w, y) in bit 2
  RowFunction known_;                // a compiled-in rule, or null
  RuleKind kind_;
  GenericRule<false> generic_;
  GenericRule<true> generic_t3_;
  std::vector<Padding> padding_;                // vectors of a row that hold padding bits
  std::array<std::uint8_t, 512> edge_table_{};  // next state of the centre of a 3x3 block
};

}  // namespace

std::unique_ptr<Tile> make_fast_tile(std::int64_t w, std::int64_t h, const Rule& rule) {
  return std::make_unique<FastTile>(w, h, rule);
}

std::string fast_kernel_isa() {
#if defined(__AVX512F__)
  return "avx512";
#elif defined(__AVX2__)
  return "avx2";
#else
  return "portable";
#endif
}

}  // namespace mpilife
