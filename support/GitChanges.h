// What changed in a git work tree since a revision: the files, and per file
// the line ranges of the new version that were added or changed.
#pragma once

#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sockopt {

struct Changes {
  /// Absolute path → changed line ranges [first, last] of the new file; a
  /// new (untracked or added) file has the whole-file range.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> files;

  bool touches(const std::string &file, unsigned line) const;
};

/// The changes in the git work tree holding `root`. Fails when git cannot
/// say: no work tree, `revision` not a commit, or one of `files` (absolute,
/// under `root`) that git neither tracks nor lists as untracked (ignored, or
/// the repository found is not the tree's own).
llvm::Expected<Changes> changesSince(const std::string &root, const std::string &revision,
                                     const std::vector<std::string> &files);

} // namespace sockopt
