#include "rewrites/Rules.h"

#include "clang/AST/ParentMapContext.h"

namespace sockopt {

using namespace clang;

const Stmt *parentOf(ASTContext &ctx, const Stmt *s) {
  auto parents = ctx.getParents(*s);
  return parents.empty() ? nullptr : parents.begin()->get<Stmt>();
}

namespace {

/// A statement of its own: in a block, after a case label, or the body of
/// an if/else (OptlenRule adds braces where one statement becomes two).
bool standsAlone(ASTContext &ctx, const Stmt *s) {
  const Stmt *parent = parentOf(ctx, s);
  if (const auto *if_stmt = dyn_cast_or_null<IfStmt>(parent))
    return if_stmt->getThen() == s || if_stmt->getElse() == s;
  return isa_and_nonnull<CompoundStmt>(parent) || isa_and_nonnull<SwitchCase>(parent);
}

} // namespace

// Long on purpose: one test per shape of AccessContext::Kind, in the order
// in which they must be tried (an if condition before a plain statement);
// split, the order between the pieces would be implicit.
AccessContext contextOf(ASTContext &ctx, const Stmt *anchor) {
  AccessContext c;
  const Stmt *node = anchor;
  const Stmt *parent = parentOf(ctx, node);
  while (parent && (isa<ParenExpr>(parent) || isa<ImplicitCastExpr>(parent))) {
    node = parent;
    parent = parentOf(ctx, parent);
  }
  c.node = dyn_cast<Expr>(node);
  c.parent = dyn_cast_or_null<Expr>(parent);
  if (!parent)
    return c;
  if (const auto *if_stmt = dyn_cast<IfStmt>(parent)) {
    const auto *outer = dyn_cast_or_null<IfStmt>(parentOf(ctx, if_stmt));
    if (if_stmt->getCond() == node && !if_stmt->getElse() && !if_stmt->getInit() &&
        !(outer && outer->getElse() == if_stmt)) {
      c.kind = AccessContext::IfCondition;
      c.statement = if_stmt;
    } else if (if_stmt->getCond() == node && !if_stmt->getInit() && outer &&
               outer->getElse() == if_stmt) {
      c.kind = AccessContext::ElseIfCondition;
      c.statement = if_stmt;
    } else if (if_stmt->getThen() == node || if_stmt->getElse() == node) {
      c.kind = AccessContext::Statement;
      c.statement = node;
    }
    return c;
  }
  if (const auto *bin = dyn_cast<BinaryOperator>(parent)) {
    if (bin->getOpcode() == BO_LOr &&
        bin->getLHS()->IgnoreParenImpCasts() == cast<Expr>(node)->IgnoreParenImpCasts()) {
      const Stmt *up = parentOf(ctx, bin);
      while (up && (isa<ParenExpr>(up) || isa<ImplicitCastExpr>(up)))
        up = parentOf(ctx, up);
      if (const auto *if_stmt = dyn_cast_or_null<IfStmt>(up); if_stmt && !if_stmt->getInit()) {
        c.kind = AccessContext::OrInIf;
        c.statement = if_stmt;
        return c;
      }
    }
    if (bin->isLogicalOp() &&
        bin->getRHS()->IgnoreParenImpCasts() == cast<Expr>(node)->IgnoreParenImpCasts()) {
      const Stmt *up = parentOf(ctx, bin);
      while (up && isa<ParenExpr>(up))
        up = parentOf(ctx, up);
      if (const auto *if_stmt = dyn_cast_or_null<IfStmt>(up);
          if_stmt && !if_stmt->getInit() && !if_stmt->getElse() &&
          if_stmt->getCond()->IgnoreParens() == bin) {
        c.kind = bin->getOpcode() == BO_LOr ? AccessContext::OrRhsInIf : AccessContext::AndInIf;
        c.statement = if_stmt;
        return c;
      }
    }
    if (bin->isLogicalOp()) {
      c.kind = AccessContext::Condition;
      return c;
    }
    if (bin->getOpcode() == BO_Assign &&
        bin->getRHS()->IgnoreParenImpCasts() == cast<Expr>(node)->IgnoreParenImpCasts() &&
        standsAlone(ctx, bin)) {
      c.kind = AccessContext::Assignment;
      c.statement = bin;
    }
    return c;
  }
  if (const auto *unary = dyn_cast<UnaryOperator>(parent)) {
    if (unary->getOpcode() == UO_LNot)
      c.kind = AccessContext::Condition;
    return c;
  }
  if (const auto *cond = dyn_cast<ConditionalOperator>(parent)) {
    if (cond->getCond()->IgnoreParenImpCasts() != cast<Expr>(node)->IgnoreParenImpCasts())
      return c;
    const Stmt *up = parentOf(ctx, cond);
    while (up && (isa<ParenExpr>(up) || isa<ImplicitCastExpr>(up)))
      up = parentOf(ctx, up);
    if (isa_and_nonnull<ReturnStmt>(up)) {
      c.kind = AccessContext::ReturnTernary;
      c.statement = up;
    } else {
      c.kind = AccessContext::Condition;
    }
    return c;
  }
  if (const auto *ret = dyn_cast<ReturnStmt>(parent)) {
    c.kind = AccessContext::Return;
    c.statement = ret;
    return c;
  }
  if (standsAlone(ctx, node)) {
    c.kind = AccessContext::Statement;
    c.statement = node;
  }
  return c;
}

} // namespace sockopt
