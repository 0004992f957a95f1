// optlen-exceeds-written: on a path that returns 0, opt->optlen says more
// bytes were written than the path wrote through opt->iter_out.
// do_sock_getsockopt() in net/socket.c copies opt->optlen back to the caller
// as the length of the value, so the caller would read bytes of its own
// buffer that the protocol never wrote (stale data, or uninitialised memory
// for a kernel caller's buffer).
//
// The walk follows every path through the body separately (if/else, switch
// cases with fallthrough, forward gotos, loops once), so a length is only
// compared with the writes of its own path; an if whose condition the
// path's constants decide (`if (!err)` after `err = -ERANGE`, can raw) goes
// one way only, and a condition it does not decide teaches each side what it
// tested: past `if (!list) err = -ENOMEM;` the else side knows `list` is not
// NULL, so a later `else if (list)` is taken there and nowhere else
// (net/can/raw.c raw_getsockopt(), CAN_RAW_FILTER, copies the filter out
// after release_sock() only when kmemdup() gave one). It concludes only what it can prove: a path whose return
// value, write sizes or optlen value are not known, or that hands opt to
// another function, yields no finding.
#include "checks/RuleSupport.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <map>

namespace sockopt {

using namespace clang;

namespace {

/// Paths followed at once through one statement; past this they are merged
/// into one that yields no finding, rather than guess.
constexpr size_t kMaxPaths = 256;

/// A value as the path knows it: a constant, or a local variable at one
/// version (assignment count), or neither.
struct Value {
  std::optional<int64_t> constant;
  const VarDecl *var = nullptr;
  unsigned version = 0;

  bool sameAs(const Value &o) const {
    if (constant && o.constant)
      return *constant == *o.constant;
    return var && var == o.var && version == o.version;
  }
};

struct Path {
  std::map<const VarDecl *, unsigned> versions;
  std::map<const VarDecl *, int64_t> constants; // NULL is 0
  std::map<const VarDecl *, unsigned> nonzero;  // known non-zero at this version
  llvm::SmallVector<Value, 4> writes; // sizes passed to copy_to_iter(.., &opt->iter_out)
  bool writes_unknown = false;        // a write in a loop, an iov_iter_*() on iter_out, ...
  bool opaque = false;                // opt handed to another function
  std::optional<Value> optlen;
  SourceLocation optlen_loc;
};

using Paths = std::vector<Path>;

/// A local integer or pointer: the values the walk follows.
bool isScalar(QualType type) { return type->isIntegerType() || type->isPointerType(); }

const VarDecl *localScalar(const Expr *e) {
  const auto *ref = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  return var && var->hasLocalStorage() && isScalar(var->getType()) ? var : nullptr;
}

class Walker {
public:
  Walker(std::string_view rule, ASTContext &ctx, const FunctionDecl *fn,
         std::vector<CheckFinding> &out)
      : rule_(rule), ctx_(ctx), fn_(fn), out_(out) {}

  // Falling off the end of the body returns nothing known.
  void run() { walk(fn_->getBody(), {Path{}}); }

private:
  Value valueOf(const Expr *e, const Path &p) const {
    if (e->isNullPointerConstant(ctx_, Expr::NPC_ValueDependentIsNotNull) &&
        e->getType()->isPointerType())
      return {0, nullptr, 0};
    e = e->IgnoreParenImpCasts();
    if (auto c = e->getIntegerConstantExpr(ctx_))
      return {c->getExtValue(), nullptr, 0};
    if (const VarDecl *var = localScalar(e)) {
      if (auto it = p.constants.find(var); it != p.constants.end())
        return {it->second, nullptr, 0};
      auto it = p.versions.find(var);
      return {std::nullopt, var, it == p.versions.end() ? 0 : it->second};
    }
    return {};
  }

  bool knownNonZero(const Expr *e, const Path &p) const {
    const VarDecl *var = localScalar(e);
    if (!var)
      return false;
    auto known = p.nonzero.find(var);
    auto version = p.versions.find(var);
    return known != p.nonzero.end() &&
           known->second == (version == p.versions.end() ? 0 : version->second);
  }

  /// The truth of a condition over the path's known values, if it has one:
  /// `err`, `!err`, `ret < 0`, `a && b`, `list` after `if (!list) return`...
  std::optional<bool> decide(const Expr *cond, const Path &p) const {
    cond = cond->IgnoreParenImpCasts();
    if (knownNonZero(cond, p))
      return true;
    if (const auto *unary = dyn_cast<UnaryOperator>(cond); unary && unary->getOpcode() == UO_LNot) {
      std::optional<bool> inner = decide(unary->getSubExpr(), p);
      return inner ? std::optional<bool>(!*inner) : std::nullopt;
    }
    if (const auto *bin = dyn_cast<BinaryOperator>(cond)) {
      if (bin->isLogicalOp()) {
        std::optional<bool> lhs = decide(bin->getLHS(), p), rhs = decide(bin->getRHS(), p);
        bool is_and = bin->getOpcode() == BO_LAnd;
        if (lhs && *lhs != is_and)
          return !is_and; // false && ..., true || ...
        if (lhs && rhs)
          return *rhs;
        if (rhs && *rhs != is_and)
          return !is_and;
        return std::nullopt;
      }
      if (bin->isComparisonOp()) {
        std::optional<int64_t> a = valueOf(bin->getLHS(), p).constant,
                               b = valueOf(bin->getRHS(), p).constant;
        if ((bin->getOpcode() == BO_EQ || bin->getOpcode() == BO_NE) &&
            ((a == 0 && knownNonZero(bin->getRHS(), p)) ||
             (b == 0 && knownNonZero(bin->getLHS(), p))))
          return bin->getOpcode() == BO_NE;
        if (!a || !b)
          return std::nullopt;
        switch (bin->getOpcode()) {
        case BO_EQ:
          return *a == *b;
        case BO_NE:
          return *a != *b;
        case BO_LT:
          return *a < *b;
        case BO_GT:
          return *a > *b;
        case BO_LE:
          return *a <= *b;
        case BO_GE:
          return *a >= *b;
        default:
          return std::nullopt;
        }
      }
    }
    if (cond->getType()->isIntegerType())
      if (std::optional<int64_t> v = valueOf(cond, p).constant)
        return *v != 0;
    return std::nullopt;
  }

  /// What the side of an undecided condition knows: `cond` is `truth`
  /// there. Only the plain tests of a local against zero are learnt
  /// (`x`, `!x`, `x == 0`, `x != NULL`, and the operands of a true && or
  /// a false ||).
  void learn(const Expr *cond, bool truth, Path &p) const {
    cond = cond->IgnoreParenImpCasts();
    if (const auto *unary = dyn_cast<UnaryOperator>(cond); unary && unary->getOpcode() == UO_LNot)
      return learn(unary->getSubExpr(), !truth, p);
    if (const auto *bin = dyn_cast<BinaryOperator>(cond)) {
      if (bin->getOpcode() == (truth ? BO_LAnd : BO_LOr)) {
        learn(bin->getLHS(), truth, p);
        learn(bin->getRHS(), truth, p);
      } else if (bin->getOpcode() == BO_EQ || bin->getOpcode() == BO_NE) {
        bool equal = bin->getOpcode() == BO_EQ;
        if (valueOf(bin->getRHS(), p).constant == 0)
          learn(bin->getLHS(), truth != equal, p);
        else if (valueOf(bin->getLHS(), p).constant == 0)
          learn(bin->getRHS(), truth != equal, p);
      }
      return;
    }
    const VarDecl *var = localScalar(cond);
    if (!var)
      return;
    if (truth) {
      auto version = p.versions.find(var);
      p.nonzero[var] = version == p.versions.end() ? 0 : version->second;
    } else {
      p.constants[var] = 0;
    }
  }

  void assign(const VarDecl *var, const Expr *value, Path &p) {
    std::optional<int64_t> c;
    if (value)
      c = valueOf(value, p).constant;
    ++p.versions[var];
    if (c)
      p.constants[var] = *c;
    else
      p.constants.erase(var);
  }

  /// Side effects of evaluating `e` on every path; `certain` is false inside
  /// operands that may not be evaluated (&&, ||, ?:).
  void eval(const Expr *e, Paths &paths, bool certain = true) {
    if (!e)
      return;
    e = e->IgnoreParens();
    if (const auto *bin = dyn_cast<BinaryOperator>(e)) {
      if (bin->isLogicalOp()) {
        eval(bin->getLHS(), paths, certain);
        eval(bin->getRHS(), paths, false);
        return;
      }
      eval(bin->getRHS(), paths, certain);
      if (bin->isAssignmentOp()) {
        const Expr *lhs = bin->getLHS()->IgnoreParenImpCasts();
        if (isSockoptMember(lhs, "optlen")) {
          for (Path &p : paths)
            if (certain && bin->getOpcode() == BO_Assign) {
              p.optlen = valueOf(bin->getRHS(), p);
              p.optlen_loc = bin->getBeginLoc();
            } else {
              p.optlen = Value{};
            }
          return;
        }
        if (const VarDecl *var = localScalar(lhs)) {
          for (Path &p : paths)
            assign(var, certain && bin->getOpcode() == BO_Assign ? bin->getRHS() : nullptr, p);
          return;
        }
      }
      eval(bin->getLHS(), paths, certain);
      return;
    }
    if (const auto *cond = dyn_cast<AbstractConditionalOperator>(e)) {
      eval(cond->getCond(), paths, certain);
      eval(cond->getTrueExpr(), paths, false);
      eval(cond->getFalseExpr(), paths, false);
      return;
    }
    if (const auto *unary = dyn_cast<UnaryOperator>(e)) {
      eval(unary->getSubExpr(), paths, certain);
      if (unary->isIncrementDecrementOp())
        if (const VarDecl *var = localScalar(unary->getSubExpr()))
          for (Path &p : paths)
            assign(var, nullptr, p);
      return;
    }
    if (const auto *call = dyn_cast<CallExpr>(e)) {
      for (const Expr *arg : call->arguments())
        eval(arg, paths, certain);
      noteCall(call, paths, certain);
      return;
    }
    if (isa<StmtExpr>(e)) {
      // min_t() and friends: a value; not followed inside.
      if (touchesResult(e))
        for (Path &p : paths)
          p.opaque = true;
      return;
    }
    for (const Stmt *child : e->children())
      if (const auto *sub = dyn_cast_or_null<Expr>(child))
        eval(sub, paths, certain);
  }

  void noteCall(const CallExpr *call, Paths &paths, bool certain) {
    const FunctionDecl *callee = call->getDirectCallee();
    StringRef name = callee && callee->getIdentifier() ? callee->getName() : "";
    if (name == "copy_to_iter" && call->getNumArgs() == 3 && isIterOut(call->getArg(2))) {
      for (Path &p : paths)
        if (certain)
          p.writes.push_back(valueOf(call->getArg(1), p));
        else
          p.writes_unknown = true;
      return;
    }
    if (name == "copy_to_iter" || name == "copy_from_iter")
      return; // other iterators, or reading the input: not a write to iter_out
    for (const Expr *arg : call->arguments()) {
      const Expr *a = arg->IgnoreParenImpCasts();
      if (isSockoptPointer(a->getType()) || isIterOut(a))
        for (Path &p : paths)
          p.opaque = true; // a helper or an iov_iter_*() call that may write
    }
  }

  void onReturn(const ReturnStmt *ret, Paths &paths) {
    eval(ret->getRetValue(), paths);
    for (const Path &p : paths) {
      if (p.opaque || p.writes_unknown || !p.optlen || !ret->getRetValue())
        continue;
      Value result = valueOf(ret->getRetValue(), p);
      if (!result.constant || *result.constant != 0)
        continue;
      check(p);
    }
    paths.clear();
  }

  /// On a path returning 0 with opt->optlen set.
  void check(const Path &p) {
    const Value &len = *p.optlen;
    int64_t written = 0;
    bool all_constant = true;
    for (const Value &w : p.writes) {
      if (w.sameAs(len))
        return; // the length written is the length reported
      if (w.constant)
        written += *w.constant;
      else
        all_constant = false;
    }
    std::string message;
    if (len.constant && all_constant && *len.constant > written)
      message = llvm::formatv("opt->optlen is set to {0} on a path that returns 0 after writing "
                              "{1} bytes through iter_out",
                              *len.constant, written);
    else if (!len.constant && len.var && p.writes.empty())
      message = llvm::formatv("opt->optlen is set to '{0}' on a path that returns 0 without "
                              "writing through iter_out",
                              len.var->getName());
    if (message.empty())
      return;
    CheckFinding finding{std::string(rule_), message, fn_->getNameAsString(),
                         pointOf(ctx_.getSourceManager(), p.optlen_loc)};
    for (const CheckFinding &f : out_)
      if (f.rule == finding.rule && f.where.line == finding.where.line &&
          f.where.column == finding.where.column && f.message == finding.message)
        return;
    out_.push_back(std::move(finding));
  }

  static void append(Paths &to, Paths from) {
    for (Path &p : from)
      to.push_back(std::move(p));
  }

  // The transfer function over statements, one case per kind of statement
  // the rule follows (if, switch, loops, goto, return, assignments); long
  // on purpose, so that the kinds it does not follow are plainly the rest.
  Paths walk(const Stmt *s, Paths paths) {
    if (!s || paths.empty())
      return paths;
    if (paths.size() > kMaxPaths) {
      for (Path &p : paths)
        p.opaque = true;
      paths.resize(1);
    }
    if (const auto *label = dyn_cast<LabelStmt>(s)) {
      auto it = gotos_.find(label->getDecl());
      if (it != gotos_.end()) {
        append(paths, std::move(it->second));
        gotos_.erase(it);
      }
      return walk(label->getSubStmt(), std::move(paths));
    }
    if (const auto *compound = dyn_cast<CompoundStmt>(s)) {
      for (const Stmt *child : compound->body())
        paths = walk(child, std::move(paths));
      return paths;
    }
    if (const auto *ifs = dyn_cast<IfStmt>(s)) {
      if (ifs->getInit())
        paths = walk(ifs->getInit(), std::move(paths));
      if (const DeclStmt *decl = ifs->getConditionVariableDeclStmt())
        paths = walk(decl, std::move(paths));
      eval(ifs->getCond(), paths);
      // A condition the path decides (`if (!err)` after `err = -ERANGE`)
      // sends it one way only.
      Paths then_paths, else_paths;
      for (Path &p : paths) {
        std::optional<bool> known = decide(ifs->getCond(), p);
        if (!known || *known) {
          then_paths.push_back(p);
          if (!known)
            learn(ifs->getCond(), true, then_paths.back());
        }
        if (!known || !*known) {
          if (!known)
            learn(ifs->getCond(), false, p);
          else_paths.push_back(std::move(p));
        }
      }
      Paths taken = walk(ifs->getThen(), std::move(then_paths));
      append(taken, walk(ifs->getElse(), std::move(else_paths)));
      return taken;
    }
    if (const auto *sw = dyn_cast<SwitchStmt>(s))
      return walkSwitch(sw, std::move(paths));
    if (isa<WhileStmt>(s) || isa<ForStmt>(s) || isa<DoStmt>(s))
      return walkLoop(s, std::move(paths));
    if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
      onReturn(ret, paths);
      return {};
    }
    if (isa<BreakStmt>(s)) {
      if (!breaks_.empty())
        append(*breaks_.back(), std::move(paths));
      return {};
    }
    if (isa<ContinueStmt>(s)) {
      if (!continues_.empty())
        append(*continues_.back(), std::move(paths));
      return {};
    }
    if (const auto *go = dyn_cast<GotoStmt>(s)) {
      // Forward gotos (`goto out;`) meet their label later in the walk; a
      // backward goto's paths are not followed again.
      append(gotos_[go->getLabel()], std::move(paths));
      return {};
    }
    if (const auto *decl = dyn_cast<DeclStmt>(s)) {
      for (const Decl *d : decl->decls())
        if (const auto *var = dyn_cast<VarDecl>(d)) {
          eval(var->getInit(), paths);
          if (isScalar(var->getType()))
            for (Path &p : paths)
              assign(var, var->getInit(), p);
        }
      return paths;
    }
    if (const auto *sc = dyn_cast<SwitchCase>(s))
      return walk(sc->getSubStmt(), std::move(paths));
    if (const auto *e = dyn_cast<Expr>(s)) {
      eval(e, paths);
      return paths;
    }
    if (isa<NullStmt>(s))
      return paths;
    for (Path &p : paths)
      p.opaque = true; // asm, indirect goto, ...: not followed
    return paths;
  }

  Paths walkSwitch(const SwitchStmt *sw, Paths paths) {
    if (sw->getInit())
      paths = walk(sw->getInit(), std::move(paths));
    eval(sw->getCond(), paths);
    const auto *body = dyn_cast<CompoundStmt>(sw->getBody());
    if (!body) { // `switch (x) case A: ...;`
      Paths out = walk(sw->getBody(), paths);
      append(out, std::move(paths));
      return out;
    }
    Paths breaks, current;
    breaks_.push_back(&breaks);
    bool has_default = false;
    for (const Stmt *child : body->body()) {
      // A case label: the paths that jump here join those falling through.
      for (const Stmt *sub = child; isa<SwitchCase>(sub); sub = cast<SwitchCase>(sub)->getSubStmt())
        has_default |= isa<DefaultStmt>(sub);
      if (isa<SwitchCase>(child))
        append(current, paths);
      current = walk(child, std::move(current));
    }
    breaks_.pop_back();
    append(current, std::move(breaks));
    if (!has_default)
      append(current, std::move(paths));
    return current;
  }

  /// Whether `s` writes through iter_out or sets opt->optlen anywhere.
  static bool touchesResult(const Stmt *s) {
    if (!s)
      return false;
    if (const auto *call = dyn_cast<CallExpr>(s))
      for (const Expr *arg : call->arguments())
        if (isIterOut(arg) || isSockoptPointer(arg->IgnoreParenImpCasts()->getType()))
          return true;
    if (const auto *bin = dyn_cast<BinaryOperator>(s);
        bin && bin->isAssignmentOp() && isSockoptMember(bin->getLHS(), "optlen"))
      return true;
    for (const Stmt *child : s->children())
      if (touchesResult(child))
        return true;
    return false;
  }

  Paths walkLoop(const Stmt *loop, Paths paths) {
    const Stmt *body = nullptr;
    const Expr *cond = nullptr;
    if (const auto *w = dyn_cast<WhileStmt>(loop)) {
      body = w->getBody();
      cond = w->getCond();
    } else if (const auto *f = dyn_cast<ForStmt>(loop)) {
      paths = walk(f->getInit(), std::move(paths));
      body = f->getBody();
      cond = f->getCond();
    } else {
      body = cast<DoStmt>(loop)->getBody();
      cond = cast<DoStmt>(loop)->getCond();
    }
    eval(cond, paths);
    Paths breaks, continues;
    breaks_.push_back(&breaks);
    continues_.push_back(&continues);
    Paths out = walk(body, paths);
    breaks_.pop_back();
    continues_.pop_back();
    append(out, std::move(continues));
    append(out, std::move(breaks));
    if (!isa<DoStmt>(loop))
      append(out, std::move(paths));
    // The body may run any number of times: what it writes is not a count.
    if (touchesResult(loop))
      for (Path &p : out)
        p.writes_unknown = true;
    return out;
  }

  std::string_view rule_;
  ASTContext &ctx_;
  const FunctionDecl *fn_;
  std::vector<CheckFinding> &out_;
  std::vector<Paths *> breaks_, continues_;
  std::map<const LabelDecl *, Paths> gotos_;
};

} // namespace

void checkOptlenExceedsWritten(std::string_view rule, ASTContext &ctx, const FunctionDecl *fn,
                               std::vector<CheckFinding> &out) {
  Walker(rule, ctx, fn, out).run();
}

} // namespace sockopt
