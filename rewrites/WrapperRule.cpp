// A struct proto hook keeps its `__user` signature: struct proto has no
// getsockopt_iter. The call in which it hands optval/optlen to its inner
// helper, now converted to sockopt_t, becomes the wrapper the core would
// be:
//
//	return do_raw_getsockopt(sk, optname, optval, optlen);
// →
//	err = sockopt_init_user(&opt, optval, optlen);
//	if (err)
//		return err;
//	err = do_raw_getsockopt(sk, optname, &opt);
//	if (put_user(opt.optlen, optlen))
//		return -EFAULT;
//	return err;
//
// (in braces when the call was the body of an `if`). optlen is copied back
// whatever the helper returned, as
// do_sock_getsockopt() (net/socket.c) does after a getsockopt_iter: a
// helper that sets the length it needs and fails with -ERANGE keeps
// telling the caller that length. The other levels the hook forwards
// (net/ipv4/raw.c: ip_getsockopt() for level != SOL_RAW) keep the raw
// pointers until their own helpers move.
#include "rewrites/LineWrap.h"
#include "rewrites/Rules.h"

#include "clang/Lex/Lexer.h"

#include <algorithm>

namespace sockopt {

using namespace clang;

void rewriteWrappedCall(EditBuilder &b, const Use &use) {
  const CallExpr *call = use.call;
  // A statement of a block, or the one a case label starts: in either, the
  // statements that replace it stay where it was. The body of an `if`
  // without an else (net/ipv4/udp.c: `if (level == SOL_UDP || ...) return
  // udp_lib_getsockopt(...);`) becomes a block.
  const auto *ret = dyn_cast_or_null<ReturnStmt>(parentOf(b.context(), call));
  const Stmt *around = ret ? parentOf(b.context(), ret) : nullptr;
  const auto *guard = dyn_cast_or_null<IfStmt>(around);
  if (guard && guard->getThen() == ret && !guard->getElse())
    around = parentOf(b.context(), guard);
  else
    guard = nullptr;
  while (isa_and_nonnull<SwitchCase>(around))
    around = parentOf(b.context(), around);
  if (!isa_and_nonnull<CompoundStmt>(around))
    return b.block(ReasonCode::UnsupportedContext,
                   "the call of " + use.callee->getNameAsString() +
                       "() is not a `return` statement of its own in a block, or the "
                       "body of an `if` there: the wrapper around it needs statements of "
                       "its own",
                   use.loc);
  std::string opt = b.local("sockopt_t", {"opt", "sopt", "sockopt"}, use.loc);
  std::string err = b.local("int", {"err", "ret", "rc"}, use.loc);
  std::string optval, optlen, args;
  for (const auto &[index, role] : use.callee_pointers)
    (role == Role::Optval ? optval : optlen) = b.text(call->getArg(index)->getSourceRange());
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    auto pointer = std::find_if(use.callee_pointers.begin(), use.callee_pointers.end(),
                                [&](const auto &p) { return p.first == i; });
    if (pointer != use.callee_pointers.end() && pointer->second == Role::Optlen)
      continue;
    if (!args.empty())
      args += ", ";
    args += pointer != use.callee_pointers.end() ? "&" + opt
                                                 : b.text(call->getArg(i)->getSourceRange());
  }
  if (opt.empty() || err.empty() || optval.empty() || optlen.empty())
    return; // blocked: no free name, or an argument from a macro
  std::string indent = guard ? b.indentOf(guard->getBeginLoc()) + "\t" : b.indentOf(ret->getBeginLoc());
  std::string helper_call =
      err + " = " + use.callee->getNameAsString() + "(" + args + ");";
  if (columnsOf(indent) + helper_call.size() > 80)
    return b.block(ReasonCode::UnsupportedContext,
                   "the call of " + use.callee->getNameAsString() +
                       "() through the wrapper would pass 80 columns",
                   use.loc);
  std::string nl = "\n" + indent;
  std::string wrapper = err + " = sockopt_init_user(&" + opt + ", " + optval + ", " + optlen +
                        ");" + nl + "if (" + err + ")" + nl + "\treturn " + err + ";" + nl +
                        helper_call + nl + "if (put_user(" + opt + ".optlen, " + optlen +
                        "))" + nl + "\treturn -EFAULT;" + nl + "return " + err + ";";
  if (!guard)
    return b.replaceStatement(ret, wrapper);
  // From the `)` of the condition to the end of the return: ` {`, the
  // wrapper one level in, `}` under the `if`.
  const SourceManager &sm = b.sources();
  SourceLocation after_paren = Lexer::getLocForEndOfToken(
      sm.getExpansionLoc(guard->getRParenLoc()), 0, sm, b.context().getLangOpts());
  b.replaceChars(CharSourceRange::getCharRange(after_paren, b.endOfStatement(ret)),
                 " {" + nl + wrapper + "\n" + b.indentOf(guard->getBeginLoc()) + "}");
}

} // namespace sockopt
