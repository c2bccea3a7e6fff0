#include "mpilife/io/rle_writer.hpp"

#include <charconv>
#include <ostream>

namespace mpilife {

namespace {

// The longest line write_rle produces, as Golly and the RLE convention require.
constexpr std::size_t kMaxRleLine = 70;

}  // namespace

void write_rle(std::ostream& out, const std::uint8_t* cells, std::int64_t width,
               std::int64_t height, const std::string& rule_text,
               const std::vector<std::string>& comments) {
  for (const std::string& comment : comments) {
    std::size_t start = 0;
    while (true) {
      const std::size_t end = comment.find('\n', start);
      out << "#C " << comment.substr(start, end - start) << '\n';
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  out << "x = " << width << ", y = " << height;
  if (!rule_text.empty()) out << ", rule = " << rule_text;
  out << '\n';

  std::string line;
  line.reserve(kMaxRleLine + 1);
  // Appends one run ("3o", "b", "12$"); a run never straddles a line break.
  const auto emit = [&](std::int64_t run, char tag) {
    char token[24];
    char* end = token;
    if (run > 1) end = std::to_chars(token, token + sizeof token - 1, run).ptr;
    *end++ = tag;
    const auto size = static_cast<std::size_t>(end - token);
    if (line.size() + size > kMaxRleLine) {
      line += '\n';
      out << line;
      line.clear();
    }
    line.append(token, size);
  };
  std::int64_t pending_rows = 0;  // row ends not yet written
  for (std::int64_t y = 0; y < height; ++y) {
    const std::uint8_t* row = cells + y * width;
    std::int64_t end = width;
    while (end > 0 && row[end - 1] == 0) --end;
    if (end > 0) {
      if (pending_rows > 0) emit(pending_rows, '$');
      pending_rows = 0;
      std::int64_t x = 0;
      while (x < end) {
        const bool alive = row[x] != 0;
        std::int64_t run = 1;
        while (x + run < end && (row[x + run] != 0) == alive) ++run;
        emit(run, alive ? 'o' : 'b');
        x += run;
      }
    }
    ++pending_rows;
  }
  emit(1, '!');
  out << line << '\n';
}

}  // namespace mpilife
