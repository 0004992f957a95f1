// The hooks of the shipped tool: none (support/TestHooks.h).
#include "support/TestHooks.h"

namespace sockopt::testhooks {

void beforeParse(llvm::StringRef) {}
void afterParse(llvm::StringRef) {}
void beforeRename() {}

} // namespace sockopt::testhooks
