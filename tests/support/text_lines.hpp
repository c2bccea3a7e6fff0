#pragma once

// The lines of a written text, for the writer tests, and finding a part of a text.

#include <sstream>
#include <string>
#include <vector>

namespace mpilife::test {

/// The lines of `text` (each ended by '\n'), without their ends.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

/// True when `part` occurs in `text`.
inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace mpilife::test
