#include "rewrites/CopyRules.h"

namespace sockopt {

using namespace clang;

CharSourceRange accessRange(EditBuilder &b, const Use &use) {
  const SourceManager &sm = b.sources();
  if (use.invocation) {
    const FileSpan &whole = use.invocation->whole;
    SourceLocation start = sm.getComposedLoc(whole.file, whole.begin);
    return CharSourceRange::getCharRange(start, start.getLocWithOffset(whole.end - whole.begin));
  }
  return CharSourceRange::getTokenRange(use.anchor->getSourceRange());
}

/// The text of a copy's buffer argument. A cast written as `(char *) &x`
/// comes out as `(char *)&x`: the line is an added one in the patch, and
/// checkpatch --strict asks for no space after a cast there (rfcomm's
/// `(char *) &cinfo`). A comment between the cast and its operand is kept.
std::string bufferText(EditBuilder &b, const Expr *arg) {
  std::string text = b.text(arg->getSourceRange());
  const auto *cast = dyn_cast<CStyleCastExpr>(arg->IgnoreImpCasts());
  if (!cast || text.empty())
    return text;
  std::string type = b.text(SourceRange(cast->getLParenLoc(), cast->getRParenLoc()));
  std::string operand = b.text(cast->getSubExpr()->getSourceRange());
  StringRef whole(text);
  if (type.empty() || operand.empty() || !whole.starts_with(type) || !whole.ends_with(operand) ||
      whole.size() < type.size() + operand.size())
    return text;
  StringRef gap = whole.drop_front(type.size()).drop_back(operand.size());
  return gap.trim().empty() ? type + operand : text;
}

std::string copyCall(EditBuilder &b, const Use &use, StringRef iter_fn, StringRef iter,
                     unsigned kernel_arg) {
  const auto *copy = cast<CallExpr>(use.anchor);
  if (copy->getArg(2)->HasSideEffects(b.context())) {
    b.block(ReasonCode::UnsupportedAccess, "the size of " + use.op + "() has side effects",
            use.loc);
    return "";
  }
  std::string buffer = bufferText(b, copy->getArg(kernel_arg));
  std::string n = b.text(copy->getArg(2)->getSourceRange());
  return (iter_fn + "(" + buffer + ", " + n + ", &" + b.opt() + "->" + iter + ") != " + n).str();
}

std::string macroArgument(EditBuilder &b, const Use &use, unsigned index) {
  const FileSpan &arg = use.invocation->args[index];
  return b.sources().getBufferData(arg.file).substr(arg.begin, arg.end - arg.begin).str();
}

bool checkSequential(EditBuilder &b, const Use &use, const UseFact &fact) {
  if (fact.seen && fact.sequential)
    return true;
  b.block(ReasonCode::NotSequential,
          "this access does not start where the previous one on its path ended; the "
          "iterator would need iov_iter_advance() or a revert",
          use.loc);
  return false;
}

bool setBefore(EditBuilder &b, const Use &use, const std::string &statement) {
  AccessContext c = contextOf(b.context(), use.anchor);
  const Stmt *s = c.statement;
  bool first = c.kind == AccessContext::IfCondition || c.kind == AccessContext::OrInIf ||
               c.kind == AccessContext::Assignment || c.kind == AccessContext::Return ||
               c.kind == AccessContext::ReturnTernary || c.kind == AccessContext::Statement;
  const Stmt *parent = s ? parentOf(b.context(), s) : nullptr;
  if (!first || !(isa_and_nonnull<CompoundStmt>(parent) || isa_and_nonnull<SwitchCase>(parent))) {
    b.block(ReasonCode::UnsupportedContext,
            use.op + "() writes a value that needs a local, where the local cannot be set "
                     "on the line before",
            use.loc);
    return false;
  }
  b.insert(b.sources().getExpansionLoc(s->getBeginLoc()),
           statement + "\n" + b.indentOf(s->getBeginLoc()));
  return true;
}

void replaceAccess(EditBuilder &b, const Use &use, const std::string &call) {
  AccessContext c = contextOf(b.context(), use.anchor);
  bool returns_error = use.invocation != nullptr; // get_user/put_user: 0 or -EFAULT
  switch (c.kind) {
  case AccessContext::IfCondition:
  case AccessContext::OrInIf:
  case AccessContext::OrRhsInIf:
  case AccessContext::AndInIf:
  case AccessContext::ElseIfCondition:
  case AccessContext::ReturnTernary:
    b.replaceWrappable(accessRange(b, use), call);
    return;
  case AccessContext::Condition:
    // `!=` binds tighter than ||, && and ?:, not than !.
    if (isa_and_nonnull<UnaryOperator>(c.parent))
      b.replaceChars(accessRange(b, use), "(" + call + ")");
    else
      b.replaceWrappable(accessRange(b, use), call);
    return;
  case AccessContext::Assignment:
  case AccessContext::Return:
    if (returns_error) {
      b.replaceWrappable(accessRange(b, use), "(" + call + ") ? -EFAULT : 0");
      return;
    }
    break;
  case AccessContext::Statement:
  case AccessContext::Other:
    break;
  }
  b.block(ReasonCode::UnsupportedContext,
          use.op + "() is used where its result cannot be replaced by the iterator call", use.loc);
}

} // namespace sockopt
