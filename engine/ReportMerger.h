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

inline constexpr int kReportSchemaVersion = 3;

struct TreeAnalysis;

/// The report of a whole-tree analysis: the units' implementations with
/// their chains into other units composed (runner/TreeScheduler.h).
MergedReport mergeReport(TreeAnalysis tree, const std::string &root);

/// The report as JSON (docs/report.schema.json). It shows what a reader
/// needs: the calling contexts, raw option labels and callees of the
/// analysis stay out.
nlohmann::ordered_json reportJson(const MergedReport &report);

} // namespace sockopt
