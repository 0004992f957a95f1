#include "analysis/VariableUses.h"

#include "clang/AST/RecursiveASTVisitor.h"

namespace sockopt {

using namespace clang;

const VarDecl *varOf(const Expr *e) {
  if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(e ? e->IgnoreParenImpCasts() : nullptr))
    return dyn_cast<VarDecl>(ref->getDecl());
  return nullptr;
}

std::set<const VarDecl *> assignedVariables(const Stmt *s) {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::set<const VarDecl *> vars;
    void note(const Expr *e) {
      if (const VarDecl *var = varOf(e))
        vars.insert(var);
    }
    bool VisitBinaryOperator(BinaryOperator *op) {
      if (op->isAssignmentOp())
        note(op->getLHS());
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *op) {
      if (op->isIncrementDecrementOp())
        note(op->getSubExpr());
      return true;
    }
  } finder;
  finder.TraverseStmt(const_cast<Stmt *>(s));
  return std::move(finder.vars);
}

bool sameValue(const Expr *a, const Expr *b, const ASTContext &ctx) {
  a = a->IgnoreParenImpCasts();
  b = b->IgnoreParenImpCasts();
  auto ca = a->getIntegerConstantExpr(ctx), cb = b->getIntegerConstantExpr(ctx);
  if (ca && cb)
    return llvm::APSInt::isSameValue(*ca, *cb);
  llvm::FoldingSetNodeID ia, ib;
  a->Profile(ia, ctx, /*Canonical=*/true);
  b->Profile(ib, ctx, /*Canonical=*/true);
  return ia == ib;
}

} // namespace sockopt
