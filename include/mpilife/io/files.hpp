#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace mpilife {

/// Throws Error (exit 73) unless `path` can be created: its folder exists and is writable, it is
/// not a folder, and (unless `overwrite`) it does not exist yet. `option` names it in the message.
void check_output_path(const std::string& path, const std::string& option, bool overwrite);

/// Writes a file through `write` into "<path>.tmp.<pid>" and renames it over `path`, so readers
/// never see a half-written file; throws Error (exit 74) on any failure.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace mpilife
