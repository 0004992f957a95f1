// The references to each function of a translation unit, to tell whether a
// helper also serves callers that do not pass optval/optlen, and which
// functions are exported.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace sockopt {

/// What the declarations of a precompiled header (runner/SharedPch.h)
/// reference, by function name: C has one name per function, so a unit
/// that loads the header adds these to its own.
struct HeaderReferences {
  std::map<std::string, unsigned> counts, in_typeof;
  std::set<std::string> exported;
};

class FunctionReferences {
public:
  /// Counts the references in the declarations `ctx` parsed itself and,
  /// if given, those of the precompiled header it loaded.
  FunctionReferences(clang::ASTContext &ctx, const HeaderReferences *precompiled);

  /// The references that use `fn`: all of them but those inside
  /// `typeof(f)` (EXPORT_SYMBOL's `extern typeof(sym) sym;`), which name
  /// f's type, not f.
  unsigned uses(const clang::FunctionDecl *fn) const;
  bool exported(const clang::FunctionDecl *fn) const;
  /// By canonical declaration, the references written in the main file.
  const llvm::DenseMap<const clang::FunctionDecl *, std::vector<const clang::DeclRefExpr *>> &
  inMainFile() const {
    return in_main_file_;
  }
  /// The counts by name, for the units that load this one precompiled.
  HeaderReferences byName() const;

private:
  friend struct ReferenceVisitor;
  const HeaderReferences *precompiled_;
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> counts_, in_typeof_;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<const clang::DeclRefExpr *>>
      in_main_file_;
  llvm::DenseSet<const clang::FunctionDecl *> exported_;
};

} // namespace sockopt
