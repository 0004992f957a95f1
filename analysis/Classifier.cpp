#include "analysis/Classifier.h"

#include "analysis/BudgetCounters.h"
#include "analysis/VariableUses.h"

#include "clang/AST/ParentMapContext.h"
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
  // The report makes the paths tree-relative.
  return {reportPath(sm.getFileManager(), p.getFilename()), p.getLine(), p.getColumn()};
}

std::string reportPath(const FileManager &files, llvm::StringRef name) {
  llvm::SmallString<256> path(name);
  files.makeAbsolutePath(path);
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return std::string(path);
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

/// Where the end of the last write stands relative to a cursor, when offsets
/// are not constants: `bytes` past it, plus the value of `size` (the length
/// expression of that write) when there is one. {0, nullptr}: the cursor is
/// exactly where the last write ended (net/bluetooth/sco.c, BT_CODEC:
/// `copy_to_user(ptr, c->caps, len)` then `ptr += len`).
struct Lag {
  int64_t bytes = 0;
  const Expr *size = nullptr;
  bool inStep() const { return bytes == 0 && !size; }
  bool operator==(const Lag &o) const { return bytes == o.bytes && size == o.size; }
};

struct State {
  bool dead = false;
  bool optlen_read = false;
  std::optional<int64_t> checked_bound;
  bool checked_unknown = false;
  /// The constants the length is exactly on the paths joined here: the
  /// branch of `len == C`, or past `if (len != C) return ...;`; and whether
  /// one of those paths has no such check.
  std::set<int64_t> exact_lengths;
  bool not_exact = true;
  /// `len != __SO_SIZE(optname)` (net/atm/common.c vcc_getsockopt()): a
  /// bound that depends on the option, known once the path's option is.
  const Expr *optname_bound = nullptr;
  bool optname_bound_exact = false; // compared with == or !=
  /// `if (__SO_LEVEL_MATCH(optname, level) && len != __SO_SIZE(optname))`:
  /// the bound holds only where this left operand of && is true.
  const Expr *optname_bound_guard = nullptr;
  bool written = false;
  bool computed_write = false; // a write at a run-time offset on this path
  /// optval/optlen went to a function of another unit on this path: an
  /// access after it would not start where that function's accesses ended.
  bool handed_off = false;
  Extent write_end, read_end;
  /// Cursors, and the integer variables added to optval (`optval + pos`).
  std::map<const VarDecl *, Extent> cursors;
  /// Local integers holding a known constant on this path.
  std::map<const VarDecl *, int64_t> values;
  /// Local integers known to be at most a constant on this path: `len =
  /// strlen(devname) + 1` with `char devname[IFNAMSIZ]` (net/core/sock.c
  /// sock_getbindtodevice()) is at most IFNAMSIZ.
  std::map<const VarDecl *, int64_t> maxima;
  std::map<const VarDecl *, Lag> lags;
  /// Variables holding the length read from optlen (or computed from it) on
  /// this path: `len = strlen(name) + 1` takes `len` out again.
  std::set<const VarDecl *> lengths;
  /// Where a length variable stopped being one: the options of that path.
  std::map<const VarDecl *, std::vector<std::string>> lost_lengths;
  std::vector<std::string> options;
  /// The labels of the switch on optname that this path went through.
  std::vector<std::string> optname_options;

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
    s.exact_lengths = a.exact_lengths;
    s.exact_lengths.insert(b.exact_lengths.begin(), b.exact_lengths.end());
    s.not_exact = a.not_exact || b.not_exact;
    if (a.optname_bound == b.optname_bound) {
      s.optname_bound = a.optname_bound;
      s.optname_bound_exact = a.optname_bound_exact && b.optname_bound_exact;
      s.optname_bound_guard = a.optname_bound_guard ? a.optname_bound_guard
                                                    : b.optname_bound_guard;
    }
    s.written = a.written || b.written;
    s.computed_write = a.computed_write || b.computed_write;
    s.handed_off = a.handed_off || b.handed_off;
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
    for (const auto &[var, v] : a.values)
      if (auto it = b.values.find(var); it != b.values.end() && it->second == v)
        s.values[var] = v;
    for (const auto &[var, lag] : a.lags)
      if (auto it = b.lags.find(var); it != b.lags.end() && it->second == lag)
        s.lags[var] = lag;
    for (const auto &[var, max] : a.maxima)
      if (auto it = b.maxima.find(var); it != b.maxima.end())
        s.maxima[var] = std::max(max, it->second);
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
    // A path outside every optname case concerns all options.
    if (!a.optname_options.empty() && !b.optname_options.empty()) {
      s.optname_options = a.optname_options;
      for (const std::string &o : b.optname_options)
        if (std::find(s.optname_options.begin(), s.optname_options.end(), o) ==
            s.optname_options.end())
          s.optname_options.push_back(o);
    }
    return s;
  }
};

} // namespace

static void collectVars(const Expr *e, std::set<const VarDecl *> &vars);

/// A compound assignment that can make a non-negative integer larger.
static bool mayGrow(BinaryOperatorKind op) {
  return op == BO_AddAssign || op == BO_MulAssign || op == BO_ShlAssign || op == BO_OrAssign ||
         op == BO_XorAssign;
}

/// Walks one function body, firing each Use when its anchor is evaluated.
class PathWalker {
public:
  PathWalker(Classifier &owner, const FunctionDecl *fn, const FunctionAccesses &accesses,
             const Seeds &seeds, Implementation &impl, std::map<const Use *, UseFact> &facts)
      : owner_(owner), fn_(fn), facts_(facts), has_length_param_(!seeds.length_values.empty()),
        optname_(seeds.optname), impl_(impl), sm_(owner.ctx_.getSourceManager()) {
    for (const Use &use : accesses.uses) {
      if (use.anchor)
        by_anchor_[use.anchor].push_back(&use);
      if (use.kind == UseKind::Finding)
        unreached_findings_.insert(&use);
      if (use.kind == UseKind::WriteOptval || use.kind == UseKind::ReadOptval)
        for (const Expr *e : {use.pointer, use.offset})
          if (e)
            collectVars(e, offset_vars_);
      if (use.address.index)
        index_vars_.insert(use.address.index);
    }
  }

  Classifier::Summary run(State entry) {
    st_ = std::move(entry);
    walk(fn_->getBody());
    if (!success_unbounded_)
      summary_.success_bound = success_bound_;
    // A finding the walk never reached (dead code, an #if branch not
    // compiled) still concerns every option: unknown is never easy.
    st_ = State{};
    for (const Use *use : unreached_findings_)
      reason(use->code, use->message, use->loc);
    return summary_;
  }

private:
  void walk(const Stmt *s);
  void walkSwitch(const SwitchStmt *sw);
  void walkLoop(const Stmt *cond, const Stmt *body, const Stmt *inc, bool body_first);
  void eval(const Stmt *e);
  void fire(const Use &use);
  void fireReadOptval(const Use &use);
  void fireWriteOptval(const Use &use);
  void checkShortBuffer(const Use &use, Extent at);
  bool withinBudget(const Expr *size, Extent at);
  bool withinCheckedBound(const Expr *size, Extent at) const;
  void noteReturn(const Expr *value);
  const VarDecl *assignedResult(const CallExpr *call) const;
  std::optional<int64_t> maxOf(const Expr *e) const;
  const std::set<const VarDecl *> &addressTaken() const;
  const std::set<const VarDecl *> &assigned() const;
  bool checkNarrowing(const Use &use, Extent at, int64_t need,
                      std::optional<int64_t> option_bound);
  void addShortBufferChange(const Use &use, int64_t need);
  void addNarrowedChange(const Use &use, int64_t need, int64_t narrowed);
  BehaviourChange changeAt(ChangeCode code, const Use &use) const;
  void addChange(BehaviourChange change);
  std::vector<std::string> optionsOf(const Use &use) const;
  std::optional<int64_t> lengthConstant(const Expr *cond, BinaryOperatorKind op) const;
  void fireCursorInit(const Use &use);
  void fireCursorAdvance(const Use &use);
  void fireHelperCall(const Use &use);
  void noteLengthAsElementSize(const BinaryOperator *bin);
  void noteAssignmentOp(const BinaryOperator *bin, bool inside_access);
  void noteIncDec(const UnaryOperator *unary, bool inside_access);
  void noteComparison(const BinaryOperator *cmp, const Expr *guard);
  bool usesLength(const Expr *e) const;
  bool isLengthRef(const Expr *e) const;
  void noteAssignment(const VarDecl *target, const Expr *value, bool compound, bool grows);
  bool sameValue(const Expr *a, const Expr *b) const;
  Extent resolve(const Address &a) const;
  Extent resolveAccess(const Use &use) const;
  void noteSequence(const Use &use, Extent at, Extent end, bool in_step = false);
  bool inStep(const Address &a) const;
  void noteWriteLag(const Use &use, bool sequential);
  void noteIndexChange(const Expr *target, const Expr *value, BinaryOperatorKind op);
  void forgetLagsUsing(const Expr *target);
  void noteCheckedWidth(const Use &use);
  void reason(ReasonCode code, const std::string &message, SourceLocation loc,
              std::string callee = {});
  void fireExternalCall(const Use &use);
  bool isOptnameRef(const Expr *e) const;
  void narrowOptions(const std::string &label, bool equal);
  void listOption(const std::string &label);
  bool isDefaultPath(const std::string &label) const;
  void nameOption(const std::string &label, const Expr *value);
  std::optional<int64_t> optnameBound() const;
  std::optional<int64_t> evalWithOptname(const Expr *e, int64_t optname) const;
  static const Expr *withoutExpect(const Expr *e);
  std::vector<std::string> via() const;
  std::string labelText(const Expr *e) const;

  Classifier &owner_;
  const FunctionDecl *fn_;
  std::map<const Use *, UseFact> &facts_;
  bool has_length_param_;
  const ParmVarDecl *optname_;
  Implementation &impl_;
  std::map<std::string, int64_t> label_values_; // optname case label -> value
  std::set<const Use *> unreached_findings_;
  /// Variables that position an access inside optval (`out_offset` in
  /// copy_to_sockptr_offset(optval, out_offset, ...)).
  std::set<const VarDecl *> offset_vars_;
  const SourceManager &sm_;
  llvm::DenseMap<const Stmt *, std::vector<const Use *>> by_anchor_;
  std::set<const VarDecl *> index_vars_; // `pos` of `optval + pos`
  State st_;
  std::vector<std::vector<State>> break_targets_;
  /// Labels a goto reaches from a path that handed optval/optlen to another
  /// unit (net/atm/svc.c: `error = vcc_getsockopt(...); goto out;`).
  std::set<const LabelDecl *> handed_off_labels_;
  /// Length variables compared with `>`/`>=` by the enclosing if conditions.
  /// `if (len > limit)`: the length variable and its limit, for the
  /// enclosing if conditions (the clamp `len = limit;` keeps len bounded).
  std::vector<std::pair<const VarDecl *, const Expr *>> clamped_;
  /// The function's budget counters (analysis/BudgetCounters.h), found at
  /// the first write whose size is not the length.
  std::optional<std::map<const VarDecl *, Budget>> budgets_;
  /// The least bound of the success returns seen so far, and whether one
  /// had none (Summary::success_bound).
  std::optional<int64_t> success_bound_;
  bool success_unbounded_ = false;
  /// Locals holding the result of a helper with a success bound, and that
  /// bound: `len = mptcp_get_subflow_data(...)`, then `if (len < 0)`.
  std::map<const VarDecl *, int64_t> result_bounds_;
  /// The locals whose address the function takes, found on first use.
  mutable std::optional<std::set<const VarDecl *>> address_taken_;
  /// The locals the function assigns after their declaration.
  mutable std::optional<std::set<const VarDecl *>> assigned_;
  Classifier::Summary summary_;
};

std::vector<std::string> PathWalker::via() const {
  std::vector<std::string> chain;
  for (const FunctionDecl *f : owner_.in_progress_)
    chain.push_back(f->getNameAsString());
  return chain;
}

/// A reason on this path, with the options of the path.
void PathWalker::reason(ReasonCode code, const std::string &message, SourceLocation loc,
                        std::string callee) {
  addReason(impl_.reasons,
            {code, message, pointOf(sm_, loc), via(), st_.optname_options, std::move(callee)});
}

/// The condition inside `unlikely(c)`, i.e. `__builtin_expect(!!(c), 0)`.
const Expr *PathWalker::withoutExpect(const Expr *e) {
  e = e->IgnoreParenImpCasts();
  if (const auto *call = dyn_cast<CallExpr>(e);
      call && call->getBuiltinCallee() == Builtin::BI__builtin_expect && call->getNumArgs() == 2) {
    e = call->getArg(0)->IgnoreParenImpCasts();
    for (int i = 0; i < 2; ++i)
      if (const auto *neg = dyn_cast<UnaryOperator>(e); neg && neg->getOpcode() == UO_LNot)
        e = neg->getSubExpr()->IgnoreParenImpCasts();
  }
  return e;
}

/// `e` with optname replaced by a value: the arithmetic of macros such as
/// include/linux/atmdev.h's __SO_SIZE(). Anything else is unknown.
std::optional<int64_t> PathWalker::evalWithOptname(const Expr *e, int64_t optname) const {
  e = e->IgnoreParenImpCasts();
  if (isOptnameRef(e))
    return optname;
  if (auto v = e->getIntegerConstantExpr(owner_.ctx_))
    return v->getExtValue();
  if (const auto *cast_expr = dyn_cast<CStyleCastExpr>(e))
    return evalWithOptname(cast_expr->getSubExpr(), optname);
  if (const auto *un = dyn_cast<UnaryOperator>(e)) {
    auto v = evalWithOptname(un->getSubExpr(), optname);
    if (!v)
      return std::nullopt;
    switch (un->getOpcode()) {
    case UO_Minus: return -*v;
    case UO_Not: return ~*v;
    case UO_LNot: return int64_t(!*v);
    default: return std::nullopt;
    }
  }
  if (const auto *bin = dyn_cast<BinaryOperator>(e)) {
    auto a = evalWithOptname(bin->getLHS(), optname), b = evalWithOptname(bin->getRHS(), optname);
    if (!a || !b)
      return std::nullopt;
    switch (bin->getOpcode()) {
    case BO_Add: return *a + *b;
    case BO_Sub: return *a - *b;
    case BO_Mul: return *a * *b;
    case BO_And: return *a & *b;
    case BO_Or: return *a | *b;
    case BO_Xor: return *a ^ *b;
    case BO_Shl: return *b >= 0 && *b < 63 ? std::optional<int64_t>(*a << *b) : std::nullopt;
    case BO_Shr: return *b >= 0 && *b < 63 ? std::optional<int64_t>(*a >> *b) : std::nullopt;
    default: return std::nullopt;
    }
  }
  return std::nullopt;
}

/// The value of the option-dependent bound on this path, when the path
/// belongs to a single option.
std::optional<int64_t> PathWalker::optnameBound() const {
  if (!st_.optname_bound || st_.optname_options.size() != 1)
    return std::nullopt;
  auto it = label_values_.find(st_.optname_options.front());
  if (it == label_values_.end())
    return std::nullopt;
  return evalWithOptname(st_.optname_bound, it->second);
}

/// Whether this path is the default of the options named so far, and
/// `label` none of them.
bool PathWalker::isDefaultPath(const std::string &label) const {
  const auto &opts = st_.optname_options;
  const auto &all = impl_.option_labels;
  return std::find(opts.begin(), opts.end(), "default") != opts.end() &&
         std::find(all.begin(), all.end(), label) == all.end();
}

/// `label` among the options of the implementation, once.
void PathWalker::listOption(const std::string &label) {
  auto &labels = impl_.option_labels;
  if (std::find(labels.begin(), labels.end(), label) == labels.end())
    labels.push_back(label);
}

/// `label`, spelt `value`, an option of the implementation that a test of
/// optname names rather than a case label.
void PathWalker::nameOption(const std::string &label, const Expr *value) {
  listOption(label);
  if (auto v = value->getIntegerConstantExpr(owner_.ctx_))
    label_values_[label] = v->getExtValue();
}

/// On the branch where optname is (not) `label`, keep only the case labels
/// that agree.
void PathWalker::narrowOptions(const std::string &label, bool equal) {
  auto &opts = st_.optname_options;
  auto it = std::find(opts.begin(), opts.end(), label);
  if (it == opts.end())
    return;
  if (equal)
    opts = {label};
  else if (opts.size() > 1)
    opts.erase(it);
}

bool PathWalker::isOptnameRef(const Expr *e) const {
  if (!optname_ || !e)
    return false;
  const auto *ref = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts());
  return ref && ref->getDecl() == optname_;
}

/// optval/optlen handed to a function whose body is elsewhere: the calling
/// context goes with it, so the whole-tree analysis can follow it there.
void PathWalker::fireExternalCall(const Use &use) {
  std::string callee = use.callee->getNameAsString();
  for (const auto &[index, role] : use.callee_pointers) {
    std::string what = roleName(role);
    if (use.header_stub && use.stub_branch)
      reason(ReasonCode::ConfigStub,
             llvm::formatv("{0} is passed to {1}(), the static inline stub that this "
                           "configuration selects ({2}); the real function is not compiled",
                           what, callee, use.stub_branch->why),
             use.loc, callee);
    else
      reason(ReasonCode::PassedToExternalFunction,
             llvm::formatv("{0} is passed to {1}(), defined outside this translation unit",
                           what, callee),
             use.loc, callee);
  }
  auto [slot, inserted] =
      owner_.external_index_.try_emplace({&impl_, use.call}, impl_.external_calls.size());
  if (!inserted) {
    ExternalCall &known = impl_.external_calls[slot->second];
    for (const auto &[index, role] : use.callee_pointers) {
      std::pair<unsigned, std::string> p{index, roleName(role)};
      if (std::find(known.context.pointers.begin(), known.context.pointers.end(), p) ==
          known.context.pointers.end())
        known.context.pointers.push_back(p);
    }
    return;
  }
  ExternalCall call;
  call.callee = callee;
  call.where = pointOf(sm_, use.loc);
  for (const auto &[index, role] : use.callee_pointers)
    call.context.pointers.emplace_back(index, roleName(role));
  for (unsigned i = 0; i < use.call->getNumArgs(); ++i) {
    if (usesLength(use.call->getArg(i)))
      call.context.length_values.push_back(i);
    if (isOptnameRef(use.call->getArg(i)))
      call.context.optname = int(i);
  }
  call.context.optlen_read = st_.optlen_read;
  call.context.checked_bound = st_.checked_bound;
  call.context.checked_unknown = st_.checked_unknown;
  call.via = via();
  call.options = st_.optname_options;
  if (use.header_stub)
    call.resolution = use.stub_branch ? Resolution::ConfigStub : Resolution::HeaderInline;
  impl_.external_calls.push_back(std::move(call));
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
  return sockopt::sameValue(a, b, owner_.ctx_);
}

static void collectVars(const Expr *e, std::set<const VarDecl *> &vars) {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::set<const VarDecl *> *vars;
    bool VisitDeclRefExpr(DeclRefExpr *ref) {
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && var->isLocalVarDecl())
        vars->insert(var);
      return true;
    }
  } finder;
  finder.vars = &vars;
  finder.TraverseStmt(const_cast<Expr *>(e));
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
void PathWalker::noteAssignment(const VarDecl *target, const Expr *value, bool compound,
                                bool grows) {
  if (target) {
    result_bounds_.erase(target);
    std::optional<int64_t> max = compound ? std::nullopt : maxOf(value);
    if (max)
      st_.maxima[target] = *max;
    else
      st_.maxima.erase(target);
    auto c = compound || value->isValueDependent() ? std::nullopt
                                                   : value->getIntegerConstantExpr(owner_.ctx_);
    if (c)
      st_.values[target] = c->getExtValue();
    else
      st_.values.erase(target);
  }
  if (!target || !target->getType()->isIntegerType())
    return;
  // `len -= hdr`, `len >>= 1` keep a length within the buffer; `len += 4`
  // may take it past (and `len = 0; len += sizeof(v);` must not pass for a
  // zero-length write).
  if (compound) {
    if (grows && st_.lengths.erase(target))
      st_.lost_lengths[target] = st_.options;
    return;
  }
  // The clamp `if (len > sizeof(int)) len = sizeof(int);` keeps len within
  // what the caller declared.
  for (const auto &[var, limit] : clamped_)
    if (var == target && sameValue(limit, value))
      return;
  // A constant no larger than what the path already checked the length
  // against is within the caller's buffer too (xsk: `if (len < sizeof(v1))
  // return -EINVAL; ... stats_size = sizeof(v1);`). A length reset to zero
  // stays one: a copy of zero bytes writes nothing, before and after the
  // conversion (net/can/raw.c raw_getsockopt(), CAN_RAW_FILTER without
  // filters: `len = 0`, then `copy_to_user(optval, filter, len)` after the
  // paths meet). A fresh `int pos = 0` is no length.
  if (auto c = value->getIntegerConstantExpr(owner_.ctx_);
      c && c->getExtValue() >= 0 &&
      (c->getExtValue() == 0 ? st_.lengths.count(target) > 0
                             : st_.checked_unknown ||
                                   st_.checked_bound.value_or(0) >= c->getExtValue())) {
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
/// with zero or below (`len < 0`) says nothing about the width. A
/// comparison that is the right operand of `guard &&` checks nothing where
/// `guard` is false: only a bound that depends on optname is kept, with its
/// guard (net/atm/common.c vcc_getsockopt(): `__SO_LEVEL_MATCH(optname,
/// level) && len != __SO_SIZE(optname)` compares nothing at a level other
/// than SOL_ATM, include/uapi/linux/atm.h).
void PathWalker::noteComparison(const BinaryOperator *cmp, const Expr *guard) {
  const Expr *lhs = cmp->getLHS(), *rhs = cmp->getRHS();
  BinaryOperatorKind op = cmp->getOpcode();
  // `if (len < 0) return len;` after `len = helper(...)`: past it, optlen
  // was checked as the helper's successful returns checked it.
  if (const VarDecl *result = varOf(lhs);
      result && !guard && op == BO_LT && !rhs->isValueDependent()) {
    auto bound = result_bounds_.find(result);
    auto zero = rhs->getIntegerConstantExpr(owner_.ctx_);
    if (bound != result_bounds_.end() && zero && zero->isZero())
      st_.checked_bound = std::max(st_.checked_bound.value_or(0), bound->second);
  }
  if (isLengthRef(rhs) && !isLengthRef(lhs)) {
    std::swap(lhs, rhs);
    op = BinaryOperator::reverseComparisonOp(op);
  }
  if (!isLengthRef(lhs)) {
    // `len - pos < sizeof(u32)`, `space_left < addrlen`: a check whose bound
    // depends on the path; the write it guards is assumed covered.
    if (!guard && (usesLength(cmp->getLHS()) || usesLength(cmp->getRHS())))
      st_.checked_unknown = true;
    return;
  }
  if (op != BO_LT && op != BO_LE && op != BO_NE && op != BO_EQ)
    return;
  if (optname_ && refersTo(rhs, optname_) && !rhs->isValueDependent()) {
    st_.optname_bound = rhs;
    st_.optname_bound_exact = op == BO_NE || op == BO_EQ;
    st_.optname_bound_guard = guard;
    return;
  }
  if (guard)
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

void PathWalker::noteSequence(const Use &use, Extent at, Extent end, bool in_step) {
  UseFact &fact = facts_[&use];
  fact.seen = true;
  bool exact = at.kind == Extent::Exact &&
               (end.kind == Extent::None ? at.value == 0
                                         : end.kind == Extent::Exact && end.value == at.value);
  fact.sequential &= (exact || in_step) && !st_.handed_off;
}

/// The access lands exactly where the last write ended, though the offsets
/// are not constants: through a cursor that is in step with the writes.
bool PathWalker::inStep(const Address &a) const {
  if (!a.cursor || a.offset != 0)
    return false;
  auto it = st_.lags.find(a.cursor);
  return it != st_.lags.end() && it->second.inStep();
}

/// After a write: the cursor it went through now lags the write end by what
/// was written; every other cursor loses track.
void PathWalker::noteWriteLag(const Use &use, bool sequential) {
  std::optional<Lag> lag;
  if (sequential && use.address.cursor && use.address.offset == 0) {
    if (use.width)
      lag = Lag{int64_t(*use.width), nullptr};
    else if (use.size)
      lag = Lag{0, use.size};
  }
  st_.lags.clear();
  if (lag)
    st_.lags[use.address.cursor] = *lag;
}

/// `pos = 0`, `pos += sizeof(u32)`: the value of an integer added to optval.
void PathWalker::noteIndexChange(const Expr *target, const Expr *value, BinaryOperatorKind op) {
  const auto *ref = dyn_cast<DeclRefExpr>(target->IgnoreParenImpCasts());
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  if (!var || !index_vars_.count(var))
    return;
  std::optional<llvm::APSInt> c;
  if (value)
    c = value->getIntegerConstantExpr(owner_.ctx_);
  Extent &pos = st_.cursors[var];
  if (op == BO_Assign && c)
    pos = {Extent::Exact, c->getExtValue()};
  else if ((op == BO_AddAssign || op == BO_SubAssign) && c && pos.kind == Extent::Exact)
    pos.value += (op == BO_AddAssign ? 1 : -1) * c->getExtValue();
  else
    pos = {Extent::Unknown, 0};
}

/// A variable the lag of a cursor was measured in changes: that lag is lost.
void PathWalker::forgetLagsUsing(const Expr *target) {
  const auto *ref = dyn_cast<DeclRefExpr>(target->IgnoreParenImpCasts());
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  if (!var)
    return;
  for (auto it = st_.lags.begin(); it != st_.lags.end();)
    it = it->second.size && refersTo(it->second.size, var) ? st_.lags.erase(it) : std::next(it);
}

void PathWalker::noteCheckedWidth(const Use &use) {
  if (st_.checked_bound && !st_.checked_unknown)
    facts_[&use].checked_widths.insert(*st_.checked_bound);
}

Extent PathWalker::resolve(const Address &a) const {
  Extent base{Extent::Exact, 0};
  if (a.cursor || a.index) {
    auto it = st_.cursors.find(a.cursor ? a.cursor : a.index);
    base = it == st_.cursors.end() ? Extent{Extent::Unknown, 0} : it->second;
  }
  if (!a.offset || base.kind == Extent::Unknown || base.kind == Extent::None)
    return {Extent::Unknown, 0};
  return {base.kind, base.value + *a.offset};
}

/// Where an access lands: its address, or for an offset held in a local
/// variable, the variable's value on this path.
Extent PathWalker::resolveAccess(const Use &use) const {
  if (!use.address.offset && use.offset_var)
    if (auto it = st_.values.find(use.offset_var); it != st_.values.end()) {
      Address a = use.offset_base;
      if (a.offset)
        a.offset = *a.offset + it->second;
      return resolve(a);
    }
  return resolve(use.address);
}

/// The transfer function of the path walk: what one use does to the state of
/// the path that reaches it (`st_`), and what it reports there. One case per
/// kind of use; the longer cases have a function of their own below.
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
    break;
  case UseKind::Finding:
    unreached_findings_.erase(&use);
    reason(use.code, use.message, use.loc);
    break;
  case UseKind::ExternalCall:
    // Passing `opt` on is sequential when the callee starts where optval
    // starts: nothing was read or written before on this path.
    noteSequence(use, {Extent::Exact, 0}, st_.write_end, false);
    noteSequence(use, {Extent::Exact, 0}, st_.read_end, false);
    fireExternalCall(use);
    st_.handed_off = true;
    break;
  case UseKind::ReadOptval:
    fireReadOptval(use);
    break;
  case UseKind::WriteOptval:
    fireWriteOptval(use);
    break;
  case UseKind::CursorInit:
    fireCursorInit(use);
    break;
  case UseKind::CursorAdvance:
    fireCursorAdvance(use);
    break;
  case UseKind::HelperCall:
    fireHelperCall(use);
    break;
  }
}

/// A read of optval: where it lands relative to the reads and writes before
/// it on this path.
void PathWalker::fireReadOptval(const Use &use) {
  noteCheckedWidth(use);
  noteSequence(use, resolveAccess(use), st_.read_end);
  if (st_.written)
    reason(ReasonCode::OptvalReread,
           "optval is read after it was written; the iterators cannot read back "
           "what was written",
           use.loc);
  Extent at = resolveAccess(use);
  if (at.kind == Extent::Unknown)
    reason(ReasonCode::ComputedOffsetRead, "optval is read at an offset computed at run time",
           use.loc);
  else if (at.kind == Extent::Exact && st_.read_end.kind != Extent::None &&
           at.value < st_.read_end.value)
    reason(ReasonCode::OutOfOrderRead,
           llvm::formatv("optval is read at offset {0} after reading up to offset {1}", at.value,
                         st_.read_end.value),
           use.loc);
  if (at.kind == Extent::Exact && use.width)
    st_.read_end = Extent::after(st_.read_end, {Extent::Exact, at.value + int64_t(*use.width)});
  else if (at.kind != Extent::Unknown)
    st_.read_end = Extent::after(st_.read_end, {Extent::AtLeast, at.value});
}

/// A write to optval: where it lands relative to the writes before it on
/// this path, and whether the caller's optlen covers it.
void PathWalker::fireWriteOptval(const Use &use) {
  summary_.writes_optval = true;
  noteCheckedWidth(use);
  Extent at = resolveAccess(use);
  noteSequence(use, at, st_.write_end, inStep(use.address));
  noteWriteLag(use, facts_[&use].sequential);
  if (at.kind == Extent::Unknown) {
    reason(ReasonCode::ComputedOffsetWrite,
           "optval is written at an offset computed at run time, not by a "
           "sequential cursor",
           use.loc);
    st_.computed_write = true;
  } else if (at.kind == Extent::Exact && st_.computed_write) {
    reason(ReasonCode::OutOfOrderWrite,
           llvm::formatv("optval is written at offset {0} after writes at offsets computed "
                         "at run time: it may go back to bytes already written",
                         at.value),
           use.loc);
  } else if (at.kind == Extent::Exact && st_.write_end.kind != Extent::None &&
             at.value < st_.write_end.value) {
    reason(ReasonCode::OutOfOrderWrite,
           llvm::formatv("optval is written at offset {0} after a write that reached "
                         "offset {1}",
                         at.value, st_.write_end.value),
           use.loc);
  }
  // A write of a fixed width on such a path is the short-buffer change
  // predicted by checkShortBuffer() (hci_sock's BT_SNDMTU): copy_to_iter()
  // stops at the caller's optlen where put_user() wrote past it.
  if (!st_.optlen_read && !has_length_param_ && !use.width)
    reason(ReasonCode::OptlenIgnored,
           "optval is written on a path that never reads optlen: the caller's buffer "
           "size is ignored",
           use.loc);

  bool bounded = use.size && (usesLength(use.size) || withinBudget(use.size, at) ||
                              withinCheckedBound(use.size, at));
  if (!bounded)
    checkShortBuffer(use, at);
  if (at.kind == Extent::Exact && use.width)
    st_.write_end = Extent::after(st_.write_end, {Extent::Exact, at.value + int64_t(*use.width)});
  else if (at.kind != Extent::Unknown)
    st_.write_end = Extent::after(st_.write_end, {Extent::AtLeast, at.value});
  st_.written = true;
}

/// The most `e` can be on this path: a constant, a local known to be at
/// most one, `strlen(a)` of a char array `a` (less than its size: the
/// string ends inside it), and their sums.
std::optional<int64_t> PathWalker::maxOf(const Expr *e) const {
  e = e->IgnoreParenImpCasts();
  if (const auto *choose = dyn_cast<ChooseExpr>(e)) // fortify's strlen()
    return choose->isConditionDependent() ? std::nullopt : maxOf(choose->getChosenSubExpr());
  if (!e->isValueDependent())
    if (auto c = e->getIntegerConstantExpr(owner_.ctx_))
      return c->isNegative() ? std::nullopt : std::optional<int64_t>(c->getExtValue());
  if (const auto *ref = dyn_cast<DeclRefExpr>(e)) {
    const auto *var = dyn_cast<VarDecl>(ref->getDecl());
    // A local whose address is taken may change behind the walk's back
    // (sctp_copy_laddrs(..., &bytes_copied)).
    if (!var || addressTaken().count(var))
      return std::nullopt;
    if (auto it = st_.values.find(var); it != st_.values.end() && it->second >= 0)
      return it->second;
    if (auto it = st_.maxima.find(var); it != st_.maxima.end())
      return it->second;
    // The locals of min_t()'s statement expression (include/linux/minmax.h
    // __cmp_once_unique()), set once where they are declared.
    if (var->isLocalVarDecl() && var->getInit() && !assigned().count(var))
      return maxOf(var->getInit());
    return std::nullopt;
  }
  // min_t(type, x, y): `({ type ux = (x); type uy = (y); ux < uy ? ux : uy; })`.
  if (const auto *block = dyn_cast<StmtExpr>(e)) {
    const CompoundStmt *body = block->getSubStmt();
    const auto *last = body->body_empty() ? nullptr : dyn_cast<Expr>(body->body_back());
    return last ? maxOf(last) : std::nullopt;
  }
  if (const auto *pick = dyn_cast<ConditionalOperator>(e)) {
    const auto *cmp = dyn_cast<BinaryOperator>(pick->getCond()->IgnoreParenImpCasts());
    if (cmp && (cmp->getOpcode() == BO_LT || cmp->getOpcode() == BO_LE) &&
        sameValue(cmp->getLHS(), pick->getTrueExpr()) &&
        sameValue(cmp->getRHS(), pick->getFalseExpr())) {
      auto a = maxOf(pick->getTrueExpr()), b = maxOf(pick->getFalseExpr());
      if (a && b)
        return std::min(*a, *b);
      return a ? a : b;
    }
    auto a = maxOf(pick->getTrueExpr()), b = maxOf(pick->getFalseExpr());
    return a && b ? std::optional<int64_t>(std::max(*a, *b)) : std::nullopt;
  }
  if (const auto *sum = dyn_cast<BinaryOperator>(e); sum && sum->getOpcode() == BO_Add) {
    auto a = maxOf(sum->getLHS()), b = maxOf(sum->getRHS());
    return a && b ? std::optional<int64_t>(*a + *b) : std::nullopt;
  }
  // strlen() of a char array: include/linux/fortify-string.h turns it into
  // __builtin_strlen() or __fortify_strlen().
  const auto *call = dyn_cast<CallExpr>(e);
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee || call->getNumArgs() != 1 ||
      !llvm::is_contained({"strlen", "__builtin_strlen", "__fortify_strlen"}, callee->getName()))
    return std::nullopt;
  const auto *ref = dyn_cast<DeclRefExpr>(call->getArg(0)->IgnoreParenImpCasts());
  const auto *array = ref ? owner_.ctx_.getAsConstantArrayType(ref->getType()) : nullptr;
  if (!array || owner_.ctx_.getTypeSizeInChars(array->getElementType()).getQuantity() != 1 ||
      array->getSize().isZero())
    return std::nullopt;
  return int64_t(array->getSize().getZExtValue()) - 1;
}

/// The local `call`'s result is stored in: `v = call(...)` or `int v =
/// call(...)`.
const VarDecl *PathWalker::assignedResult(const CallExpr *call) const {
  const Stmt *at = call;
  for (;;) {
    auto parents = owner_.ctx_.getParents(*at);
    if (parents.size() != 1)
      return nullptr;
    if (const auto *e = parents[0].get<Expr>(); e && isa<ImplicitCastExpr, ParenExpr>(e)) {
      at = e;
      continue;
    }
    if (const auto *var = parents[0].get<VarDecl>())
      return var->isLocalVarDecl() ? var : nullptr;
    const auto *assign = parents[0].get<BinaryOperator>();
    if (!assign || assign->getOpcode() != BO_Assign || assign->getRHS()->IgnoreParenImpCasts() != call)
      return nullptr;
    return varOf(assign->getLHS());
  }
}

/// A return on a live path: unless it returns a negative constant (an
/// error), the bound this path checked optlen to be limits the summary's.
void PathWalker::noteReturn(const Expr *value) {
  if (st_.dead)
    return;
  if (value && !value->isValueDependent())
    if (auto c = value->getIntegerConstantExpr(owner_.ctx_); c && c->isNegative())
      return;
  if (!st_.checked_bound) {
    success_unbounded_ = true;
    return;
  }
  success_bound_ = std::min(success_bound_.value_or(*st_.checked_bound), *st_.checked_bound);
}

const std::set<const VarDecl *> &PathWalker::addressTaken() const {
  if (!address_taken_) {
    // `&len` converted to a pointer to const is only read through
    // (copy_to_sockptr(optlen, &len, sizeof(int))).
    struct Finder : RecursiveASTVisitor<Finder> {
      std::set<const VarDecl *> vars;
      std::set<const UnaryOperator *> read_only;
      bool VisitImplicitCastExpr(ImplicitCastExpr *cast) {
        QualType to = cast->getType();
        if (const auto *op = dyn_cast<UnaryOperator>(cast->getSubExpr()->IgnoreParens());
            op && to->isPointerType() && to->getPointeeType().isConstQualified())
          read_only.insert(op);
        return true;
      }
      bool VisitUnaryOperator(UnaryOperator *op) {
        if (op->getOpcode() == UO_AddrOf && !read_only.count(op))
          if (const auto *ref = dyn_cast<DeclRefExpr>(op->getSubExpr()->IgnoreParens()))
            if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
              vars.insert(var);
        return true;
      }
    } finder;
    finder.TraverseStmt(fn_->getBody());
    address_taken_ = std::move(finder.vars);
  }
  return *address_taken_;
}

const std::set<const VarDecl *> &PathWalker::assigned() const {
  if (!assigned_)
    assigned_ = assignedVariables(fn_->getBody());
  return *assigned_;
}

/// A write of a size that is at most what the path checked optlen to be
/// at least, past its offset: within the caller's buffer
/// (sock_getbindtodevice(): `len < IFNAMSIZ` goes out, then
/// `copy_to_sockptr(optval, devname, strlen(devname) + 1)`).
bool PathWalker::withinCheckedBound(const Expr *size, Extent at) const {
  std::optional<int64_t> max = maxOf(size);
  return max && at.kind == Extent::Exact && st_.checked_bound &&
         at.value + *max <= *st_.checked_bound;
}

/// A write of `size` bytes at `at` where `size` is a counter kept within a
/// budget that started as `len - K` (or `len`) with K at least `at`, on a
/// path that checked len to be at least K: it stays within the caller's
/// buffer (net/sctp/socket.c sctp_getsockopt_local_addrs(), whose
/// `copy_to_user(to, addrs, bytes_copied)` writes at offset K =
/// offsetof(struct sctp_getaddrs, addrs) after `len < sizeof(struct
/// sctp_getaddrs)` returned -EINVAL).
bool PathWalker::withinBudget(const Expr *size, Extent at) {
  const VarDecl *counter = varOf(size);
  if (!counter || at.kind != Extent::Exact)
    return false;
  if (!budgets_)
    budgets_ = findBudgetCounters(fn_, owner_.ctx_);
  auto it = budgets_->find(counter);
  if (it == budgets_->end())
    return false;
  const Expr *initial = it->second.initial->IgnoreParenImpCasts();
  int64_t reserved = 0; // K
  if (const auto *sub = dyn_cast<BinaryOperator>(initial); sub && sub->getOpcode() == BO_Sub) {
    auto k = sub->getRHS()->getIntegerConstantExpr(owner_.ctx_);
    if (!k || k->isNegative())
      return false;
    reserved = k->getExtValue();
    initial = sub->getLHS();
  }
  if (!isLengthRef(initial) || at.value > reserved)
    return false;
  return reserved == 0 || st_.checked_unknown || st_.checked_bound.value_or(0) >= reserved;
}

/// A write at `at` whose size is not the length: unless the path checked
/// optlen against enough bytes, it changes behaviour with a short buffer.
void PathWalker::checkShortBuffer(const Use &use, Extent at) {
  // A write whose size is neither constant nor the length is covered
  // only by a check against something other than a constant.
  int64_t need = use.width ? (at.kind == Extent::Exact ? at.value : 0) + int64_t(*use.width)
                           : std::numeric_limits<int64_t>::max();
  std::optional<int64_t> option_bound = st_.optname_bound ? optnameBound() : std::nullopt;
  if (use.width && checkNarrowing(use, at, need, option_bound))
    return;
  bool checked = st_.checked_unknown || st_.checked_bound.value_or(0) >= need;
  if (!checked && st_.optname_bound)
    checked = !st_.optname_bound_guard && (!option_bound || *option_bound >= need);
  if (!checked)
    addShortBufferChange(use, need);
}

/// `len == C` (op BO_EQ) or `len != C` (BO_NE) as a whole condition: C.
std::optional<int64_t> PathWalker::lengthConstant(const Expr *cond,
                                                  BinaryOperatorKind op) const {
  const auto *cmp = dyn_cast<BinaryOperator>(cond->IgnoreParenImpCasts());
  if (!cmp || cmp->getOpcode() != op)
    return std::nullopt;
  const Expr *other = isLengthRef(cmp->getLHS())   ? cmp->getRHS()
                      : isLengthRef(cmp->getRHS()) ? cmp->getLHS()
                                                   : nullptr;
  auto c = other ? other->getIntegerConstantExpr(owner_.ctx_) : std::nullopt;
  if (!c || c->getExtValue() <= 0)
    return std::nullopt;
  return c->getExtValue();
}

/// A fixed-width write wider than the length the path checks optlen to be
/// writes past the caller's buffer on every call, and converted as it is
/// would fail on every call. A put_user() of an integer at the start of
/// optval is narrowed to that length instead (narrowed-store), when every
/// path to it checks the same one; anything else needs a person. Returns
/// whether the write was such a one.
bool PathWalker::checkNarrowing(const Use &use, Extent at, int64_t need,
                                std::optional<int64_t> option_bound) {
  UseFact &fact = facts_[&use];
  // The lengths optlen is checked to be: the option's own size (`len !=
  // __SO_SIZE(optname)`, perhaps only where its guard holds), or the
  // constants of the paths joined here.
  std::set<int64_t> exacts = st_.exact_lengths;
  bool some_unchecked = st_.not_exact;
  if (option_bound && st_.optname_bound_exact)
    exacts = {*option_bound}, some_unchecked = false;
  std::optional<int64_t> exact;
  for (int64_t length : exacts)
    if (length < need)
      exact = length;
  if (!exact) {
    fact.unpinned = true;
    if (!fact.exact_lengths.empty())
      reason(ReasonCode::WiderThanCheckedLength,
             llvm::formatv("{0} writes {1} bytes, and not every path to it checks optlen to "
                           "be the same smaller length",
                           use.op, *use.width),
             use.loc);
    return false;
  }
  fact.exact_lengths.insert(*exact);
  QualType type =
      use.invocation ? use.pointer->getType()->getPointeeType() : QualType();
  bool narrowable = use.invocation && type->isIntegerType() && at.kind == Extent::Exact &&
                    at.value == 0 && (*exact == 1 || *exact == 2 || *exact == 4);
  // Paths joined here that disagree (one without the check, two lengths),
  // or an earlier walk that reached the write unchecked.
  bool mixed = some_unchecked || exacts.size() > 1 || fact.unpinned;
  if (!narrowable || mixed || fact.exact_lengths.size() > 1) {
    reason(ReasonCode::WiderThanCheckedLength,
           llvm::formatv("{0} writes {1} bytes where optlen is checked to be exactly {2}{3}: "
                         "past the caller's buffer on every such call, and converted it "
                         "would fail on every one",
                         use.op, need, *exact, mixed ? " on some paths to it" : ""),
           use.loc);
    return true;
  }
  addNarrowedChange(use, need, *exact);
  return true;
}

/// The options of the path to `use`. The paths where the size stopped
/// being the length name theirs (ax25: SO_BINDTODEVICE sets length =
/// strlen(devname) + 1).
std::vector<std::string> PathWalker::optionsOf(const Use &use) const {
  if (use.size)
    for (const auto &[var, opts] : st_.lost_lengths)
      if (refersTo(use.size, var))
        return opts;
  return st_.options;
}

/// The narrowed-store change of a put_user() of `need` bytes where optlen
/// is checked to be exactly `narrowed`, once per place and option.
void PathWalker::addNarrowedChange(const Use &use, int64_t need, int64_t narrowed) {
  BehaviourChange change = changeAt(ChangeCode::NarrowedStore, use);
  change.width = unsigned(need);
  change.narrowed_to = unsigned(narrowed);
  change.old_result = llvm::formatv("{0} writes {1} bytes where optlen is checked to be exactly "
                                    "{2}: {3} past the caller's buffer, and succeeds",
                                    use.op, need, narrowed, need - narrowed)
                          .str();
  change.new_result =
      llvm::formatv("writes {0} bytes: the value as a {0}-byte integer", narrowed).str();
  if (st_.optname_bound_guard)
    change.new_result +=
        llvm::formatv("; where {0} is false (optlen is not checked there): {1} bytes instead "
                      "of {2}, and -EFAULT when optlen < {1}",
                      labelText(st_.optname_bound_guard), narrowed, need)
            .str();
  addChange(std::move(change));
}

/// The short-buffer change of a write that needs `need` bytes, once per
/// place and option.
void PathWalker::addShortBufferChange(const Use &use, int64_t need) {
  BehaviourChange change = changeAt(ChangeCode::ShortBufferEfault, use);
  change.width = unsigned(use.width.value_or(0));
  change.old_result = use.width ? llvm::formatv("{0} writes {1} byte{2} even when optlen is "
                                                "smaller, and succeeds",
                                                use.op, *use.width, *use.width == 1 ? "" : "s")
                                      .str()
                                : use.op + " writes its full length even when optlen is smaller, "
                                           "and succeeds";
  change.new_result = use.width ? llvm::formatv("-EFAULT when optlen < {0}", need).str()
                                 : "-EFAULT when optlen is shorter than the value";
  if (st_.optname_bound_guard && use.width)
    change.new_result += llvm::formatv(" where {0} is false (optlen is not checked there)",
                                       labelText(st_.optname_bound_guard))
                             .str();
  addChange(std::move(change));
}

/// A change of kind `code` at `use`: its function, place, chain and the
/// options of the path.
BehaviourChange PathWalker::changeAt(ChangeCode code, const Use &use) const {
  BehaviourChange change;
  change.code = code;
  change.function = fn_->getNameAsString();
  for (const std::string &o : optionsOf(use))
    change.option += (change.option.empty() ? "" : "|") + o;
  change.where = pointOf(sm_, use.loc);
  change.via = via();
  return change;
}

/// Records `change`, once per place and option.
void PathWalker::addChange(BehaviourChange change) {
  for (const BehaviourChange &c : impl_.behaviour_changes)
    if (samePoint(c.where, change.where) && c.option == change.option)
      return;
  impl_.behaviour_changes.push_back(std::move(change));
}

/// `p = optval + k`: the cursor points at k, and is in step with the writes
/// when k is exactly where the last write ended.
void PathWalker::fireCursorInit(const Use &use) {
  Extent at = resolve(use.address);
  st_.cursors[use.var] = at;
  Extent end = st_.write_end;
  if (at.kind == Extent::Exact && use.address.offset &&
      (end.kind == Extent::None ? at.value == 0
                                : end.kind == Extent::Exact && end.value == at.value))
    st_.lags[use.var] = Lag{};
  else
    st_.lags.erase(use.var);
}

/// `p += n`, `p++`, sockptr_advance(): the cursor moves, and stays in step
/// only if it moves by what the last write wrote.
void PathWalker::fireCursorAdvance(const Use &use) {
  Extent &pos = st_.cursors[use.var];
  if (use.advance && *use.advance < 0) {
    reason(ReasonCode::ComputedOffsetWrite,
           llvm::formatv("cursor '{0}' moves backwards", use.var->getName()), use.loc);
    pos = {Extent::Unknown, 0};
  } else if (pos.kind == Extent::Exact && use.advance) {
    pos.value += *use.advance;
  } else if (pos.kind != Extent::Unknown) {
    pos.kind = Extent::AtLeast;
  }
  // The iterator advances by what was written: the cursor move can go
  // only where it lands exactly at the end of the last write.
  bool in_step = false;
  if (auto lag = st_.lags.find(use.var); lag != st_.lags.end()) {
    const Lag &l = lag->second;
    in_step = (!l.size && use.advance && *use.advance == l.bytes) ||
              (l.size && l.bytes == 0 && use.size && sameValue(use.size, l.size));
    if (in_step)
      lag->second = Lag{};
    else
      st_.lags.erase(lag);
  }
  noteSequence(use, st_.write_end, pos, in_step);
}

/// optval/optlen handed to a helper of this unit: the helper is walked with
/// what this path knows, and what it did to them joins this path.
void PathWalker::fireHelperCall(const Use &use) {
  Seeds seeds;
  for (const auto &[index, role] : use.callee_pointers)
    seeds.pointers[use.callee->getParamDecl(index)] = role;
  for (unsigned i = 0; i < use.call->getNumArgs() && i < use.callee->getNumParams(); ++i) {
    if (usesLength(use.call->getArg(i)))
      seeds.length_values.insert(use.callee->getParamDecl(i));
    if (isOptnameRef(use.call->getArg(i)))
      seeds.optname = use.callee->getParamDecl(i);
  }
  Classifier::Entry entry;
  entry.optname_options = st_.optname_options;
  entry.optlen_read = st_.optlen_read;
  entry.checked_bound = st_.checked_bound;
  entry.checked_unknown = st_.checked_unknown;
  entry.options = st_.options;
  owner_.helper_calls_[use.callee].insert(use.call);
  Classifier::Summary callee = owner_.walkFunction(use.callee, seeds, entry, impl_);
  if (callee.success_bound)
    if (const VarDecl *result = assignedResult(use.call))
      result_bounds_[result] = *callee.success_bound;
  if (callee.reads_optlen) {
    st_.optlen_read = true;
    summary_.reads_optlen = true;
  }
  if (callee.writes_optval) {
    summary_.writes_optval = true;
    st_.written = true;
    st_.write_end = Extent::after(st_.write_end, {Extent::AtLeast, 0});
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
    /// The comparisons in the right operand of an &&, with its left one.
    std::map<const Stmt *, const Expr *> guards;

    bool dataTraverseStmtPre(Stmt *s) {
      auto it = walker->by_anchor_.find(s);
      if (it != walker->by_anchor_.end()) {
        for (const Use *use : it->second)
          walker->fire(*use);
        ++inside_access;
        return true;
      }
      if (auto *bin = dyn_cast<BinaryOperator>(s)) {
        if (bin->getOpcode() == BO_LAnd)
          markGuarded(bin->getRHS(), bin->getLHS());
        if (bin->isComparisonOp()) {
          auto guard = guards.find(bin);
          walker->noteComparison(bin, guard == guards.end() ? nullptr : guard->second);
        }
        walker->noteLengthAsElementSize(bin);
        walker->noteAssignmentOp(bin, inside_access != 0);
      }
      if (auto *unary = dyn_cast<UnaryOperator>(s); unary && unary->isIncrementDecrementOp())
        walker->noteIncDec(unary, inside_access != 0);
      return true;
    }
    bool dataTraverseStmtPost(Stmt *s) {
      if (walker->by_anchor_.count(s))
        --inside_access;
      return true;
    }
    void markGuarded(const Stmt *s, const Expr *guard) {
      if (!s)
        return;
      if (const auto *bin = dyn_cast<BinaryOperator>(s); bin && bin->isComparisonOp())
        guards.try_emplace(bin, guard);
      for (const Stmt *child : s->children())
        markGuarded(child, guard);
    }
  } evaluator;
  evaluator.walker = this;
  evaluator.TraverseStmt(const_cast<Stmt *>(e));
}

/// The length used as the size of one element rather than of the caller's
/// buffer.
void PathWalker::noteLengthAsElementSize(const BinaryOperator *bin) {
  // tcp_ao shape: the length is the size of one element.
  if (bin->getOpcode() == BO_Mul && (isLengthRef(bin->getLHS()) || isLengthRef(bin->getRHS())))
    reason(ReasonCode::OptlenNotBufferSize,
           "the value read from optlen is multiplied: it is the size of "
           "one element, not of the caller's buffer",
           reportLocation(sm_, bin->getOperatorLoc()));
  // tcp_ao_copy_mkts_to_user(): `out_offset += user_len`, the length
  // as the stride between the elements written to optval.
  if (bin->getOpcode() == BO_AddAssign && usesLength(bin->getRHS()))
    if (const auto *ref = dyn_cast<DeclRefExpr>(bin->getLHS()->IgnoreParenCasts()))
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && offset_vars_.count(var))
        reason(ReasonCode::OptlenNotBufferSize,
               "the value read from optlen is the stride between the elements "
               "written to optval: it is the size of one element, not of the "
               "caller's buffer",
               reportLocation(sm_, bin->getOperatorLoc()));
}

/// An assignment on the path. Inside an access (the expansion of get_user()
/// assigns too) it only makes the target's value unknown.
void PathWalker::noteAssignmentOp(const BinaryOperator *bin, bool inside_access) {
  if (!bin->isAssignmentOp())
    return;
  if (inside_access) {
    if (const auto *ref = dyn_cast<DeclRefExpr>(bin->getLHS()->IgnoreParens()))
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
        st_.values.erase(var);
    return;
  }
  if (const auto *ref = dyn_cast<DeclRefExpr>(bin->getLHS()->IgnoreParens()))
    noteAssignment(dyn_cast<VarDecl>(ref->getDecl()), bin->getRHS(), bin->isCompoundAssignmentOp(),
                   mayGrow(bin->getOpcode()));
  noteIndexChange(bin->getLHS(), bin->getRHS(), bin->getOpcode());
  forgetLagsUsing(bin->getLHS());
}

/// `x++`, `x--`: x no longer holds a known constant, nor an index or lag
/// measured before.
void PathWalker::noteIncDec(const UnaryOperator *unary, bool inside_access) {
  if (const auto *ref = dyn_cast<DeclRefExpr>(unary->getSubExpr()->IgnoreParens()))
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
      st_.values.erase(var);
  if (inside_access)
    return;
  noteIndexChange(unary->getSubExpr(), nullptr, BO_Comma);
  forgetLagsUsing(unary->getSubExpr());
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
    const Expr *cond = withoutExpect(if_stmt->getCond());
    if (const auto *cmp = dyn_cast<BinaryOperator>(cond);
        cmp && (cmp->getOpcode() == BO_GT || cmp->getOpcode() == BO_GE) &&
        isLengthRef(cmp->getLHS()))
      clamped_.emplace_back(
          cast<VarDecl>(cast<DeclRefExpr>(cmp->getLHS()->IgnoreParenCasts())->getDecl()),
          cmp->getRHS());
    // `if (optname == TCP_AO_GET_KEYS) ... else ...` (net/ipv4/tcp.c) splits
    // the options of a shared case.
    std::optional<std::string> tested;
    const auto *option_test = dyn_cast<BinaryOperator>(cond);
    if (option_test && option_test->getOpcode() == BO_EQ && isOptnameRef(option_test->getLHS()))
      tested = labelText(option_test->getRHS());
    // Outside every switch on optname, or in its default,
    // `if (optname == ICMP_FILTER)` (net/ipv4/raw.c do_raw_getsockopt())
    // names an option as a case label would: its branch is that option's,
    // and the other one is the default's, every option not named.
    bool names_option = tested && st_.options == st_.optname_options &&
                        (st_.optname_options.empty() || isDefaultPath(*tested));
    if (names_option) {
      nameOption(*tested, option_test->getRHS());
      st_.options = st_.optname_options = {*tested};
    } else if (tested) {
      narrowOptions(*tested, true);
    }
    if (auto exact = lengthConstant(cond, BO_EQ))
      st_.exact_lengths = {*exact}, st_.not_exact = false;
    walk(if_stmt->getThen());
    clamped_.resize(clamps);
    State after_then = std::move(st_);
    st_ = std::move(before);
    if (names_option && st_.optname_options.empty()) {
      listOption("default");
      st_.options = st_.optname_options = {"default"};
    } else if (tested && !names_option) {
      narrowOptions(*tested, false);
    }
    if (auto exact = lengthConstant(cond, BO_NE))
      st_.exact_lengths = {*exact}, st_.not_exact = false;
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
    noteReturn(ret->getRetValue());
    st_.dead = true;
  } else if (isa<BreakStmt>(s)) {
    if (!break_targets_.empty())
      break_targets_.back().push_back(st_);
    st_.dead = true;
  } else if (isa<ContinueStmt>(s) || isa<GotoStmt>(s) || isa<IndirectGotoStmt>(s)) {
    if (const auto *jump = dyn_cast<GotoStmt>(s); jump && !st_.dead && st_.handed_off)
      handed_off_labels_.insert(jump->getLabel());
    st_.dead = true;
  } else if (const auto *label = dyn_cast<LabelStmt>(s)) {
    // Reached by goto from paths the walk has not joined: stay conservative
    // and continue with what is known here.
    st_.dead = false;
    st_.handed_off |= handed_off_labels_.count(label->getDecl()) > 0;
    walk(label->getSubStmt());
  } else if (const auto *decl = dyn_cast<DeclStmt>(s)) {
    for (const Decl *d : decl->decls())
      if (const auto *var = dyn_cast<VarDecl>(d); var && var->getInit()) {
        eval(var->getInit());
        noteAssignment(var, var->getInit(), false, false);
        if (index_vars_.count(var)) {
          auto c = var->getInit()->getIntegerConstantExpr(owner_.ctx_);
          st_.cursors[var] =
              c ? Extent{Extent::Exact, c->getExtValue()} : Extent{Extent::Unknown, 0};
        }
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
        if (const auto *cs = dyn_cast<CaseStmt>(sc); cs && cs->caseStmtIsGNURange()) {
          // `case MRT_BASE ... MRT_MAX:` (net/ipv4/ip_sockglue.c): one label
          // for the range, and no single value for it.
          labels.push_back(labelText(cs->getLHS()) + " ... " + labelText(cs->getRHS()));
        } else if (cs) {
          labels.push_back(labelText(cs->getLHS()));
          if (auto v = cs->getLHS()->getIntegerConstantExpr(owner_.ctx_))
            label_values_[labels.back()] = v->getExtValue();
        } else {
          labels.push_back("default");
          has_default = true;
        }
        child = sc->getSubStmt();
      }
      State entry = before;
      if (isOptnameRef(sw->getCond())) {
        for (const std::string &l : labels)
          listOption(l);
        entry.optname_options = labels;
      }
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
  after.optname_options = before.optname_options;
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
  PathWalker walker(*this, fn, accesses, seeds, impl, record.facts);
  State start;
  start.optlen_read = entry.optlen_read;
  start.checked_bound = entry.checked_bound;
  start.checked_unknown = entry.checked_unknown;
  start.options = entry.options;
  start.optname_options = entry.optname_options;
  for (const VarDecl *cursor : accesses.entry_cursors)
    start.cursors[cursor] = {Extent::Exact, 0};
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
  seeds.optname = fn->getParamDecl(2);
  walkFunction(fn, seeds, Entry{}, impl);
  current_impl_ = nullptr;
}

void Classifier::follow(const FunctionDecl *fn, const CallContext &context, Implementation &impl) {
  current_impl_ = fn;
  Seeds seeds;
  for (const auto &[index, role] : context.pointers)
    if (index < fn->getNumParams())
      seeds.pointers[fn->getParamDecl(index)] = role == "optval" ? Role::Optval : Role::Optlen;
  for (unsigned index : context.length_values)
    if (index < fn->getNumParams())
      seeds.length_values.insert(fn->getParamDecl(index));
  if (context.optname >= 0 && unsigned(context.optname) < fn->getNumParams())
    seeds.optname = fn->getParamDecl(unsigned(context.optname));
  Entry entry;
  entry.optlen_read = context.optlen_read;
  entry.checked_bound = context.checked_bound;
  entry.checked_unknown = context.checked_unknown;
  walkFunction(fn, seeds, entry, impl);
  current_impl_ = nullptr;
}

} // namespace sockopt
