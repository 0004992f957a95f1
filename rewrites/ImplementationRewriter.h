// Builds the rewrite unit of one convertible implementation: every rule
// applied to it and to the helpers it hands optval/optlen to, all edits or
// none.
#pragma once

#include "analysis/Classifier.h"
#include "analysis/Discovery.h"
#include "model/Report.h"

namespace sockopt {

/// `shared_helper`: `fn` is a function with the legacy signature that
/// other units call (engine/CrossFileConversions.h); its declarations in
/// headers change with it.
RewriteUnit rewriteImplementation(Classifier &classifier, const clang::FunctionDecl *fn,
                                  const Implementation &report,
                                  const std::vector<FoundRegistration> &registrations,
                                  bool shared_helper = false);

} // namespace sockopt
