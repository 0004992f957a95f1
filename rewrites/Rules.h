// The rewrite rules, one idiom each (docs/rules.md). Each adds its edits to
// the unit's EditBuilder, or blocks the unit with a reason when the shape at
// hand is one it cannot convert without changing behaviour.
#pragma once

#include "analysis/Classifier.h"
#include "analysis/Discovery.h"
#include "rewrites/EditBuilder.h"

namespace sockopt {

/// Where an access's value goes: the statement shapes the rules handle.
struct AccessContext {
  enum Kind {
    IfCondition,   // if (ACCESS) ...;              (no else)
    OrInIf,        // if (ACCESS || other) ...;
    OrRhsInIf,     // if (other || ACCESS) ...;     (no else)
    AndInIf,       // if (other && ACCESS) ...;     (no else)
    ElseIfCondition, // ... else if (ACCESS) ...;
    Condition,     // any other boolean use: ||, &&, !, ?: condition
    Assignment,    // x = ACCESS;                   (a statement)
    Return,        // return ACCESS;
    ReturnTernary, // return ACCESS ? a : b;
    Statement,     // ACCESS;
    Other,
  } kind = Other;
  const clang::Stmt *statement = nullptr; // the enclosing statement
  const clang::Expr *node = nullptr;      // the access as its parent sees it
  const clang::Expr *parent = nullptr;    // the expression around it
};
AccessContext contextOf(clang::ASTContext &ctx, const clang::Stmt *anchor);
/// The statement or expression directly around `s`, if any.
const clang::Stmt *parentOf(clang::ASTContext &ctx, const clang::Stmt *s);

/// get_user(len, optlen) / put_user(len, optlen) → len = opt->optlen /
/// opt->optlen = len.
void rewriteOptlenAccess(EditBuilder &b, const Use &use);
/// copy_to_user(optval, src, n) / put_user(v, (T *)optval) → copy_to_iter.
void rewriteOptvalWrite(EditBuilder &b, const Use &use, const UseFact &fact);
/// copy_from_user(dst, optval, n) / get_user(v, (T *)optval) → copy_from_iter.
void rewriteOptvalRead(EditBuilder &b, const Use &use, const UseFact &fact);
/// `p = optval` and `p += n` disappear: the iterator is the cursor.
void rewriteCursor(EditBuilder &b, const Use &use, const UseFact &fact);
/// The optval/optlen parameters of `record.fn` (and its prototypes in the
/// file, or with `every_declaration` in the headers too) become
/// `sockopt_t *opt`.
void rewriteSignature(EditBuilder &b, const FunctionRecord &record, bool every_declaration);
/// A call handing optval/optlen to a helper (in this file or, converted
/// with it, another) passes `opt` instead.
void rewriteHelperCall(EditBuilder &b, const Use &use);
/// Removes the declaration of `var` (its declarator when declared with
/// others: `u8 n, i, __user *ptr;` → `u8 n, i;`), or blocks.
void removeDeclaration(EditBuilder &b, const clang::VarDecl *var);
/// Whether `fn` refers to `var` outside the statements in `removed`.
bool usedOutside(const clang::FunctionDecl *fn, const clang::VarDecl *var,
                 std::initializer_list<const clang::Stmt *> removed);
/// `.getsockopt = f` → `.getsockopt_iter = f`.
void rewriteRegistration(EditBuilder &b, const FoundRegistration &registration);
/// `@optval:`/`@optlen:` in the kernel-doc above the function → `@opt:`.
void rewriteKernelDoc(EditBuilder &b, const FunctionRecord &record);
/// `return h(..., optval, optlen);` in a struct proto hook, `h` converted
/// to sockopt_t → sockopt_init_user(), the call, and optlen copied back.
void rewriteWrappedCall(EditBuilder &b, const Use &use);
/// Whether the tree declares sockopt_init_user().
bool treeHasSockoptInitUser(clang::ASTContext &ctx);
/// sockopt_init_user() after the sockopt_t typedef in include/linux/net.h.
void addSockoptInitUser(EditBuilder &b);
/// `#include <linux/uio.h>` in the file's include block, when missing.
void addUioInclude(EditBuilder &b);
/// `#include <linux/net.h>` (sockopt_t) in each header whose declarations
/// the unit converts, when missing.
void addNetIncludes(EditBuilder &b);

} // namespace sockopt
