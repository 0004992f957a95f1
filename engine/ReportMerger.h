// Merges per-translation-unit results into the scan report: one entry per
// (file, function), registrations made in other files attached to the
// function they name, sockptr_t implementations with their callers, chains
// into other units composed, per-option verdicts, paths relative to the
// tree root, and a summary.
#pragma once

#include "model/Report.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sockopt {

inline constexpr int kReportSchemaVersion = 2;

struct TreeAnalysis;

/// The report of a whole-tree analysis: the units' implementations with
/// their chains into other units composed (runner/TreeScheduler.h).
nlohmann::ordered_json mergeReport(TreeAnalysis tree, const std::string &root);

} // namespace sockopt
