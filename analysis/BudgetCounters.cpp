#include "analysis/BudgetCounters.h"

#include "analysis/VariableUses.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"

#include <set>
#include <vector>

namespace sockopt {

using namespace clang;

namespace {

/// `&var`.
bool isAddressOf(const Expr *e, const VarDecl *var) {
  const auto *addr = dyn_cast<UnaryOperator>(e->IgnoreParenImpCasts());
  return addr && addr->getOpcode() == UO_AddrOf && varOf(addr->getSubExpr()) == var;
}

bool isZero(const Expr *e, const ASTContext &ctx) {
  auto c = e->getIntegerConstantExpr(ctx);
  return c && c->isZero();
}

/// `break;`, `continue;`, `goto l;`, `return ...;`, or a block ending in one.
bool leaves(const Stmt *s) {
  if (const auto *block = dyn_cast<CompoundStmt>(s))
    return !block->body_empty() && leaves(block->body_back());
  return isa<BreakStmt, ContinueStmt, GotoStmt, ReturnStmt>(s);
}

/// `if (budget < x) leave;` with no else: the x it guards, or null.
const Expr *guardedAmount(const Stmt *s, const VarDecl *budget) {
  const auto *branch = dyn_cast<IfStmt>(s);
  if (!branch || branch->getElse() || branch->getInit() || !leaves(branch->getThen()))
    return nullptr;
  const auto *cmp = dyn_cast<BinaryOperator>(branch->getCond()->IgnoreParenImpCasts());
  if (!cmp)
    return nullptr;
  if (cmp->getOpcode() == BO_LT && varOf(cmp->getLHS()) == budget)
    return cmp->getRHS();
  if (cmp->getOpcode() == BO_GT && varOf(cmp->getRHS()) == budget)
    return cmp->getLHS();
  return nullptr;
}

/// Whether `s` assigns to one of `vars`.
bool assignsTo(const Stmt *s, const std::set<const VarDecl *> &vars) {
  for (const VarDecl *var : assignedVariables(s))
    if (vars.count(var))
      return true;
  return false;
}

/// Whether `s` holds a break, continue, goto or return.
bool jumps(const Stmt *s) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool found = false;
    bool VisitStmt(Stmt *s) {
      found |= isa<BreakStmt, ContinueStmt, GotoStmt, IndirectGotoStmt, ReturnStmt>(s);
      return !found;
    }
  } finder;
  finder.TraverseStmt(const_cast<Stmt *>(s));
  return finder.found;
}

std::set<const VarDecl *> varsIn(const Expr *e) {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::set<const VarDecl *> vars;
    bool VisitDeclRefExpr(DeclRefExpr *ref) {
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
        vars.insert(var);
      return true;
    }
  } finder;
  finder.TraverseStmt(const_cast<Expr *>(e));
  return finder.vars;
}

/// `grow` (`counter += x`) and `budget -= x` side by side in one block,
/// with no way out between them, after `if (budget < x) leave;`, with
/// neither x nor the budget changed in between: the budget covered x, and
/// the sum of the two stayed put.
/// Returns the `budget -= x` it is paired with, or null.
const BinaryOperator *pairedShrink(const CompoundAssignOperator *grow, const VarDecl *budget_hint,
                                   const ParentMap &parents, const ASTContext &ctx) {
  const auto *block = dyn_cast_or_null<CompoundStmt>(parents.getParent(grow));
  if (!block || grow->getOpcode() != BO_AddAssign)
    return nullptr;
  std::vector<const Stmt *> body(block->body_begin(), block->body_end());
  size_t at = std::find(body.begin(), body.end(), grow) - body.begin();
  for (size_t i = 0; i < body.size(); ++i) {
    const auto *shrink = dyn_cast<CompoundAssignOperator>(body[i]);
    const VarDecl *budget = shrink ? varOf(shrink->getLHS()) : nullptr;
    if (!budget || shrink->getOpcode() != BO_SubAssign ||
        (budget_hint && budget != budget_hint) || !sameValue(shrink->getRHS(), grow->getRHS(), ctx))
      continue;
    // Nothing between the two may leave the block, or one would happen
    // without the other.
    bool together = true;
    for (size_t k = std::min(at, i) + 1; k < std::max(at, i) && together; ++k)
      together = !jumps(body[k]);
    if (!together)
      continue;
    std::set<const VarDecl *> watched = varsIn(grow->getRHS());
    watched.insert(budget);
    for (size_t g = std::min(at, i); g-- > 0;) {
      if (const Expr *x = guardedAmount(body[g], budget); x && sameValue(x, grow->getRHS(), ctx)) {
        bool kept = true;
        for (size_t k = g + 1; k < std::max(at, i) && kept; ++k)
          kept = k == at || k == i || !assignsTo(body[k], watched);
        return kept ? shrink : nullptr;
      }
      if (assignsTo(body[g], watched))
        break;
    }
  }
  return nullptr;
}

/// The walk of one function body: every use of every local integer and of
/// each parameter asked about.
class Uses {
public:
  Uses(const FunctionDecl *fn, const ASTContext &ctx)
      : fn_(fn), ctx_(ctx), parents_(fn->getBody()) {}

  /// The parent of `e`, parentheses and implicit casts skipped; `e` is set
  /// to the child it came from.
  const Stmt *parentOf(const Expr *&e) const {
    const Stmt *p = parents_.getParent(e);
    while (p && (isa<ParenExpr>(p) || (isa<ImplicitCastExpr>(p) &&
                                       cast<ImplicitCastExpr>(p)->getCastKind() != CK_LValueToRValue))) {
      e = cast<Expr>(p);
      p = parents_.getParent(p);
    }
    return p;
  }

  /// The references to `var` that are evaluated: not those in a type
  /// (`typeof(kmalloc_noprof(size, flags))` in include/linux/slab.h
  /// kmalloc()), which the parent map does not hold, nor sizeof's operand.
  std::vector<const DeclRefExpr *> refsTo(const VarDecl *var) const {
    struct Finder : RecursiveASTVisitor<Finder> {
      const VarDecl *var;
      const ParentMap *parents;
      std::vector<const DeclRefExpr *> refs;
      bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *,
                                            DataRecursionQueue * = nullptr) {
        return true;
      }
      bool VisitDeclRefExpr(DeclRefExpr *ref) {
        if (ref->getDecl() == var && parents->hasParent(ref))
          refs.push_back(ref);
        return true;
      }
    } finder;
    finder.var = var;
    finder.parents = &parents_;
    finder.TraverseStmt(fn_->getBody());
    return finder.refs;
  }

  const ParentMap &parents() const { return parents_; }
  const ASTContext &ctx() const { return ctx_; }

private:
  const FunctionDecl *fn_;
  const ASTContext &ctx_;
  ParentMap parents_;
};

bool isRead(const Stmt *parent) {
  const auto *cast = dyn_cast_or_null<ImplicitCastExpr>(parent);
  return cast && cast->getCastKind() == CK_LValueToRValue;
}

/// Whether every change of `budget` in the walk is its one assignment
/// (returned through `initial`, when `budget` is a local) or one of the
/// paired decrements `shrinks`; a parameter starts from its argument.
bool budgetKeptTo(const VarDecl *budget, const std::set<const BinaryOperator *> &shrinks,
                  const Uses &uses, const Expr **initial) {
  if (initial)
    *initial = budget->getInit();
  for (const DeclRefExpr *ref : uses.refsTo(budget)) {
    const Expr *e = ref;
    const Stmt *p = uses.parentOf(e);
    if (isRead(p))
      continue;
    const auto *op = dyn_cast_or_null<BinaryOperator>(p);
    if (op && op->getLHS()->IgnoreParens() == e && shrinks.count(op))
      continue;
    if (op && op->getOpcode() == BO_Assign && op->getLHS()->IgnoreParens() == e && initial &&
        !*initial) {
      *initial = op->getRHS();
      continue;
    }
    return false;
  }
  return !initial || *initial;
}

/// `call` hands `&counter` to a function of the unit as parameter `index`:
/// the budget it is kept to there, if that function grows `*param` only as
/// a budget counter, against a parameter the call passes `budget` to.
bool keptInCallee(const CallExpr *call, unsigned index, const VarDecl *budget,
                  const ASTContext &ctx) {
  const FunctionDecl *callee = call->getDirectCallee();
  if (callee)
    callee = callee->getDefinition();
  if (!callee || !callee->hasBody() || index >= callee->getNumParams())
    return false;
  const ParmVarDecl *counter = callee->getParamDecl(index);
  Uses uses(callee, ctx);
  const VarDecl *param_budget = nullptr;
  std::set<const BinaryOperator *> shrinks;
  for (const DeclRefExpr *ref : uses.refsTo(counter)) {
    const Expr *e = ref;
    const Stmt *p = uses.parentOf(e);
    const auto *deref = isRead(p) ? dyn_cast_or_null<UnaryOperator>(uses.parentOf(e = cast<Expr>(p)))
                                  : nullptr;
    if (!deref || deref->getOpcode() != UO_Deref)
      return false;
    e = deref;
    const Stmt *use = uses.parentOf(e);
    if (isRead(use))
      continue;
    const auto *grow = dyn_cast_or_null<CompoundAssignOperator>(use);
    const BinaryOperator *shrink =
        grow && grow->getLHS()->IgnoreParens() == e
            ? pairedShrink(grow, param_budget, uses.parents(), ctx)
            : nullptr;
    if (!shrink)
      return false;
    param_budget = varOf(shrink->getLHS());
    shrinks.insert(shrink);
  }
  const auto *param = dyn_cast_or_null<ParmVarDecl>(param_budget);
  if (!param || param->getFunctionScopeIndex() >= call->getNumArgs() ||
      varOf(call->getArg(param->getFunctionScopeIndex())) != budget)
    return false;
  return budgetKeptTo(param, shrinks, uses, nullptr);
}

/// No path from `from` reaches one of `to`: after the callee grew the
/// counter against a copy of the budget, the caller's budget no longer
/// covers it, so nothing may grow it again.
bool nothingAfter(const Stmt *from, const std::set<const Stmt *> &to, const FunctionDecl *fn,
                  ASTContext &ctx) {
  CFG::BuildOptions options;
  std::unique_ptr<CFG> cfg = CFG::buildCFG(fn, fn->getBody(), &ctx, options);
  if (!cfg)
    return false;
  auto contains = [](const CFGBlock *block, auto &&wanted) {
    for (const CFGElement &element : *block)
      if (auto s = element.getAs<CFGStmt>(); s && wanted(s->getStmt()))
        return true;
    return false;
  };
  std::vector<const CFGBlock *> work;
  std::set<const CFGBlock *> seen;
  for (const CFGBlock *block : *cfg) {
    bool after = false;
    for (const CFGElement &element : *block) {
      auto s = element.getAs<CFGStmt>();
      if (s && after && to.count(s->getStmt()))
        return false;
      after |= s && s->getStmt() == from;
    }
    if (after)
      for (const CFGBlock *next : block->succs())
        if (next && seen.insert(next).second)
          work.push_back(next);
  }
  while (!work.empty()) {
    const CFGBlock *block = work.back();
    work.pop_back();
    if (contains(block, [&](const Stmt *s) { return to.count(s) > 0; }))
      return false;
    for (const CFGBlock *next : block->succs())
      if (next && seen.insert(next).second)
        work.push_back(next);
  }
  return true;
}

} // namespace

std::map<const VarDecl *, Budget> findBudgetCounters(const FunctionDecl *fn, ASTContext &ctx) {
  std::map<const VarDecl *, Budget> out;
  if (!fn->hasBody())
    return out;
  Uses uses(fn, ctx);
  struct Locals : RecursiveASTVisitor<Locals> {
    std::vector<const VarDecl *> vars;
    bool VisitVarDecl(VarDecl *var) {
      if (var->isLocalVarDecl() && var->getType()->isIntegerType())
        vars.push_back(var);
      return true;
    }
  } locals;
  locals.TraverseStmt(fn->getBody());
  for (const VarDecl *counter : locals.vars) {
    if (counter->getInit() && !isZero(counter->getInit(), ctx))
      continue;
    const VarDecl *budget = nullptr;
    std::set<const BinaryOperator *> shrinks;
    std::set<const Stmt *> grows;
    std::vector<const CallExpr *> handed;
    bool kept = true;
    for (const DeclRefExpr *ref : uses.refsTo(counter)) {
      const Expr *e = ref;
      const Stmt *p = uses.parentOf(e);
      if (isRead(p))
        continue;
      if (const auto *op = dyn_cast_or_null<BinaryOperator>(p);
          op && op->getOpcode() == BO_Assign && op->getLHS()->IgnoreParens() == e &&
          isZero(op->getRHS(), ctx))
        continue;
      if (const auto *grow = dyn_cast_or_null<CompoundAssignOperator>(p);
          grow && grow->getLHS()->IgnoreParens() == e) {
        if (const BinaryOperator *shrink = pairedShrink(grow, budget, uses.parents(), ctx)) {
          budget = varOf(shrink->getLHS());
          shrinks.insert(shrink);
          grows.insert(grow);
          continue;
        }
      }
      if (const auto *addr = dyn_cast_or_null<UnaryOperator>(p);
          addr && addr->getOpcode() == UO_AddrOf) {
        const Expr *arg = addr;
        if (const auto *call = dyn_cast_or_null<CallExpr>(uses.parentOf(arg))) {
          handed.push_back(call);
          continue;
        }
      }
      kept = false;
      break;
    }
    if (!kept || !budget)
      continue;
    // Nothing grows the counter after a call did, the call included.
    std::set<const Stmt *> growing = grows;
    growing.insert(handed.begin(), handed.end());
    for (const CallExpr *call : handed) {
      unsigned index = 0;
      while (index < call->getNumArgs() && !isAddressOf(call->getArg(index), counter))
        ++index;
      kept = kept && index < call->getNumArgs() && keptInCallee(call, index, budget, ctx) &&
             nothingAfter(call, growing, fn, ctx);
    }
    const Expr *initial = nullptr;
    if (kept && budgetKeptTo(budget, shrinks, uses, &initial))
      out[counter] = {budget, initial};
  }
  return out;
}

} // namespace sockopt
