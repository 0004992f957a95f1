// Writing files so that a reader sees the old content or the new, never a
// mix: a unique temporary file beside the target, then a rename.
#pragma once

#include "llvm/Support/Error.h"

#include <string>

namespace sockopt {

/// Fails, with the reason, when `path` cannot be written: its directory is
/// missing or `path` is a directory. Checked before long work starts.
llvm::Error checkWritable(const std::string &path);

/// Replaces `path` with `text`; on failure nothing is left behind.
llvm::Error writeAtomically(const std::string &path, llvm::StringRef text);

} // namespace sockopt
