// `sockopt-migrate check`: the lint gate for legacy getsockopt and misuse of
// sockopt_t.
#pragma once

namespace sockopt {

/// 0: no finding after the baseline; 1: findings remain; 2: usage or tool
/// error (a translation unit that does not parse included).
int runCheck();

} // namespace sockopt
