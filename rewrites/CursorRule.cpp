// A local pointer walking optval (`p = optval; ... p += n;`) is what
// opt->iter_out already is: each copy_to_iter() advances it by what it
// wrote. The cursor's setup and moves are removed when the walk proved each
// move lands exactly at the end of the last write.
#include "rewrites/Rules.h"

#include "clang/AST/ParentMapContext.h"

namespace sockopt {

using namespace clang;

namespace {

const Stmt *statementOf(ASTContext &ctx, const Stmt *s) {
  for (auto parents = ctx.getParents(*s); !parents.empty(); parents = ctx.getParents(*s)) {
    const Stmt *p = parents.begin()->get<Stmt>();
    if (!p) {
      if (const auto *var = parents.begin()->get<VarDecl>()) {
        auto up = ctx.getParents(*var);
        return up.empty() ? nullptr : up.begin()->get<Stmt>();
      }
      return nullptr;
    }
    if (isa<CompoundStmt>(p) || isa<SwitchCase>(p))
      return s;
    s = p;
  }
  return nullptr;
}

} // namespace

void rewriteCursor(EditBuilder &b, const Use &use, const UseFact &fact) {
  ASTContext &ctx = b.context();
  const Stmt *stmt = statementOf(ctx, use.anchor);
  if (use.kind == UseKind::CursorInit) {
    if (use.address.cursor || use.address.offset != 0) {
      b.block(ReasonCode::NotSequential,
              "cursor '" + use.var->getNameAsString() + "' does not start at optval", use.loc);
      return;
    }
    const auto *decl = dyn_cast_or_null<DeclStmt>(stmt);
    if (decl && !decl->isSingleDecl()) {
      b.block(ReasonCode::UnsupportedAccess,
              "cursor '" + use.var->getNameAsString() +
                  "' is declared together with other variables",
              use.loc);
      return;
    }
    if (!stmt) {
      b.block(ReasonCode::UnsupportedContext, "cursor set up inside an expression", use.loc);
      return;
    }
    b.removeStatement(stmt);
    if (!isa<DeclStmt>(stmt) && b.firstTime(use.var))
      removeDeclaration(b, use.var);
    return;
  }
  if (!fact.seen || !fact.sequential || !stmt || isa<DeclStmt>(stmt)) {
    b.block(ReasonCode::NotSequential,
            "cursor '" + use.var->getNameAsString() +
                "' moves by something other than what was just written",
            use.loc);
    return;
  }
  b.removeStatement(stmt);
}

} // namespace sockopt
