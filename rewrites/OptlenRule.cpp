// get_user(len, optlen) → len = opt->optlen; put_user(len, optlen) →
// opt->optlen = len. The core reads optlen before the callback and writes
// opt->optlen back after it, also on error (net/socket.c,
// do_sock_getsockopt()), so neither can fault any more: the error branch of
// `if (get_user(...)) return -EFAULT;` goes with it.
#include "rewrites/CopyRules.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"

#include <optional>

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

/// The variable `x` of `x = ...`, or null.
const VarDecl *assignedVar(const BinaryOperator *assign) {
  const auto *ref = dyn_cast<DeclRefExpr>(assign->getLHS()->IgnoreParenImpCasts());
  return ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
}

/// Whether `s` mentions `var` anywhere, its address and the bodies of
/// statement expressions (min_t()) included.
bool refersTo(const Stmt *s, const VarDecl *var) {
  if (!s || !var)
    return false;
  if (const auto *ref = dyn_cast<DeclRefExpr>(s))
    return ref->getDecl() == var;
  return llvm::any_of(s->children(), [&](const Stmt *child) { return refersTo(child, var); });
}

/// The statement after `s` in its block, or null.
const Stmt *nextStatement(ASTContext &ctx, const Stmt *s) {
  const auto *block = dyn_cast_or_null<CompoundStmt>(parentOf(ctx, s));
  if (!block)
    return nullptr;
  for (auto it = block->body_begin(); it != block->body_end(); ++it)
    if (*it == s)
      return std::next(it) == block->body_end() ? nullptr : *std::next(it);
  return nullptr;
}

/// `if (!err) err = put_user(len, optlen);`: err is 0 where the store
/// happens, so setting it to 0 after the store would be dead code
/// (net/can/raw.c, raw_getsockopt()).
bool assignsWhereZero(EditBuilder &b, const BinaryOperator *assign) {
  const auto *if_stmt = dyn_cast_or_null<IfStmt>(parentOf(b.context(), assign));
  if (!if_stmt || if_stmt->getThen() != assign || if_stmt->getElse() || if_stmt->getInit())
    return false;
  const auto *not_op = dyn_cast<UnaryOperator>(if_stmt->getCond()->IgnoreParenImpCasts());
  if (!not_op || not_op->getOpcode() != UO_LNot)
    return false;
  const auto *ref = dyn_cast<DeclRefExpr>(not_op->getSubExpr()->IgnoreParenImpCasts());
  return ref && assignedVar(assign) && ref->getDecl() == assignedVar(assign);
}

bool isJump(const Stmt *s) {
  return isa<ReturnStmt>(s) || isa<GotoStmt>(s) || isa<BreakStmt>(s) || isa<ContinueStmt>(s);
}

/// `rc = -EFAULT;` just before `if (get_user(len, optlen)) goto out;`: the
/// error the branch returned (net/x25/af_x25.c, x25_getsockopt()). Once the
/// branch goes with the access, the store is dead when the statements after
/// the if assign rc before anything reads it (`rc = -EINVAL;`), and it goes
/// too; clang's dead-store analysis would otherwise point at the patch.
/// Only plain expression statements are looked through: any other
/// statement (an if, a label, a jump) keeps the store.
const Stmt *deadErrorStore(EditBuilder &b, const IfStmt *branch) {
  if (!isJump(branch->getThen()) || branch->getElse() || branch->getInit())
    return nullptr;
  const auto *block = dyn_cast_or_null<CompoundStmt>(parentOf(b.context(), branch));
  if (!block)
    return nullptr;
  const auto *at = llvm::find(block->body(), branch);
  if (at == block->body_begin())
    return nullptr;
  const auto *store = dyn_cast<BinaryOperator>(*std::prev(at));
  const VarDecl *var = store && store->getOpcode() == BO_Assign ? assignedVar(store) : nullptr;
  if (!var || !var->isLocalVarDecl() || !var->getType()->isIntegerType() ||
      !store->getRHS()->isIntegerConstantExpr(b.context()) || refersTo(branch->getCond(), var))
    return nullptr;
  for (auto next = std::next(at); next != block->body_end(); ++next) {
    const auto *e = dyn_cast<Expr>(*next);
    if (!e)
      return nullptr;
    const auto *assign = dyn_cast<BinaryOperator>(e->IgnoreParens());
    if (assign && assign->getOpcode() == BO_Assign && assignedVar(assign) == var)
      return refersTo(assign->getRHS(), var) ? nullptr : store;
    if (refersTo(e, var))
      return nullptr;
  }
  return nullptr;
}

/// `if (A && put_user(len, optlen)) S;` → `if (A) opt->optlen = len;`:
/// the store no longer fails, so S (its error branch) goes.
/// `if (A || put_user(len, optlen)) S;` → the store where A was false:
/// after the if when S leaves (rxrpc: `return -EFAULT;`), else in an else.
void storeAfterCondition(EditBuilder &b, const Use &use, const AccessContext &c,
                         const std::string &assignment) {
  const auto *if_stmt = cast<IfStmt>(c.statement);
  const auto *logical = cast<BinaryOperator>(c.parent);
  const SourceManager &sm = b.sources();
  const LangOptions &lo = b.context().getLangOpts();
  const Stmt *then = if_stmt->getThen();
  if (isa<CompoundStmt>(then) || !standsInBlock(b.context(), if_stmt)) {
    b.block(ReasonCode::UnsupportedContext,
            use.op + "() on optlen is part of the condition of an if with a braced body or "
                     "one that is itself an unbraced body",
            use.loc);
    return;
  }
  SourceLocation lhs_end = Lexer::getLocForEndOfToken(
      sm.getExpansionRange(logical->getLHS()->getEndLoc()).getEnd(), 0, sm, lo);
  b.replaceChars(CharSourceRange::getCharRange(lhs_end, accessRange(b, use).getEnd()), "");
  std::string indent = b.indentOf(if_stmt->getBeginLoc());
  std::string body_indent = b.indentOf(then->getBeginLoc());
  if (logical->getOpcode() == BO_LAnd) {
    b.replaceStatement(then, assignment + ";");
    return;
  }
  std::string store = isJump(then) ? "\n" + indent + assignment + ";"
                                   : "\n" + indent + "else\n" + body_indent + assignment + ";";
  b.insert(b.endOfStatement(if_stmt), store);
}

/// `else if (put_user(len, optlen)) S; else REST` (j1939): the store no
/// longer fails, so the arm becomes `else { opt->optlen = len; REST }`,
/// REST indented one level, and the earlier arms get braces as kernel
/// style wants them on every arm once one has them. Without REST the arm
/// is just `else opt->optlen = len;`.
void storeAsElseArm(EditBuilder &b, const Use &use, const AccessContext &c,
                    const std::string &assignment) {
  const auto *arm = cast<IfStmt>(c.statement);
  const SourceManager &sm = b.sources();
  const LangOptions &lo = b.context().getLangOpts();
  std::vector<const IfStmt *> chain; // the ifs above, innermost first
  for (const auto *up = dyn_cast_or_null<IfStmt>(parentOf(b.context(), arm));
       up && (chain.empty() ? up->getElse() == arm : up->getElse() == chain.back());
       up = dyn_cast_or_null<IfStmt>(parentOf(b.context(), up)))
    chain.push_back(up);
  const IfStmt *top = chain.back();
  std::string indent = b.indentOf(top->getBeginLoc());
  std::string body_indent = b.indentOf(arm->getThen()->getBeginLoc());
  if (isa<CompoundStmt>(arm->getThen()) || !standsInBlock(b.context(), top) ||
      (arm->getElse() && isa<CompoundStmt>(arm->getElse()))) {
    b.block(ReasonCode::UnsupportedContext,
            use.op + "() on optlen is an else-if arm with braces; its replacement is a "
                     "statement in the else",
            use.loc);
    return;
  }
  SourceLocation arm_begin = sm.getExpansionLoc(arm->getBeginLoc());
  if (!arm->getElse()) {
    b.replaceChars(CharSourceRange::getCharRange(arm_begin, b.endOfStatement(arm)),
                   "\n" + body_indent + assignment + ";");
    // `else if` → `else`, then the store on its own line.
    b.replaceChars(CharSourceRange::getCharRange(
                       Lexer::getLocForEndOfToken(sm.getExpansionLoc(chain.front()->getElseLoc()),
                                                  0, sm, lo),
                       arm_begin),
                   "");
    return;
  }
  for (const IfStmt *up : chain) {
    const Stmt *then = up->getThen();
    if (isa<CompoundStmt>(then))
      continue;
    b.insert(sm.getExpansionLoc(up->getRParenLoc()).getLocWithOffset(1), " {");
    b.replaceChars(CharSourceRange::getCharRange(b.endOfStatement(then),
                                                 sm.getExpansionLoc(up->getElseLoc())),
                   "\n" + indent + "} ");
  }
  const Stmt *rest = arm->getElse();
  SourceLocation rest_begin = sm.getExpansionLoc(rest->getBeginLoc());
  b.replaceChars(CharSourceRange::getCharRange(arm_begin, rest_begin),
                 "{\n" + body_indent + assignment + ";\n" + body_indent);
  // REST moves one level in: a tab at the start of each of its later lines.
  StringRef buffer = sm.getBufferData(sm.getFileID(rest_begin));
  unsigned from = sm.getFileOffset(rest_begin), to = sm.getFileOffset(b.endOfStatement(rest));
  for (unsigned i = from; i < to; ++i)
    if (buffer[i] == '\n' && i + 1 < to && buffer[i + 1] != '\n')
      b.insert(rest_begin.getLocWithOffset(int(i + 1 - from)), "\t");
  b.insert(b.endOfStatement(rest), "\n" + indent + "}");
}

/// `if (put_user(len, optlen) || copy_to_user(...))`: store, then test the
/// rest; the store came first before too.
void storeBeforeOr(EditBuilder &b, const AccessContext &c, const std::string &assignment,
                   const std::string &indent) {
  const auto *if_stmt = cast<IfStmt>(c.statement);
  const auto *lor = cast<BinaryOperator>(c.parent);
  b.insert(b.sources().getExpansionLoc(if_stmt->getBeginLoc()), assignment + ";\n" + indent);
  b.replaceChars(
      CharSourceRange::getCharRange(b.sources().getExpansionLoc(lor->getLHS()->getBeginLoc()),
                                    b.sources().getExpansionLoc(lor->getRHS()->getBeginLoc())),
      "");
}

/// `rc = get_user(len, optlen);`: the store, and `rc = 0;`. When the next
/// statement is `if (rc) goto out;`, the test of the result that is now
/// always 0 goes, and so does `rc = 0;` when the statement after it
/// overwrites rc or returns without it (net/llc/af_llc.c,
/// llc_ui_getsockopt()). `close` ends a block the rewrite opened.
void replaceAssignedAccess(EditBuilder &b, const AccessContext &c, const std::string &assignment,
                           const std::string &indent, const std::string &close) {
  const auto *assign = cast<BinaryOperator>(c.statement);
  std::string target = b.text(assign->getLHS()->getSourceRange());
  const Stmt *test = nextStatement(b.context(), assign);
  const auto *test_if = dyn_cast_or_null<IfStmt>(test);
  if (!close.empty() || !test_if || test_if->getElse() || test_if->getInit() ||
      !refersTo(test_if->getCond(), assignedVar(assign))) {
    b.replaceStatement(assign, assignment + ";\n" + indent + target + " = 0;" + close);
    return;
  }
  const VarDecl *var = assignedVar(assign);
  const Stmt *after = nextStatement(b.context(), test_if);
  const auto *overwrite = dyn_cast_or_null<BinaryOperator>(after);
  const auto *ret = dyn_cast_or_null<ReturnStmt>(after);
  bool overwritten = var->isLocalVarDecl() &&
                     ((overwrite && overwrite->getOpcode() == BO_Assign &&
                       assignedVar(overwrite) == var && !refersTo(overwrite->getRHS(), var)) ||
                      (ret && (!ret->getRetValue() || !refersTo(ret->getRetValue(), var))));
  b.replaceStatement(assign, overwritten ? assignment + ";"
                                         : assignment + ";\n" + indent + target + " = 0;");
  b.removeStatement(test_if);
  if (overwritten && !usedOutside(b.function(), var, {assign, test_if}))
    removeDeclaration(b, var);
}

/// The condition of an if that gets braces is an added line of the patch,
/// where checkpatch --strict flags parentheses around a comparison that is
/// an operand of && or || (tipc's `(lvl == IPPROTO_TCP) && (...)`). They
/// are dropped, which cannot change the meaning: comparisons bind tighter.
void dropComparisonParens(EditBuilder &b, const Expr *cond) {
  const auto *logical = dyn_cast<BinaryOperator>(cond->IgnoreParenImpCasts());
  if (!logical || !logical->isLogicalOp())
    return;
  for (const Expr *operand : {logical->getLHS(), logical->getRHS()}) {
    const auto *paren = dyn_cast<ParenExpr>(operand->IgnoreImplicit());
    const auto *inner = paren ? dyn_cast<BinaryOperator>(paren->getSubExpr()) : nullptr;
    if (inner && inner->isComparisonOp() && paren->getLParen().isFileID() &&
        paren->getRParen().isFileID()) {
      b.replaceChars(CharSourceRange::getCharRange(paren->getLParen(),
                                                   paren->getLParen().getLocWithOffset(1)), "");
      b.replaceChars(CharSourceRange::getCharRange(paren->getRParen(),
                                                   paren->getRParen().getLocWithOffset(1)), "");
    } else {
      dropComparisonParens(b, operand);
    }
  }
}

/// Two statements where there was one need a block around them when the
/// statement is the body of an if without braces: opens it and returns the
/// text that closes it ("" when none is needed). None when the statement
/// is the unbraced body of an else or a loop, or of an if whose condition
/// it shares.
std::optional<std::string> braceIfSplit(EditBuilder &b, const AccessContext &c) {
  bool splits = c.kind == AccessContext::OrInIf || c.kind == AccessContext::Assignment ||
                c.kind == AccessContext::Return || c.kind == AccessContext::ReturnTernary;
  if (!splits || standsInBlock(b.context(), c.statement))
    return "";
  const IfStmt *if_stmt =
      c.kind == AccessContext::OrInIf ? nullptr : bracelessIfBody(b, c.statement);
  if (!if_stmt)
    return std::nullopt;
  b.insert(b.sources().getExpansionLoc(if_stmt->getRParenLoc()).getLocWithOffset(1), " {");
  dropComparisonParens(b, if_stmt->getCond());
  return "\n" + b.indentOf(if_stmt->getBeginLoc()) + "}";
}

} // namespace

void rewriteOptlenAccess(EditBuilder &b, const Use &use) {
  std::string value = valueText(b, use);
  if (value.empty()) {
    b.block(ReasonCode::UnsupportedAccess,
            use.op + "() on optlen with a value that is not a variable", use.loc);
    return;
  }
  std::string assignment = use.kind == UseKind::ReadOptlen ? value + " = " + b.opt() + "->optlen"
                                                           : b.opt() + "->optlen = " + value;
  AccessContext c = contextOf(b.context(), use.anchor);
  if (c.kind == AccessContext::Assignment && assignsWhereZero(b, cast<BinaryOperator>(c.statement))) {
    b.replaceStatement(c.statement, assignment + ";");
    return;
  }
  std::string indent = c.statement ? b.indentOf(c.statement->getBeginLoc()) : "";
  std::optional<std::string> close = braceIfSplit(b, c);
  if (!close) {
    b.block(ReasonCode::UnsupportedContext,
            use.op + "() on optlen is the whole body of an else, a loop or an if whose "
                     "condition it shares, without braces; its replacement is two statements",
            use.loc);
    return;
  }
  switch (c.kind) {
  case AccessContext::IfCondition:
    if (const Stmt *store = deadErrorStore(b, cast<IfStmt>(c.statement)))
      b.removeStatement(store);
    b.replaceStatement(c.statement, assignment + ";");
    return;
  case AccessContext::Statement:
    b.replaceStatement(c.statement, assignment + ";");
    return;
  case AccessContext::OrInIf:
    storeBeforeOr(b, c, assignment, indent);
    return;
  case AccessContext::Assignment:
    replaceAssignedAccess(b, c, assignment, indent, *close);
    return;
  case AccessContext::Return:
    b.replaceStatement(c.statement, assignment + ";\n" + indent + "return 0;" + *close);
    return;
  case AccessContext::ReturnTernary: {
    const auto *ternary = cast<ConditionalOperator>(c.parent);
    std::string success = b.text(ternary->getFalseExpr()->getSourceRange());
    b.replaceStatement(c.statement,
                       assignment + ";\n" + indent + "return " + success + ";" + *close);
    return;
  }
  case AccessContext::AndInIf:
  case AccessContext::OrRhsInIf:
    storeAfterCondition(b, use, c, assignment);
    return;
  case AccessContext::ElseIfCondition:
    storeAsElseArm(b, use, c, assignment);
    return;
  case AccessContext::Condition:
  case AccessContext::Other:
    b.block(ReasonCode::UnsupportedContext,
            use.op + "() on optlen is used where its result cannot be replaced by an "
                     "assignment",
            use.loc);
    return;
  }
}

} // namespace sockopt
