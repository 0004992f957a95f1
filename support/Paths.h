// Paths as the report and the messages show them: relative to the tree.
#pragma once

#include <string>

namespace sockopt {

/// `path` relative to `root` when it lies under it, else unchanged.
std::string relativeTo(const std::string &path, const std::string &root);

} // namespace sockopt
