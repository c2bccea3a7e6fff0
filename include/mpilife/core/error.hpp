#pragma once

#include <stdexcept>
#include <string>

namespace mpilife {

/// Process exit codes (sysexits.h values), identical on every rank.
enum class ExitCode : int {
  ok = 0,
  usage = 64,        ///< bad command line
  data = 65,         ///< bad pattern or rule data
  no_input = 66,     ///< input missing or unreadable
  software = 70,     ///< internal failure: an MPI call failed, memory ran out unexpectedly
  cant_create = 73,  ///< output cannot be created
  io = 74,           ///< I/O error during the run
  time_limit = 75,   ///< stopped by --max-time or SIGUSR1 after writing the outputs (EX_TEMPFAIL)
  interrupted = 130  ///< stopped by SIGINT/SIGTERM
};

/// An error the user caused or must fix: a message and the exit code that reports it.
class Error : public std::runtime_error {
 public:
  /// Creates an error with `code` and the full user-facing `message`.
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /// The exit code every rank returns for this error.
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

/// A position in an input text, 1-based, for "file:line:column: message" errors.
struct SourcePos {
  std::string file;  ///< file name as the user gave it ("" for strings)
  long line = 0;     ///< 1-based line, 0 when unknown
  long column = 0;   ///< 1-based column, 0 when unknown
};

/// Builds a data error (exit 65) whose message starts with "file:line:column: ".
Error data_error(const SourcePos& pos, const std::string& what);

}  // namespace mpilife
