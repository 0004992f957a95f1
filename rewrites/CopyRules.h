// Shared by the optval read and write rules: the iterator call that
// replaces one access, placed in the access's context.
#pragma once

#include "rewrites/Rules.h"

namespace sockopt {

/// Replaces the access `use` by `call` (an expression true on failure,
/// e.g. `copy_to_iter(src, n, &opt->iter_out) != n`), keeping the meaning
/// of the old result in its context: a condition stays a condition; the
/// 0/-EFAULT of get_user/put_user becomes `call ? -EFAULT : 0`.
void replaceAccess(EditBuilder &b, const Use &use, const std::string &call);

/// Puts `statement` on a line of its own before the statement holding the
/// access, when the access is what that statement evaluates first; false
/// (and a block) otherwise.
bool setBefore(EditBuilder &b, const Use &use, const std::string &statement);

/// The text the author wrote for the whole access (a call or a macro
/// invocation).
clang::CharSourceRange accessRange(EditBuilder &b, const Use &use);

/// `copy_to_user(optval, src, n)` / `copy_from_user(dst, optval, n)` as
/// `ITER_FN(kernel_buffer, n, &opt->ITER) != n`, or "" (and a block) when n
/// has side effects: it is evaluated twice.
std::string copyCall(EditBuilder &b, const Use &use, llvm::StringRef iter_fn, llvm::StringRef iter,
                     unsigned kernel_arg);

/// The text of a macro argument of the access, as written.
std::string macroArgument(EditBuilder &b, const Use &use, unsigned index);

/// Where the access lands must follow the previous one on every path.
bool checkSequential(EditBuilder &b, const Use &use, const UseFact &fact);

} // namespace sockopt
