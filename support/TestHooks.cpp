// The hooks of sockopt-migrate-testing (support/TestHooks.h).
#include "support/TestHooks.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <unistd.h>

namespace sockopt::testhooks {

namespace {

bool named(const char *variable, llvm::StringRef file) {
  const char *suffix = std::getenv(variable);
  return suffix && *suffix && file.ends_with(suffix);
}

} // namespace

// Proves that a crashing unit loses nothing of the others
// (test/scan/crash.test).
void beforeParse(llvm::StringRef file) {
  if (named("SOCKOPT_MIGRATE_CRASH_ON", file))
    *static_cast<volatile int *>(nullptr) = 0; // a real fault, not raise()
}

// The file changes between the parse and the write
// (test/rewrite/refuse-changed.test).
void afterParse(llvm::StringRef file) {
  if (!named("SOCKOPT_MIGRATE_TOUCH_AFTER_PARSE", file))
    return;
  std::error_code ec;
  llvm::raw_fd_ostream out(file, ec, llvm::sys::fs::OF_Append);
  out << "\n";
}

// A signal sent during --apply reliably finds staged files (test/fault/).
void beforeRename() {
  if (const char *ms = std::getenv("SOCKOPT_MIGRATE_PAUSE_BEFORE_RENAME_MS"))
    ::usleep(std::strtoul(ms, nullptr, 10) * 1000);
}

} // namespace sockopt::testhooks
