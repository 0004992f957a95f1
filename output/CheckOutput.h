// The formats of `check`: GCC-style text, JSON, and SARIF 2.1.0 for code
// scanning services.
#pragma once

#include "model/Report.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sockopt {

/// `path:line:col: warning: message [rule-id]`, one line a finding.
std::string formatFindingsText(const std::vector<CheckFinding> &findings);

nlohmann::ordered_json formatFindingsJson(const std::vector<CheckFinding> &findings,
                                          const std::vector<std::string> &errors);

/// A translation unit that failed to parse: tree-relative file, first error.
struct UnparsedUnit {
  std::string file;
  std::string diagnostic;
};

/// SARIF 2.1.0: the rules with their rationale, repo-relative artifact URIs
/// and partialFingerprints built from rule, file and function (not line
/// numbers), so they survive unrelated edits. Units that failed to parse
/// make the invocation unsuccessful, each with an error notification: a
/// log with no results is then not mistaken for a clean tree.
nlohmann::ordered_json formatFindingsSarif(const std::vector<CheckFinding> &findings,
                                           const std::vector<UnparsedUnit> &unparsed,
                                           const std::string &root);

} // namespace sockopt
