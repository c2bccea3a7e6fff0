#include "writer_support.hpp"

#include <ostream>

namespace mpilife::pattern_io {

void write_comment_lines(std::ostream& out, const std::vector<std::string>& comments) {
  for (const std::string& comment : comments) {
    std::size_t start = 0;
    while (true) {
      const std::size_t end = comment.find('\n', start);
      out << "#C " << comment.substr(start, end - start) << '\n';
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
}

}  // namespace mpilife::pattern_io
