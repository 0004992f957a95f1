// Writes a `git format-patch`-style series: a cover letter (patch 0) and
// one patch per protocol, each with a body that says what changed in plain
// words, ready for `git am`.
#pragma once

#include "model/Report.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace sockopt {

struct ProtocolPatch {
  std::string relative_path;              // the file naming the patch (its subject prefix)
  std::string diff;                       // the unified diffs of its files (a/ b/ paths)
  std::vector<const RewriteUnit *> units; // the implementations converted in it
};

struct SeriesInfo {
  std::string identity;              // "Name <email>" for From: and Signed-off-by:
  std::vector<std::string> left;     // convertible ones the rewrite left alone, and why
  std::vector<std::string> manual;   // the scan's manual ones, with their reason codes
  std::vector<std::string> accepted; // behaviour-change codes accepted
  /// The tree's struct proto has getsockopt_iter, which the series does not
  /// use: its texts do not say the member is missing.
  bool proto_has_getsockopt_iter = false;
};

/// Fails when `dir` cannot take a new series: it is not a directory, cannot
/// be created or written, or already holds *.patch files (an earlier series:
/// `git am DIR/*.patch` would apply a mix of both). Checked before the parse.
llvm::Error checkSeriesDirectory(const std::string &dir);

/// Writes the series into `dir`; on failure no file of it is left.
llvm::Error writePatchSeries(const std::string &dir, const std::vector<ProtocolPatch> &patches,
                             const SeriesInfo &info);

} // namespace sockopt
