// Conversions that span translation units. A function with the legacy
// getsockopt signature that no file registers, whose callers all hand it
// their own optval/optlen unchanged from implementations being converted,
// is converted with them: its signature, its declarations in headers and
// every caller, in one patch (net/atm: pvc_getsockopt() and
// svc_getsockopt() pass everything to vcc_getsockopt() in net/atm/common.c,
// declared in net/atm/common.h). When one piece cannot convert, none does,
// and the callers say why.
//
// The decision is made once, over the units of the run, for scan, check and
// rewrite alike, so that their verdicts agree.
#pragma once

#include "model/Report.h"

#include <string>
#include <vector>

namespace sockopt {

/// Settles every rewrite unit that passes `opt` to another unit, and every
/// shared helper unit: those that convert together get one `patch` key
/// and the callers lose the reasons the hand-off gave them; the others are
/// dropped (helpers) or keep their reasons with the cause added (callers).
/// `db_files` are every file of the compilation database, `root` the tree's.
void settleCrossFileConversions(std::vector<TranslationUnitResult> &units,
                                const std::vector<std::string> &db_files,
                                const std::string &root);

} // namespace sockopt
