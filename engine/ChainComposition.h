// The chains of the whole tree: an implementation's hand-offs to functions
// of other units replaced by what those functions were found to do, in the
// calling context of the hand-off, recursively.
#pragma once

#include "engine/TreeAnalysis.h"
#include "model/Report.h"

#include <string>

namespace sockopt {

/// Extends `impl` with what its hand-offs to other units lead to: the
/// callee's reasons and behaviour changes with the whole chain in `via`,
/// its option labels, and its own hand-offs, each external call marked
/// followed, undefined, config-stub or header-inline.
void composeChains(Implementation &impl, const TreeAnalysis &tree, const std::string &root);

} // namespace sockopt
