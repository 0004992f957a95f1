#include "tool/Messages.h"

#include "llvm/Support/raw_ostream.h"

namespace sockopt {

int fail(const llvm::Twine &message) {
  llvm::errs() << "sockopt-migrate: error: " << message << "\n";
  return 2;
}

void note(const llvm::Twine &message) {
  llvm::errs() << "sockopt-migrate: note: " << message << "\n";
}

} // namespace sockopt
