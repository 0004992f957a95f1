#include "checks/Finding.h"

#include "analysis/Classifier.h"
#include "analysis/Discovery.h"

#include "clang/AST/RecursiveASTVisitor.h"

namespace sockopt {

using namespace clang;

const std::vector<RuleInfo> &checkRules() {
  static const std::vector<RuleInfo> rules = {
      {"legacy-getsockopt",
       "a struct proto_ops getsockopt takes char __user *optval: kernel callers (io_uring, "
       "BPF) cannot reach it; implement getsockopt_iter"},
      {"iter-result-ignored",
       "copy_to_iter()/copy_from_iter() return the bytes copied; ignoring it turns a short "
       "or faulting buffer into silent success"},
      {"iter-direction",
       "iter_out is the destination (ITER_DEST) and iter_in the source (ITER_SOURCE); using "
       "one for the other reads or writes the wrong way"},
      {"iter-raw-user-pointer",
       "reaching into the iterator for a raw user pointer (ubuf, __ubuf_iovec, iov) defeats "
       "the point: kernel callers pass kvec-backed iterators"},
      {"optlen-exceeds-written",
       "do_sock_getsockopt() reports opt->optlen back as the value's length; set above the "
       "bytes written through iter_out, the caller reads bytes nobody wrote"},
      {"width-mismatch",
       "a typed get_user()/put_user() on optval moves sizeof(*ptr) bytes; when that differs "
       "from the width the code checked, or cuts the value, the option's ABI is an accident"},
  };
  return rules;
}

bool isSockoptPointer(QualType t) {
  if (!t->isPointerType())
    return false;
  QualType pointee = t->getPointeeType();
  if (const auto *td = pointee->getAs<TypedefType>(); td && td->getDecl()->getName() == "sockopt_t")
    return true;
  const RecordDecl *rd = pointee->getAsRecordDecl();
  return rd && rd->getName() == "sockopt";
}

bool isSockoptMember(const Expr *e, StringRef name) {
  const auto *member = dyn_cast<MemberExpr>(e->IgnoreParenImpCasts());
  return member && member->getMemberDecl()->getName() == name &&
         isSockoptPointer(member->getBase()->IgnoreParenImpCasts()->getType());
}

bool isIterOut(const Expr *e) {
  const auto *addr = dyn_cast<UnaryOperator>(e->IgnoreParenImpCasts());
  return addr && addr->getOpcode() == UO_AddrOf && isSockoptMember(addr->getSubExpr(), "iter_out");
}

static bool takesSockopt(const FunctionDecl *fn) {
  for (const ParmVarDecl *p : fn->parameters())
    if (isSockoptPointer(p->getType()))
      return true;
  return false;
}

std::vector<CheckFinding> runIterRules(ASTContext &ctx) {
  std::vector<CheckFinding> out;
  const SourceManager &sm = ctx.getSourceManager();
  for (const Decl *d : localDecls(ctx)) {
    const auto *fn = dyn_cast<FunctionDecl>(d);
    if (!fn || !fn->doesThisDeclarationHaveABody() || !takesSockopt(fn) ||
        !sm.isInMainFile(sm.getExpansionLoc(fn->getLocation())))
      continue;
    checkIterResultIgnored(ctx, fn, out);
    checkIterDirection(ctx, fn, out);
    checkIterRawPointer(ctx, fn, out);
    checkOptlenExceedsWritten(ctx, fn, out);
    checkIterWidthMismatch(ctx, fn, out);
  }
  return out;
}

} // namespace sockopt
