// `sockopt-migrate scan`: the report of every getsockopt implementation.
#pragma once

namespace sockopt {

/// Returns the process exit status (0, 1 when translation units failed,
/// 2 on a usage or setup error).
int runScan();

} // namespace sockopt
