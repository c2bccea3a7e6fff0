#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace mpilife {

/// How an output path is written once symbolic links are followed.
enum class OutputKind {
  file,   ///< a regular file, existing or not: written to a temporary name and renamed over it
  stream  ///< a FIFO, a character device or a descriptor (/dev/stdout): written through, in place
};

/// An output path resolved: what it is, and the file that is actually written.
struct OutputTarget {
  OutputKind kind = OutputKind::file;  ///< how it is written
  std::string real;  ///< a file's real path (links, `.`, `..` resolved); a stream's path as given
  bool exists = false;  ///< whether a file is there already (always true for a stream)
};

/// Resolves `path` for writing: follows symbolic links (a link to a regular file writes its
/// target and keeps the link) and classifies the result; throws Error (exit 73, naming `option`)
/// for a directory, a block device, a socket or a loop of links.
OutputTarget resolve_output(const std::string& path, const std::string& option);

/// The real path `path` names, or would name once created: symbolic links (also a dangling last
/// one), `.` and `..` resolved as far as they exist.
std::string real_path(const std::string& path);

/// Throws Error (exit 73) unless `path` can be written: a stream (when `streams` allows one), or
/// a file whose folder exists and is writable and that (unless `overwrite`) does not exist yet;
/// `option` names it in the message. Returns the resolved target.
OutputTarget check_output_path(const std::string& path, const std::string& option, bool overwrite,
                               bool streams = true);

/// Writes a file through `write`: a regular file (or a link's target) into
/// "<real path>.tmp.<pid>" and renamed over it, so readers never see a half-written file; a stream
/// directly, appending; throws Error (exit 74) on any failure.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace mpilife
