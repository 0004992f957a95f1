// What the command line says on stderr: errors and notes, each prefixed
// with the tool's name as a compiler's are.
#pragma once

#include "llvm/ADT/Twine.h"

namespace sockopt {

/// Prints "sockopt-migrate: error: MESSAGE" and returns exit status 2.
int fail(const llvm::Twine &message);

/// Prints "sockopt-migrate: note: MESSAGE".
void note(const llvm::Twine &message);

} // namespace sockopt
