// The identity of this build of the tool, for the result cache: results
// computed by another build are never reused.
#pragma once

#include <string>

namespace sockopt {

/// The ELF build ID of the executable (a hash the linker computes over its
/// content), or, when it has none, a digest of the executable's bytes;
/// empty when neither can be read (the cache is then off).
const std::string &buildId();

} // namespace sockopt
