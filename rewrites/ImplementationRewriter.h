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

/// The unit of `helpers` (the inner helper of the struct proto hook `hook`
/// first, then those it hands optval/optlen to), converted to sockopt_t,
/// and of the wrapper around `call`, the hook's call of the first; `inner`
/// is the scan's entry of the first. `across_files`: other files call the
/// first too, and its declarations in headers change with it.
RewriteUnit rewriteInnerHelper(Classifier &classifier, const clang::FunctionDecl *hook,
                               const Use &call,
                               const std::vector<const clang::FunctionDecl *> &helpers,
                               const Implementation &inner, bool across_files);

/// The unit of the wrapper around `call`, in which the struct proto hook
/// `hook` hands optval/optlen to a function of another file that may be
/// converted there as an inner helper.
RewriteUnit wrapCallOfInnerHelper(clang::ASTContext &ctx, const clang::FunctionDecl *hook,
                                  const Use &call);

/// The unit adding sockopt_init_user() to include/linux/net.h.
RewriteUnit addCoreHelper(clang::ASTContext &ctx);

} // namespace sockopt
