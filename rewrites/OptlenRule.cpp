// get_user(len, optlen) → len = opt->optlen; put_user(len, optlen) →
// opt->optlen = len. The core reads optlen before the callback and writes
// opt->optlen back after it, also on error (net/socket.c,
// do_sock_getsockopt()), so neither can fault any more: the error branch of
// `if (get_user(...)) return -EFAULT;` goes with it.
#include "rewrites/CopyRules.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"

namespace sockopt {

using namespace clang;

namespace {

/// The variable side of the access as the author wrote it.
std::string valueText(EditBuilder &b, const Use &use) {
  if (use.invocation)
    return macroArgument(b, use, 0);
  // copy_from_user(&len, optlen, sizeof(len)) / copy_to_user(optlen, &len, ...)
  const auto *call = cast<CallExpr>(use.anchor);
  const Expr *value = call->getArg(use.kind == UseKind::ReadOptlen ? 0 : 1)->IgnoreParenImpCasts();
  if (const auto *addr = dyn_cast<UnaryOperator>(value); addr && addr->getOpcode() == UO_AddrOf)
    return b.text(addr->getSubExpr()->getSourceRange());
  return "";
}

bool standsInBlock(ASTContext &ctx, const Stmt *statement) {
  const Stmt *parent = parentOf(ctx, statement);
  return isa_and_nonnull<CompoundStmt>(parent) || isa_and_nonnull<SwitchCase>(parent);
}

/// The `if` whose body, without braces and on a line of its own, is
/// `statement`, when that `if` has no else: braces can go around the body
/// in kernel style (`if (!err) {`) without touching anything else.
const IfStmt *bracelessIfBody(EditBuilder &b, const Stmt *statement) {
  const auto *if_stmt = dyn_cast_or_null<IfStmt>(parentOf(b.context(), statement));
  if (!if_stmt || if_stmt->getThen() != statement || if_stmt->getElse())
    return nullptr;
  const SourceManager &sm = b.sources();
  SourceLocation rparen = sm.getExpansionLoc(if_stmt->getRParenLoc());
  SourceLocation body = sm.getExpansionLoc(statement->getBeginLoc());
  if (rparen.isInvalid() || sm.getFileID(rparen) != sm.getFileID(body) ||
      sm.getExpansionLineNumber(rparen) >= sm.getExpansionLineNumber(body))
    return nullptr;
  return if_stmt;
}

} // namespace

void rewriteOptlenAccess(EditBuilder &b, const Use &use) {
  std::string value = valueText(b, use);
  if (value.empty()) {
    b.block("unsupported-access", use.op + "() on optlen with a value that is not a variable",
            use.loc);
    return;
  }
  std::string assignment = use.kind == UseKind::ReadOptlen ? value + " = " + b.opt() + "->optlen"
                                                           : b.opt() + "->optlen = " + value;
  AccessContext c = contextOf(b.context(), use.anchor);
  std::string indent = c.statement ? b.indentOf(c.statement->getBeginLoc()) : "";
  // Two statements where there was one need a block around them when the
  // statement is the body of an if/else/loop without braces.
  bool splits = c.kind == AccessContext::OrInIf || c.kind == AccessContext::Assignment ||
                c.kind == AccessContext::Return || c.kind == AccessContext::ReturnTernary;
  // The closing brace, when the statement is an unbraced if body.
  std::string close;
  if (splits && !standsInBlock(b.context(), c.statement)) {
    const IfStmt *if_stmt =
        c.kind == AccessContext::OrInIf ? nullptr : bracelessIfBody(b, c.statement);
    if (!if_stmt) {
      b.block("unsupported-context",
              use.op + "() on optlen is the whole body of an else, a loop or an if whose "
                       "condition it shares, without braces; its replacement is two statements",
              use.loc);
      return;
    }
    b.insert(b.sources().getExpansionLoc(if_stmt->getRParenLoc()).getLocWithOffset(1), " {");
    close = "\n" + b.indentOf(if_stmt->getBeginLoc()) + "}";
  }
  switch (c.kind) {
  case AccessContext::IfCondition:
  case AccessContext::Statement:
    b.replaceStatement(c.statement, assignment + ";");
    return;
  case AccessContext::OrInIf: {
    // if (put_user(len, optlen) || copy_to_user(...)): store, then test the
    // rest; the store came first before too.
    const auto *if_stmt = cast<IfStmt>(c.statement);
    const auto *lor = cast<BinaryOperator>(c.parent);
    b.insert(b.sources().getExpansionLoc(if_stmt->getBeginLoc()), assignment + ";\n" + indent);
    b.replaceChars(
        CharSourceRange::getCharRange(b.sources().getExpansionLoc(lor->getLHS()->getBeginLoc()),
                                      b.sources().getExpansionLoc(lor->getRHS()->getBeginLoc())),
        "");
    return;
  }
  case AccessContext::Assignment: {
    const auto *assign = cast<BinaryOperator>(c.statement);
    std::string target = b.text(assign->getLHS()->getSourceRange());
    b.replaceStatement(assign, assignment + ";\n" + indent + target + " = 0;" + close);
    return;
  }
  case AccessContext::Return:
    b.replaceStatement(c.statement, assignment + ";\n" + indent + "return 0;" + close);
    return;
  case AccessContext::ReturnTernary: {
    const auto *ternary = cast<ConditionalOperator>(c.parent);
    std::string success = b.text(ternary->getFalseExpr()->getSourceRange());
    b.replaceStatement(c.statement,
                       assignment + ";\n" + indent + "return " + success + ";" + close);
    return;
  }
  case AccessContext::Condition:
  case AccessContext::Other:
    b.block("unsupported-context",
            use.op + "() on optlen is used where its result cannot be replaced by an "
                     "assignment",
            use.loc);
    return;
  }
}

} // namespace sockopt
