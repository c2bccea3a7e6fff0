#pragma once

// Private to the pattern writers (RLE, macrocell): what they write the same way.

#include <iosfwd>
#include <string>
#include <vector>

namespace mpilife::pattern_io {

/// Writes each comment as "#C <text>" lines, one per line of the comment (a comment holding
/// '\n' becomes several lines), as Golly writes comments in RLE and macrocell files and as the
/// readers read them back.
void write_comment_lines(std::ostream& out, const std::vector<std::string>& comments);

}  // namespace mpilife::pattern_io
