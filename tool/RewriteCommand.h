// `sockopt-migrate rewrite`: converts the convertible implementations.
#pragma once

namespace sockopt {

/// Returns the process exit status (0; 1 when translation units failed to
/// parse; 2 on a usage or setup error, or a file changed since it was read).
int runRewrite();

} // namespace sockopt
