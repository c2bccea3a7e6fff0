#pragma once

#include <string>

namespace mpilife {

/// The XDMF sidecar of a recording: "run.h5" -> "run.xmf" (".xmf" appended to other names).
std::string sidecar_path(const std::string& h5_path);

}  // namespace mpilife
