// Which conversions of a run go in, and in which patch. Each rewrite unit's
// edits go in whole or not at all, and so do those of units converted
// together across files (engine/CrossFileConversions.h), which share a
// patch key. A patch holds the units of one file, or of one such group; a
// file edited by two patches makes them one.
#pragma once

#include "model/Report.h"

#include "clang/Tooling/Core/Replacement.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace sockopt {

struct RewritePlan {
  std::map<std::string, clang::tooling::Replacements> by_file;
  /// By patch key: the units whose edits it holds, and the patch of each
  /// edited file.
  std::map<std::string, std::vector<const RewriteUnit *>> units_by_patch;
  std::map<std::string, std::string> patch_of_file;
  /// Of each edited file, as it was parsed.
  std::map<std::string, std::string> digests;
  /// Implementations converted, and inner helpers of struct proto hooks.
  unsigned converted = 0;
  unsigned inner_converted = 0;
  /// "FILE: FUNCTION() ...": each implementation not converted, and why.
  std::vector<std::string> left;
  /// "FILE: FUNCTION() (KIND): CODES": the scan's manual implementations
  /// that the rewrite did not try, for the cover letter.
  std::vector<std::string> manual;
  /// The units that failed to parse.
  std::vector<const TranslationUnitResult *> unparsed;
};

/// The plan over `units` in file order, converting the implementations
/// whose behaviour changes are all `accepted`; paths in messages relative
/// to `root`. The units must outlive the plan.
RewritePlan planRewrite(const std::vector<TranslationUnitResult> &units,
                        const std::set<std::string> &accepted, const std::string &root);

} // namespace sockopt
