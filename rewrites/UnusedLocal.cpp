// A local the conversion leaves without a use goes with it: a cursor over
// optval (net/bluetooth/sco.c declares `u8 num_codecs, i, __user *ptr;` and
// sets it later, `ptr = optval;`), or an error variable that only held
// the result of get_user()/put_user() on optlen. Left in place it would be
// dead code and a new -Wunused-variable.
#include "rewrites/Rules.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

namespace sockopt {

using namespace clang;

void removeDeclaration(EditBuilder &b, const VarDecl *var) {
  ASTContext &ctx = b.context();

  auto parents = ctx.getParents(*var);
  const auto *decl = parents.empty() ? nullptr : parents.begin()->get<DeclStmt>();
  if (!decl || var->getInit()) {
    b.block(ReasonCode::UnsupportedAccess,
            "'" + var->getNameAsString() + "' is declared where it cannot be removed",
            var->getLocation());
    return;
  }
  if (decl->isSingleDecl()) {
    b.removeStatement(decl);
    return;
  }
  const Decl *previous = nullptr;
  for (const Decl *d : decl->decls()) {
    if (d == var)
      break;
    previous = d;
  }
  if (!previous) {
    b.block(ReasonCode::UnsupportedAccess,
            "'" + var->getNameAsString() + "' is the first of several declared together",
            var->getLocation());
    return;
  }
  const SourceManager &sm = b.sources();
  const LangOptions &lo = ctx.getLangOpts();
  b.replaceChars(CharSourceRange::getCharRange(
                     Lexer::getLocForEndOfToken(sm.getExpansionLoc(previous->getEndLoc()), 0, sm, lo),
                     Lexer::getLocForEndOfToken(sm.getExpansionLoc(var->getEndLoc()), 0, sm, lo)),
                 "");
}


bool usedOutside(const FunctionDecl *fn, const VarDecl *var,
                 std::initializer_list<const Stmt *> removed) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *var;
    std::initializer_list<const Stmt *> removed;
    bool found = false;
    bool TraverseStmt(Stmt *s) {
      if (!s || found || std::find(removed.begin(), removed.end(), s) != removed.end())
        return true;
      return RecursiveASTVisitor::TraverseStmt(s);
    }
    bool VisitDeclRefExpr(DeclRefExpr *ref) {
      found |= ref->getDecl() == var;
      return true;
    }
  } finder;
  finder.var = var;
  finder.removed = removed;
  finder.TraverseStmt(fn->getBody());
  return finder.found;
}

} // namespace sockopt
