#include "mpilife/core/error.hpp"

namespace mpilife {

Error data_error(const SourcePos& pos, const std::string& what) {
  std::string where = pos.file.empty() ? std::string() : pos.file + ":";
  if (pos.line > 0) where += std::to_string(pos.line) + ":";
  if (pos.column > 0) where += std::to_string(pos.column) + ":";
  return Error(ExitCode::data, (where.empty() ? "" : where + " ") + what);
}

}  // namespace mpilife
