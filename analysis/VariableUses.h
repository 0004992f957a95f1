// What an expression or statement does with local variables, as the path
// walk (analysis/Classifier.cpp) and the budget proof
// (analysis/BudgetCounters.cpp) both ask it.
#pragma once

#include "clang/AST/ASTContext.h"

#include <set>

namespace sockopt {

/// The variable `e` names, through parentheses and implicit casts, or null.
const clang::VarDecl *varOf(const clang::Expr *e);

/// The variables `s` assigns (`=`, `op=`) or increments and decrements.
std::set<const clang::VarDecl *> assignedVariables(const clang::Stmt *s);

/// Whether `a` and `b` have the same value: equal constants, or the same
/// expression (`if (len > sizeof(int)) len = sizeof(int);`).
bool sameValue(const clang::Expr *a, const clang::Expr *b, const clang::ASTContext &ctx);

} // namespace sockopt
