#include "checks/Registry.h"

#include "analysis/Discovery.h"
#include "checks/RuleSupport.h"

namespace sockopt {

using namespace clang;

std::span<const CheckRule> checkRules() {
  static const CheckRule rules[] = {
      {"legacy-getsockopt",
       "a struct proto_ops getsockopt takes char __user *optval: kernel callers (io_uring, "
       "BPF) cannot reach it; implement getsockopt_iter (below a struct proto getsockopt, "
       "take a sockopt_t)",
       nullptr, nullptr, checkLegacyGetsockopt},
      {"iter-result-ignored",
       "copy_to_iter()/copy_from_iter() return the bytes copied; ignoring it turns a short "
       "or faulting buffer into silent success",
       checkIterResultIgnored},
      {"iter-direction",
       "iter_out is the destination (ITER_DEST) and iter_in the source (ITER_SOURCE); using "
       "one for the other reads or writes the wrong way",
       checkIterDirection},
      {"iter-raw-user-pointer",
       "reaching into the iterator for a raw user pointer (ubuf, __ubuf_iovec, iov) defeats "
       "the point: kernel callers pass kvec-backed iterators",
       checkIterRawPointer},
      {"optlen-exceeds-written",
       "do_sock_getsockopt() reports opt->optlen back as the value's length; set above the "
       "bytes written through iter_out, the caller reads bytes nobody wrote",
       checkOptlenExceedsWritten},
      {"width-mismatch",
       "a typed get_user()/put_user() on optval moves sizeof(*ptr) bytes; when that differs "
       "from the width the code checked, or cuts the value, the option's ABI is an accident",
       checkIterWidthMismatch, checkWidthMismatch},
  };
  return rules;
}

bool isIterFunction(const FunctionDecl *fn) {
  for (const ParmVarDecl *p : fn->parameters())
    if (isSockoptPointer(p->getType()))
      return true;
  return false;
}

std::vector<FunctionDecl *> iterFunctions(ASTContext &ctx) {
  std::vector<FunctionDecl *> out;
  for (Decl *d : localDecls(ctx))
    if (auto *fn = dyn_cast<FunctionDecl>(d);
        fn && fn->doesThisDeclarationHaveABody() && isIterFunction(fn))
      out.push_back(fn);
  return out;
}

std::vector<CheckFinding> runIterRules(ASTContext &ctx) {
  std::vector<CheckFinding> out;
  for (const FunctionDecl *fn : iterFunctions(ctx))
    for (const CheckRule &rule : checkRules())
      if (rule.on_iter_function)
        rule.on_iter_function(rule.id, ctx, fn, out);
  return out;
}

void runLegacyRules(ASTContext &ctx, const FunctionRecord &record,
                    std::vector<CheckFinding> &out) {
  for (const CheckRule &rule : checkRules())
    if (rule.on_legacy_function)
      rule.on_legacy_function(rule.id, ctx, record, out);
}

std::vector<CheckFinding> runImplementationRules(const Implementation &impl,
                                                 const std::vector<Reason> &rewrite_blocked,
                                                 bool tree_has_api) {
  std::vector<CheckFinding> out;
  for (const CheckRule &rule : checkRules())
    if (rule.on_implementation)
      if (std::optional<CheckFinding> f =
              rule.on_implementation(rule.id, impl, rewrite_blocked, tree_has_api))
        out.push_back(std::move(*f));
  return out;
}

} // namespace sockopt
