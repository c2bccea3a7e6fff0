#include "mpilife/io/rle_writer.hpp"

#include <charconv>
#include <cstring>
#include <ostream>
#include <stdexcept>

#include "writer_support.hpp"

namespace mpilife {

namespace {

// The longest line RleWriter produces, as Golly and the RLE convention require.
constexpr std::size_t kMaxRleLine = 70;

}  // namespace

RlePlacement bounded_grid_placement(std::int64_t width, std::int64_t height,
                                    std::int64_t generation) {
  return {-(width / 2), -(height / 2), generation};
}

RleWriter::RleWriter(std::ostream& out, std::int64_t width, std::int64_t height,
                     const std::string& rule_text, const std::vector<std::string>& comments,
                     const std::optional<RlePlacement>& placement)
    : out_(out), width_(width), height_(height) {
  if (placement) {
    out_ << "#CXRLE Pos=" << placement->x << ',' << placement->y << " Gen=" << placement->generation
         << '\n';
  }
  pattern_io::write_comment_lines(out_, comments);
  out_ << "x = " << width << ", y = " << height;
  if (!rule_text.empty()) out_ << ", rule = " << rule_text;
  out_ << '\n';
  line_.reserve(kMaxRleLine + 1);
}

// Appends one run ("3o", "b", "12$"); a run never straddles a line break.
void RleWriter::emit(std::int64_t run, char tag) {
  char token[24];
  char* end = token;
  if (run > 1) end = std::to_chars(token, token + sizeof token - 1, run).ptr;
  *end++ = tag;
  const auto size = static_cast<std::size_t>(end - token);
  if (line_.size() + size > kMaxRleLine) {
    line_ += '\n';
    out_ << line_;
    line_.clear();
  }
  line_.append(token, size);
}

void RleWriter::add_row(const std::uint8_t* row) {
  if (rows_ == height_) throw std::logic_error("RleWriter: more rows than the header says");
  ++rows_;
  std::int64_t end = width_;
  // Trailing dead cells, eight at a time: most rows of a big sparse grid are dead all along.
  while (end >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, row + end - 8, sizeof word);
    if (word != 0) break;
    end -= 8;
  }
  while (end > 0 && row[end - 1] == 0) --end;
  if (end > 0) {
    if (pending_rows_ > 0) emit(pending_rows_, '$');
    pending_rows_ = 0;
    std::int64_t x = 0;
    while (x < end) {
      const bool alive = row[x] != 0;
      std::int64_t run = 1;
      while (x + run < end && (row[x + run] != 0) == alive) ++run;
      emit(run, alive ? 'o' : 'b');
      x += run;
    }
  }
  ++pending_rows_;
}

void RleWriter::finish() {
  if (rows_ != height_) throw std::logic_error("RleWriter: fewer rows than the header says");
  emit(1, '!');
  out_ << line_ << '\n';
  line_.clear();
}

void write_rle(std::ostream& out, const std::uint8_t* cells, std::int64_t width,
               std::int64_t height, const std::string& rule_text,
               const std::vector<std::string>& comments,
               const std::optional<RlePlacement>& placement) {
  RleWriter rle(out, width, height, rule_text, comments, placement);
  for (std::int64_t y = 0; y < height; ++y) rle.add_row(cells + y * width);
  rle.finish();
}

}  // namespace mpilife
