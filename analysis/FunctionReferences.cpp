#include "analysis/FunctionReferences.h"

#include "analysis/Discovery.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace sockopt {

using namespace clang;

struct ReferenceVisitor : RecursiveASTVisitor<ReferenceVisitor> {
  ReferenceVisitor(const SourceManager &sm, FunctionReferences &out) : sm(sm), out(out) {}
  const SourceManager &sm;
  FunctionReferences &out;
  unsigned typeof_depth = 0;

  // EXPORT_SYMBOL(f) takes f's address in a __UNIQUE_ID___addressable_f
  // variable (include/linux/compiler.h, __ADDRESSABLE): exporting a helper
  // is not calling it, but modules may.
  bool TraverseVarDecl(VarDecl *var) {
    if (var->getName().starts_with("__UNIQUE_ID___addressable_")) {
      // `= (void *)(uintptr_t)&f`
      const Expr *init = var->getInit() ? var->getInit()->IgnoreParenCasts() : nullptr;
      if (const auto *addr = dyn_cast_or_null<UnaryOperator>(init))
        init = addr->getSubExpr()->IgnoreParenImpCasts();
      if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(init))
        if (const auto *fn = dyn_cast<FunctionDecl>(ref->getDecl()))
          out.exported_.insert(fn->getCanonicalDecl());
      return true;
    }
    return RecursiveASTVisitor::TraverseVarDecl(var);
  }
  bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc loc) {
    ++typeof_depth;
    bool ok = RecursiveASTVisitor::TraverseTypeOfExprTypeLoc(loc);
    --typeof_depth;
    return ok;
  }
  bool VisitDeclRefExpr(DeclRefExpr *ref) {
    if (const auto *fn = dyn_cast<FunctionDecl>(ref->getDecl())) {
      ++out.counts_[fn->getCanonicalDecl()];
      if (typeof_depth)
        ++out.in_typeof_[fn->getCanonicalDecl()];
      if (sm.isInMainFile(sm.getExpansionLoc(ref->getLocation())))
        out.in_main_file_[fn->getCanonicalDecl()].push_back(ref);
    }
    return true;
  }
};

FunctionReferences::FunctionReferences(ASTContext &ctx, const HeaderReferences *precompiled)
    : precompiled_(precompiled) {
  ReferenceVisitor visitor(ctx.getSourceManager(), *this);
  for (Decl *d : localDecls(ctx))
    visitor.TraverseDecl(d);
}

static unsigned countByName(const std::map<std::string, unsigned> *counts, const FunctionDecl *fn) {
  if (!counts || !fn->getIdentifier())
    return 0;
  auto it = counts->find(fn->getName().str());
  return it == counts->end() ? 0 : it->second;
}

unsigned FunctionReferences::uses(const FunctionDecl *fn) const {
  unsigned all = counts_.lookup(fn->getCanonicalDecl()) +
                 countByName(precompiled_ ? &precompiled_->counts : nullptr, fn);
  unsigned in_typeof = in_typeof_.lookup(fn->getCanonicalDecl()) +
                       countByName(precompiled_ ? &precompiled_->in_typeof : nullptr, fn);
  return all - in_typeof;
}

bool FunctionReferences::exported(const FunctionDecl *fn) const {
  return exported_.count(fn->getCanonicalDecl()) ||
         (precompiled_ && fn->getIdentifier() &&
          precompiled_->exported.count(fn->getName().str()));
}

HeaderReferences FunctionReferences::byName() const {
  HeaderReferences out;
  for (const auto &[fn, n] : counts_)
    if (fn->getIdentifier())
      out.counts[fn->getName().str()] += n;
  for (const auto &[fn, n] : in_typeof_)
    if (fn->getIdentifier())
      out.in_typeof[fn->getName().str()] += n;
  for (const FunctionDecl *fn : exported_)
    if (fn->getIdentifier())
      out.exported.insert(fn->getName().str());
  return out;
}

} // namespace sockopt
