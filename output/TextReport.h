// The scan report as a table for people: one line per implementation with
// its verdict, location and reason codes, then its predicted behaviour
// changes.
#pragma once

#include "model/Report.h"

#include <string>

namespace sockopt {

std::string formatTextReport(const MergedReport &report);

} // namespace sockopt
