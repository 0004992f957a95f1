// Running a helper program (git, diff) with its output captured.
#pragma once

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace sockopt {

struct ProgramResult {
  int status = -1;
  std::string out;
  std::string err;
};

/// Runs `program` (looked up in PATH) with `args`, capturing its output.
llvm::Expected<ProgramResult> runProgram(const std::string &program,
                                         const std::vector<std::string> &args);

} // namespace sockopt
