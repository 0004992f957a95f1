// `sockopt-migrate explain`: what a verdict, reason code, behaviour change
// or check rule means.
#pragma once

namespace sockopt {

/// Returns the process exit status (0, or 2 for a name no vocabulary has).
int runExplain();

} // namespace sockopt
