// Byte counters kept within a budget: the copy-out of a list whose items
// are counted against the space the caller declared.
//
// net/sctp/socket.c sctp_getsockopt_local_addrs() sets `space_left = len -
// offsetof(struct sctp_getaddrs, addrs)` and `bytes_copied = 0`, and every
// item, in its own loop or in sctp_copy_laddrs() (which gets space_left by
// value and &bytes_copied), does
//
//	if (space_left < addrlen)
//		break;		/* or goto, return */
//	...
//	space_left -= addrlen;
//	bytes_copied += addrlen;
//
// so bytes_copied + space_left never exceeds the first space_left, and
// space_left never goes below zero: `copy_to_user(to, addrs, bytes_copied)`
// at that offset stays within len. The counter is not a length itself (no
// length flows into it), hence this separate proof.
#pragma once

#include <map>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace sockopt {

/// A counter's budget: the variable that shrinks as it grows, and the one
/// value that budget starts from.
struct Budget {
  const clang::VarDecl *budget = nullptr;
  const clang::Expr *initial = nullptr;
};

/// The local integer counters of `fn` that only start at 0, and grow only
/// by x right where their budget shrinks by x after a check that the budget
/// holds x whose failure leaves the block (break, goto, return, continue),
/// there or in a function of the unit handed the budget by value and the
/// counter by address. The budget, too, changes only so, after its one
/// assignment.
std::map<const clang::VarDecl *, Budget> findBudgetCounters(const clang::FunctionDecl *fn,
                                                            clang::ASTContext &ctx);

} // namespace sockopt
