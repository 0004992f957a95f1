#include "tool/Progress.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace sockopt {

Progress::Progress() : enabled_(llvm::sys::Process::StandardErrIsDisplayed()) {}

Progress::~Progress() { clear(); }

void Progress::clear() {
  if (drawn_)
    llvm::errs() << "\r\033[K";
  drawn_ = false;
}

void Progress::update(size_t done, size_t total, const std::string &what) {
  if (!enabled_)
    return;
  std::string line = "[" + std::to_string(done) + "/" + std::to_string(total) + "] " + what;
  if (line.size() > 100)
    line = line.substr(0, 97) + "...";
  llvm::errs() << "\r\033[K" << line;
  llvm::errs().flush();
  drawn_ = true;
}

} // namespace sockopt
