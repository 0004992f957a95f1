#include "matchers/Classifier.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Basic/FileManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <set>

namespace sockopt {

using namespace clang;

SourcePoint pointOf(const SourceManager &sm, SourceLocation loc) {
  PresumedLoc p = sm.getPresumedLoc(sm.getExpansionLoc(reportLocation(sm, loc)));
  if (p.isInvalid())
    return {};
  // Compile commands name files relative to their directory (-I./include):
  // report absolute, normalised paths; the report makes them tree-relative.
  llvm::SmallString<256> path(p.getFilename());
  sm.getFileManager().makeAbsolutePath(path);
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return {std::string(path), p.getLine(), p.getColumn()};
}

namespace {

/// How far into optval an earlier access reached, or where a cursor points.
struct Extent {
  enum Kind { None, Exact, AtLeast, Unknown } kind = None;
  int64_t value = 0;

  /// The end after an access ending at `next` on the same path: the
  /// furthest of the two (an earlier, out-of-order access is reported where
  /// it happens).
  static Extent after(Extent a, Extent next) {
    if (a.kind == None || a.kind == Unknown)
      return a.kind == Unknown ? a : next;
    if (next.value >= a.value)
      return next;
    return {AtLeast, a.value};
  }

  /// Where paths meet.
  static Extent join(Extent a, Extent b) {
    if (a.kind == None)
      return b;
    if (b.kind == None)
      return a;
    if (a.kind == Unknown || b.kind == Unknown)
      return {Unknown, 0};
    if (a.kind == Exact && b.kind == Exact && a.value == b.value)
      return a;
    return {AtLeast, std::max(a.value, b.value)};
  }
};

struct State {
  bool dead = false;
  bool optlen_read = false;
  std::optional<int64_t> checked_bound;
  bool checked_unknown = false;
  bool written = false;
  Extent write_end, read_end;
  std::map<const VarDecl *, Extent> cursors;
  /// Variables holding the length read from optlen (or computed from it) on
  /// this path: `len = strlen(name) + 1` takes `len` out again.
  std::set<const VarDecl *> lengths;
  /// Where a length variable stopped being one: the options of that path.
  std::map<const VarDecl *, std::vector<std::string>> lost_lengths;
  std::vector<std::string> options;

  static State join(const State &a, const State &b) {
    if (a.dead)
      return b;
    if (b.dead)
      return a;
    State s;
    s.optlen_read = a.optlen_read && b.optlen_read;
    if (a.checked_bound && b.checked_bound)
      s.checked_bound = std::min(*a.checked_bound, *b.checked_bound);
    s.checked_unknown = a.checked_unknown && b.checked_unknown;
    s.written = a.written || b.written;
    s.write_end = Extent::join(a.write_end, b.write_end);
    s.read_end = Extent::join(a.read_end, b.read_end);
    for (const auto &[var, pos] : a.cursors) {
      auto it = b.cursors.find(var);
      s.cursors[var] = it == b.cursors.end()
                           ? Extent{Extent::Unknown, 0}
                           : (pos.kind == Extent::Exact && it->second.kind == Extent::Exact &&
                                      pos.value == it->second.value
                                  ? pos
                                  : Extent{Extent::AtLeast, std::min(pos.value, it->second.value)});
    }
    std::set_intersection(a.lengths.begin(), a.lengths.end(), b.lengths.begin(), b.lengths.end(),
                          std::inserter(s.lengths, s.lengths.begin()));
    s.lost_lengths = a.lost_lengths;
    for (const auto &[var, opts] : b.lost_lengths)
      for (const std::string &o : opts)
        if (std::find(s.lost_lengths[var].begin(), s.lost_lengths[var].end(), o) ==
            s.lost_lengths[var].end())
          s.lost_lengths[var].push_back(o);
    for (const VarDecl *var : s.lengths)
      s.lost_lengths.erase(var);
    s.options = a.options;
    for (const std::string &o : b.options)
      if (std::find(s.options.begin(), s.options.end(), o) == s.options.end())
        s.options.push_back(o);
    return s;
  }
};

} // namespace

/// Walks one function body, firing each Use when its anchor is evaluated.
class PathWalker {
public:
  PathWalker(Classifier &owner, const FunctionDecl *fn, const FunctionAccesses &accesses,
             bool has_length_param, Implementation &impl, std::map<const Use *, UseFact> &facts)
      : owner_(owner), fn_(fn), facts_(facts), has_length_param_(has_length_param), impl_(impl),
        sm_(owner.ctx_.getSourceManager()) {
    for (const Use &use : accesses.uses)
      if (use.kind != UseKind::Finding)
        by_anchor_[use.anchor].push_back(&use);
      else
        reason(use.code, use.message, use.loc);
  }

  Classifier::Summary run(State entry) {
    st_ = std::move(entry);
    walk(fn_->getBody());
    return summary_;
  }

private:
  void walk(const Stmt *s);
  void walkSwitch(const SwitchStmt *sw);
  void walkLoop(const Stmt *cond, const Stmt *body, const Stmt *inc, bool body_first);
  void eval(const Stmt *e);
  void fire(const Use &use);
  void noteComparison(const BinaryOperator *cmp);
  bool usesLength(const Expr *e) const;
  bool isLengthRef(const Expr *e) const;
  void noteAssignment(const VarDecl *target, const Expr *value, bool compound);
  bool sameValue(const Expr *a, const Expr *b) const;
  Extent resolve(const Address &a) const;
  void noteSequence(const Use &use, Extent at, Extent end);
  void noteCheckedWidth(const Use &use);
  void reason(const std::string &code, const std::string &message, SourceLocation loc);
  std::string labelText(const Expr *e) const;

  Classifier &owner_;
  const FunctionDecl *fn_;
  std::map<const Use *, UseFact> &facts_;
  bool has_length_param_;
  Implementation &impl_;
  const SourceManager &sm_;
  llvm::DenseMap<const Stmt *, std::vector<const Use *>> by_anchor_;
  State st_;
  std::vector<std::vector<State>> break_targets_;
  /// Length variables compared with `>`/`>=` by the enclosing if conditions.
  /// `if (len > limit)`: the length variable and its limit, for the
  /// enclosing if conditions (the clamp `len = limit;` keeps len bounded).
  std::vector<std::pair<const VarDecl *, const Expr *>> clamped_;
  Classifier::Summary summary_;
};

void PathWalker::reason(const std::string &code, const std::string &message, SourceLocation loc) {
  SourcePoint at = pointOf(sm_, loc);
  for (const Reason &r : impl_.reasons)
    if (r.code == code && r.where.file == at.file && r.where.line == at.line &&
        r.where.column == at.column)
      return;
  impl_.reasons.push_back({code, message, at});
}

std::string PathWalker::labelText(const Expr *e) const {
  CharSourceRange range = sm_.getExpansionRange(e->getSourceRange());
  return Lexer::getSourceText(range, sm_, owner_.ctx_.getLangOpts()).str();
}

bool PathWalker::isLengthRef(const Expr *e) const {
  if (const auto *ref = dyn_cast<DeclRefExpr>(e->IgnoreParenCasts()))
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
      return st_.lengths.count(var);
  return false;
}

/// The same value on both sides of `if (len > x) len = x;`, through casts.
bool PathWalker::sameValue(const Expr *a, const Expr *b) const {
  a = a->IgnoreParenImpCasts();
  b = b->IgnoreParenImpCasts();
  auto ca = a->getIntegerConstantExpr(owner_.ctx_), cb = b->getIntegerConstantExpr(owner_.ctx_);
  if (ca && cb)
    return llvm::APSInt::isSameValue(*ca, *cb);
  llvm::FoldingSetNodeID ia, ib;
  a->Profile(ia, owner_.ctx_, /*Canonical=*/true);
  b->Profile(ib, owner_.ctx_, /*Canonical=*/true);
  return ia == ib;
}

static bool refersTo(const Expr *e, const VarDecl *var) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *var;
    bool found = false;
    bool VisitDeclRefExpr(DeclRefExpr *ref) {
      found |= ref->getDecl() == var;
      return !found;
    }
  } finder;
  finder.var = var;
  finder.TraverseStmt(const_cast<Expr *>(e));
  return finder.found;
}

bool PathWalker::usesLength(const Expr *e) const {
  struct Finder : RecursiveASTVisitor<Finder> {
    const std::set<const VarDecl *> *lengths;
    bool found = false;
    // sizeof(len) does not use len's value.
    bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *,
                                          DataRecursionQueue * = nullptr) {
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *ref) {
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
        found |= lengths->count(var) > 0;
      return !found;
    }
  } finder;
  finder.lengths = &st_.lengths;
  finder.TraverseStmt(const_cast<Expr *>(e));
  return finder.found;
}

/// A local integer assigned from the length carries it (`space_left = len -
/// 8`, `len = min_t(int, len, 4)`); assigned from anything else it no longer
/// does. `x -= n` keeps whatever x was.
void PathWalker::noteAssignment(const VarDecl *target, const Expr *value, bool compound) {
  if (!target || !target->getType()->isIntegerType() || compound)
    return;
  // The clamp `if (len > sizeof(int)) len = sizeof(int);` keeps len within
  // what the caller declared.
  for (const auto &[var, limit] : clamped_)
    if (var == target && sameValue(limit, value))
      return;
  // A constant no larger than what the path already checked the length
  // against is within the caller's buffer too (xsk: `if (len < sizeof(v1))
  // return -EINVAL; ... stats_size = sizeof(v1);`).
  if (auto c = value->getIntegerConstantExpr(owner_.ctx_);
      c && c->getExtValue() > 0 &&
      (st_.checked_unknown || st_.checked_bound.value_or(0) >= c->getExtValue())) {
    st_.lengths.insert(target);
    st_.lost_lengths.erase(target);
    return;
  }
  if (usesLength(value)) {
    st_.lengths.insert(target);
    st_.lost_lengths.erase(target);
  } else if (st_.lengths.erase(target)) {
    st_.lost_lengths[target] = st_.options;
  }
}

/// `if (len < sizeof(int))`, `len != 4`, `sizeof(x) > len`: on the paths
/// after it, the length is known to be at least the constant. A comparison
/// with zero or below (`len < 0`) says nothing about the width.
void PathWalker::noteComparison(const BinaryOperator *cmp) {
  const Expr *lhs = cmp->getLHS(), *rhs = cmp->getRHS();
  BinaryOperatorKind op = cmp->getOpcode();
  if (isLengthRef(rhs) && !isLengthRef(lhs)) {
    std::swap(lhs, rhs);
    op = BinaryOperator::reverseComparisonOp(op);
  }
  if (!isLengthRef(lhs)) {
    // `len - pos < sizeof(u32)`, `space_left < addrlen`: a check whose bound
    // depends on the path; the write it guards is assumed covered.
    if (usesLength(cmp->getLHS()) || usesLength(cmp->getRHS()))
      st_.checked_unknown = true;
    return;
  }
  if (op != BO_LT && op != BO_LE && op != BO_NE && op != BO_EQ)
    return;
  if (auto v = rhs->getIntegerConstantExpr(owner_.ctx_)) {
    int64_t bound = v->getExtValue() + (op == BO_LE ? 1 : 0);
    if (bound <= 0)
      return;
    st_.checked_bound = std::max(st_.checked_bound.value_or(0), bound);
  } else {
    st_.checked_unknown = true;
  }
}

void PathWalker::noteSequence(const Use &use, Extent at, Extent end) {
  UseFact &fact = facts_[&use];
  fact.seen = true;
  bool exact = at.kind == Extent::Exact &&
               (end.kind == Extent::None ? at.value == 0
                                         : end.kind == Extent::Exact && end.value == at.value);
  fact.sequential &= exact;
}

void PathWalker::noteCheckedWidth(const Use &use) {
  if (st_.checked_bound && !st_.checked_unknown)
    facts_[&use].checked_widths.insert(*st_.checked_bound);
}

Extent PathWalker::resolve(const Address &a) const {
  Extent base{Extent::Exact, 0};
  if (a.cursor) {
    auto it = st_.cursors.find(a.cursor);
    base = it == st_.cursors.end() ? Extent{Extent::Unknown, 0} : it->second;
  }
  if (!a.offset || base.kind == Extent::Unknown || base.kind == Extent::None)
    return {Extent::Unknown, 0};
  return {base.kind, base.value + *a.offset};
}

void PathWalker::fire(const Use &use) {
  if (st_.dead)
    return;
  switch (use.kind) {
  case UseKind::ReadOptlen:
    if (use.var)
      st_.lengths.insert(use.var);
    st_.optlen_read = true;
    summary_.reads_optlen = true;
    break;
  case UseKind::WriteOptlen:
  case UseKind::Finding:
    break;
  case UseKind::ReadOptval: {
    noteCheckedWidth(use);
    noteSequence(use, resolve(use.address), st_.read_end);
    if (st_.written)
      reason("optval-reread",
             "optval is read after it was written; the iterators cannot read back "
             "what was written",
             use.loc);
    Extent at = resolve(use.address);
    if (at.kind == Extent::Unknown)
      reason("computed-offset-read", "optval is read at an offset computed at run time", use.loc);
    else if (at.kind == Extent::Exact && st_.read_end.kind != Extent::None &&
             at.value < st_.read_end.value)
      reason("out-of-order-read",
             llvm::formatv("optval is read at offset {0} after reading up to offset {1}", at.value,
                           st_.read_end.value),
             use.loc);
    if (at.kind == Extent::Exact && use.width)
      st_.read_end = Extent::after(st_.read_end, {Extent::Exact, at.value + int64_t(*use.width)});
    else if (at.kind != Extent::Unknown)
      st_.read_end = Extent::after(st_.read_end, {Extent::AtLeast, at.value});
    break;
  }
  case UseKind::WriteOptval: {
    summary_.writes_optval = true;
    noteCheckedWidth(use);
    Extent at = resolve(use.address);
    noteSequence(use, at, st_.write_end);
    if (at.kind == Extent::Unknown) {
      reason("computed-offset-write",
             "optval is written at an offset computed at run time, not by a "
             "sequential cursor",
             use.loc);
    } else if (at.kind == Extent::Exact && st_.write_end.kind != Extent::None &&
               at.value < st_.write_end.value) {
      reason("out-of-order-write",
             llvm::formatv("optval is written at offset {0} after a write that reached "
                           "offset {1}",
                           at.value, st_.write_end.value),
             use.loc);
    }
    if (!st_.optlen_read && !has_length_param_)
      reason("optlen-ignored",
             "optval is written on a path that never reads optlen: the caller's buffer "
             "size is ignored",
             use.loc);

    bool bounded = use.size && usesLength(use.size);
    if (!bounded) {
      // A write whose size is neither constant nor the length is covered
      // only by a check against something other than a constant.
      int64_t need = use.width ? (at.kind == Extent::Exact ? at.value : 0) + int64_t(*use.width)
                               : std::numeric_limits<int64_t>::max();
      bool checked = st_.checked_unknown || st_.checked_bound.value_or(0) >= need;
      // The paths where the size stopped being the length name the option
      // (ax25: SO_BINDTODEVICE sets length = strlen(devname) + 1).
      std::vector<std::string> options = st_.options;
      if (use.size)
        for (const auto &[var, opts] : st_.lost_lengths)
          if (refersTo(use.size, var))
            options = opts;
      if (!checked) {
        BehaviourChange change;
        change.code = "short-buffer-efault";
        change.function = fn_->getNameAsString();
        for (const std::string &o : options)
          change.option += (change.option.empty() ? "" : "|") + o;
        change.width = unsigned(use.width.value_or(0));
        change.old_result = use.width
                                ? llvm::formatv("{0} writes {1} bytes even when optlen is smaller, "
                                                "and succeeds",
                                                use.op, *use.width)
                                      .str()
                                : use.op + " writes its full length even when optlen is smaller, "
                                           "and succeeds";
        change.new_result = use.width ? llvm::formatv("-EFAULT when optlen < {0}", need).str()
                                      : "-EFAULT when optlen is shorter than the value";
        change.where = pointOf(sm_, use.loc);
        bool known = false;
        for (const BehaviourChange &c : impl_.behaviour_changes)
          known |= c.where.file == change.where.file && c.where.line == change.where.line &&
                   c.where.column == change.where.column && c.option == change.option;
        if (!known)
          impl_.behaviour_changes.push_back(std::move(change));
      }
    }
    if (at.kind == Extent::Exact && use.width)
      st_.write_end = Extent::after(st_.write_end, {Extent::Exact, at.value + int64_t(*use.width)});
    else if (at.kind != Extent::Unknown)
      st_.write_end = Extent::after(st_.write_end, {Extent::AtLeast, at.value});
    st_.written = true;
    break;
  }
  case UseKind::CursorInit:
    st_.cursors[use.var] = resolve(use.address);
    break;
  case UseKind::CursorAdvance: {
    Extent &pos = st_.cursors[use.var];
    if (use.advance && *use.advance < 0) {
      reason("computed-offset-write",
             llvm::formatv("cursor '{0}' moves backwards", use.var->getName()), use.loc);
      pos = {Extent::Unknown, 0};
    } else if (pos.kind == Extent::Exact && use.advance) {
      pos.value += *use.advance;
    } else if (pos.kind != Extent::Unknown) {
      pos.kind = Extent::AtLeast;
    }
    // The iterator advances by what was written: the cursor move can go
    // only where it lands exactly at the end of the last write.
    noteSequence(use, st_.write_end, pos);
    break;
  }
  case UseKind::HelperCall: {
    Seeds seeds;
    for (const auto &[index, role] : use.callee_pointers)
      seeds.pointers[use.callee->getParamDecl(index)] = role;
    for (unsigned i = 0; i < use.call->getNumArgs() && i < use.callee->getNumParams(); ++i)
      if (usesLength(use.call->getArg(i)))
        seeds.length_values.insert(use.callee->getParamDecl(i));
    Classifier::Entry entry;
    entry.optlen_read = st_.optlen_read;
    entry.checked_bound = st_.checked_bound;
    entry.checked_unknown = st_.checked_unknown;
    entry.options = st_.options;
    owner_.helper_calls_[use.callee].insert(use.call);
    Classifier::Summary callee = owner_.walkFunction(use.callee, seeds, entry, impl_);
    if (callee.reads_optlen) {
      st_.optlen_read = true;
      summary_.reads_optlen = true;
    }
    if (callee.writes_optval) {
      summary_.writes_optval = true;
      st_.written = true;
      st_.write_end = Extent::after(st_.write_end, {Extent::AtLeast, 0});
    }
    break;
  }
  }
}

/// Fires the uses anchored anywhere inside `e`, in source order, and notes
/// checks of the length on the way.
void PathWalker::eval(const Stmt *e) {
  if (!e)
    return;
  struct Evaluator : RecursiveASTVisitor<Evaluator> {
    PathWalker *walker;
    unsigned inside_access = 0; // the expansion of get_user() assigns too

    bool dataTraverseStmtPre(Stmt *s) {
      auto it = walker->by_anchor_.find(s);
      if (it != walker->by_anchor_.end()) {
        for (const Use *use : it->second)
          walker->fire(*use);
        ++inside_access;
        return true;
      }
      if (auto *bin = dyn_cast<BinaryOperator>(s)) {
        if (bin->isComparisonOp())
          walker->noteComparison(bin);
        // tcp_ao shape: the length is the size of one element.
        if (bin->getOpcode() == BO_Mul &&
            (walker->isLengthRef(bin->getLHS()) || walker->isLengthRef(bin->getRHS())))
          walker->reason("optlen-not-buffer-size",
                         "the value read from optlen is multiplied: it is the size of "
                         "one element, not of the caller's buffer",
                         reportLocation(walker->sm_, bin->getOperatorLoc()));
        if (bin->isAssignmentOp() && !inside_access)
          if (const auto *ref = dyn_cast<DeclRefExpr>(bin->getLHS()->IgnoreParens()))
            walker->noteAssignment(dyn_cast<VarDecl>(ref->getDecl()), bin->getRHS(),
                                   bin->isCompoundAssignmentOp());
      }
      return true;
    }
    bool dataTraverseStmtPost(Stmt *s) {
      if (walker->by_anchor_.count(s))
        --inside_access;
      return true;
    }
  } evaluator;
  evaluator.walker = this;
  evaluator.TraverseStmt(const_cast<Stmt *>(e));
}

void PathWalker::walk(const Stmt *s) {
  if (!s)
    return;
  if (const auto *compound = dyn_cast<CompoundStmt>(s)) {
    for (const Stmt *child : compound->body())
      walk(child);
  } else if (const auto *if_stmt = dyn_cast<IfStmt>(s)) {
    walk(if_stmt->getInit());
    eval(if_stmt->getCond());
    State before = st_;
    size_t clamps = clamped_.size();
    if (const auto *cmp = dyn_cast<BinaryOperator>(if_stmt->getCond()->IgnoreParenImpCasts());
        cmp && (cmp->getOpcode() == BO_GT || cmp->getOpcode() == BO_GE) &&
        isLengthRef(cmp->getLHS()))
      clamped_.emplace_back(
          cast<VarDecl>(cast<DeclRefExpr>(cmp->getLHS()->IgnoreParenCasts())->getDecl()),
          cmp->getRHS());
    walk(if_stmt->getThen());
    clamped_.resize(clamps);
    State after_then = std::move(st_);
    st_ = std::move(before);
    walk(if_stmt->getElse());
    st_ = State::join(after_then, st_);
  } else if (const auto *sw = dyn_cast<SwitchStmt>(s)) {
    walkSwitch(sw);
  } else if (const auto *loop = dyn_cast<ForStmt>(s)) {
    walk(loop->getInit());
    walkLoop(loop->getCond(), loop->getBody(), loop->getInc(), false);
  } else if (const auto *loop = dyn_cast<WhileStmt>(s)) {
    walkLoop(loop->getCond(), loop->getBody(), nullptr, false);
  } else if (const auto *loop = dyn_cast<DoStmt>(s)) {
    walkLoop(loop->getCond(), loop->getBody(), nullptr, true);
  } else if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
    eval(ret->getRetValue());
    st_.dead = true;
  } else if (isa<BreakStmt>(s)) {
    if (!break_targets_.empty())
      break_targets_.back().push_back(st_);
    st_.dead = true;
  } else if (isa<ContinueStmt>(s) || isa<GotoStmt>(s) || isa<IndirectGotoStmt>(s)) {
    st_.dead = true;
  } else if (const auto *label = dyn_cast<LabelStmt>(s)) {
    // Reached by goto from paths the walk has not joined: stay conservative
    // and continue with what is known here.
    st_.dead = false;
    walk(label->getSubStmt());
  } else if (const auto *decl = dyn_cast<DeclStmt>(s)) {
    for (const Decl *d : decl->decls())
      if (const auto *var = dyn_cast<VarDecl>(d); var && var->getInit()) {
        eval(var->getInit());
        noteAssignment(var, var->getInit(), false);
      }
  } else if (const auto *sc = dyn_cast<SwitchCase>(s)) {
    walk(sc->getSubStmt()); // a label outside walkSwitch's direct body
  } else {
    eval(s);
  }
}

void PathWalker::walkSwitch(const SwitchStmt *sw) {
  walk(sw->getInit());
  eval(sw->getCond());
  State before = st_;
  State current = st_;
  current.dead = true; // nothing falls into the first label
  bool has_default = false;
  break_targets_.emplace_back();
  const auto *body = dyn_cast<CompoundStmt>(sw->getBody());
  for (const Stmt *child : body ? body->body() : llvm::ArrayRef<Stmt *>()) {
    if (isa<SwitchCase>(child)) {
      // `case A: case B:` share one path; its options are all the labels.
      std::vector<std::string> labels;
      while (const auto *sc = dyn_cast<SwitchCase>(child)) {
        if (const auto *cs = dyn_cast<CaseStmt>(sc)) {
          labels.push_back(labelText(cs->getLHS()));
        } else {
          labels.push_back("default");
          has_default = true;
        }
        child = sc->getSubStmt();
      }
      State entry = before;
      entry.options = std::move(labels);
      current = State::join(current, entry);
    }
    st_ = std::move(current);
    walk(child);
    current = std::move(st_);
  }
  if (!body) {
    st_ = before;
    walk(sw->getBody());
    current = std::move(st_);
  }
  State after = std::move(current);
  for (const State &b : break_targets_.back())
    after = State::join(after, b);
  break_targets_.pop_back();
  if (!has_default)
    after = State::join(after, before);
  after.options = before.options;
  st_ = std::move(after);
}

/// The body is walked twice so that a fixed-offset write repeated by the
/// loop is seen after itself.
void PathWalker::walkLoop(const Stmt *cond, const Stmt *body, const Stmt *inc, bool body_first) {
  break_targets_.emplace_back();
  if (!body_first)
    eval(cond);
  State skipped = st_;
  for (int round = 0; round < 2; ++round) {
    walk(body);
    eval(inc);
    eval(cond);
  }
  State after = State::join(st_, body_first ? st_ : skipped);
  for (const State &b : break_targets_.back())
    after = State::join(after, b);
  break_targets_.pop_back();
  st_ = std::move(after);
}

Classifier::Summary Classifier::walkFunction(const FunctionDecl *fn, const Seeds &seeds,
                                             const Entry &entry, Implementation &impl) {
  if (std::find(in_progress_.begin(), in_progress_.end(), fn) != in_progress_.end())
    return {true, true}; // recursion: assume the worst already reported
  in_progress_.push_back(fn);

  if (fn != current_impl_) {
    auto &list = helpers_by_impl_[current_impl_];
    if (std::find(list.begin(), list.end(), fn) == list.end()) {
      list.push_back(fn);
      Helper h;
      h.function = fn->getNameAsString();
      h.where = pointOf(ctx_.getSourceManager(), fn->getLocation());
      for (const auto &[param, role] : seeds.pointers)
        h.parameters.push_back(std::string(roleName(role)) + ":" + param->getNameAsString());
      std::sort(h.parameters.begin(), h.parameters.end());
      impl.helpers.push_back(std::move(h));
    }
  }

  // The first walk of a function is kept for the rewrite; later walks (the
  // same helper reached from another call) merge their facts into it.
  auto &slot = records_[fn];
  if (!slot) {
    slot = std::make_unique<FunctionRecord>();
    slot->fn = fn;
    slot->seeds = seeds;
    slot->accesses = collectAccesses(fn, seeds, pp_, ctx_);
  }
  FunctionRecord &record = *slot;
  const FunctionAccesses &accesses = record.accesses;
  for (const auto &[callee, loc] : accesses.external_calls) {
    ExternalCall call{callee, pointOf(ctx_.getSourceManager(), loc)};
    bool known = false;
    for (const ExternalCall &c : impl.external_calls)
      known |= c.callee == call.callee && c.where.line == call.where.line &&
               c.where.file == call.where.file;
    if (!known)
      impl.external_calls.push_back(std::move(call));
  }
  PathWalker walker(*this, fn, accesses, !seeds.length_values.empty(), impl, record.facts);
  State start;
  start.optlen_read = entry.optlen_read;
  start.checked_bound = entry.checked_bound;
  start.checked_unknown = entry.checked_unknown;
  start.options = entry.options;
  start.lengths.insert(seeds.length_values.begin(), seeds.length_values.end());
  Summary summary = walker.run(std::move(start));
  in_progress_.pop_back();
  return summary;
}

void Classifier::classify(const FunctionDecl *fn, Implementation &impl) {
  current_impl_ = fn;
  Seeds seeds;
  seeds.pointers[fn->getParamDecl(3)] = Role::Optval;
  seeds.pointers[fn->getParamDecl(4)] = Role::Optlen;
  walkFunction(fn, seeds, Entry{}, impl);
  current_impl_ = nullptr;
}

} // namespace sockopt
