// Merges per-translation-unit results into the scan report: one entry per
// (file, function), registrations made in other files attached to the
// function they name, paths relative to the tree root, and a summary.
#pragma once

#include "matchers/Report.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sockopt {

inline constexpr int kReportSchemaVersion = 1;

nlohmann::ordered_json mergeReport(std::vector<TranslationUnitResult> units,
                                   const std::string &root);

} // namespace sockopt
