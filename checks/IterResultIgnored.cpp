// iter-result-ignored: copy_to_iter()/copy_from_iter() as a statement of its
// own (or cast to void). They return the number of bytes copied
// (include/linux/uio.h); a short copy is the caller's -EFAULT.
#include "checks/Finding.h"

#include "matchers/Classifier.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace sockopt {

using namespace clang;

void checkIterResultIgnored(ASTContext &ctx, const FunctionDecl *fn,
                            std::vector<CheckFinding> &out) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    ASTContext *ctx;
    const FunctionDecl *fn;
    std::vector<CheckFinding> *out;
    bool VisitCallExpr(CallExpr *call) {
      const FunctionDecl *callee = call->getDirectCallee();
      if (!callee || (callee->getName() != "copy_to_iter" && callee->getName() != "copy_from_iter"))
        return true;
      const Stmt *node = call;
      auto parents = ctx->getParents(*node);
      const Stmt *parent = parents.empty() ? nullptr : parents.begin()->get<Stmt>();
      while (parent && (isa<ParenExpr>(parent) || (isa<CStyleCastExpr>(parent) &&
                                                   cast<CStyleCastExpr>(parent)->getType()->isVoidType()))) {
        node = parent;
        auto up = ctx->getParents(*node);
        parent = up.empty() ? nullptr : up.begin()->get<Stmt>();
      }
      if (isa_and_nonnull<CompoundStmt>(parent) || isa_and_nonnull<SwitchCase>(parent))
        out->push_back({"iter-result-ignored",
                        callee->getNameAsString() +
                            "() result ignored: a short copy would go unnoticed",
                        fn->getNameAsString(), pointOf(ctx->getSourceManager(), call->getBeginLoc())});
      return true;
    }
  } visitor;
  visitor.ctx = &ctx;
  visitor.fn = fn;
  visitor.out = &out;
  visitor.TraverseStmt(fn->getBody());
}

} // namespace sockopt
