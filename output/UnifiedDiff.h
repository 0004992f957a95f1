// A unified diff of one file, in the form `git apply` and `patch -p1` take:
// `a/PATH` and `b/PATH` labels, PATH relative to the tree root.
#pragma once

#include "llvm/Support/Error.h"

#include <string>

namespace sockopt {

/// Runs diff(1) over the two texts; "" when they are equal.
llvm::Expected<std::string> unifiedDiff(const std::string &relative_path, const std::string &before,
                                        const std::string &after);

} // namespace sockopt
