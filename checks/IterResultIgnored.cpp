// iter-result-ignored: copy_to_iter()/copy_from_iter() as a statement of its
// own (or cast to void). They return the number of bytes copied
// (include/linux/uio.h); a short copy is the caller's -EFAULT.
#include "checks/RuleSupport.h"

#include "clang/AST/ParentMapContext.h"

namespace sockopt {

using namespace clang;

namespace {

struct ResultIgnored : RuleVisitor<ResultIgnored> {
  bool VisitCallExpr(CallExpr *call) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (!callee || (callee->getName() != "copy_to_iter" && callee->getName() != "copy_from_iter"))
      return true;
    const Stmt *node = call;
    auto parents = ctx->getParents(*node);
    const Stmt *parent = parents.empty() ? nullptr : parents.begin()->get<Stmt>();
    while (parent &&
           (isa<ParenExpr>(parent) || (isa<CStyleCastExpr>(parent) &&
                                       cast<CStyleCastExpr>(parent)->getType()->isVoidType()))) {
      node = parent;
      auto up = ctx->getParents(*node);
      parent = up.empty() ? nullptr : up.begin()->get<Stmt>();
    }
    if (isa_and_nonnull<CompoundStmt>(parent) || isa_and_nonnull<SwitchCase>(parent))
      report(callee->getNameAsString() + "() result ignored: a short copy would go unnoticed",
             call->getBeginLoc());
    return true;
  }
};

} // namespace

void checkIterResultIgnored(std::string_view rule, ASTContext &ctx, const FunctionDecl *fn,
                            std::vector<CheckFinding> &out) {
  ResultIgnored::run(rule, ctx, fn, out);
}

} // namespace sockopt
