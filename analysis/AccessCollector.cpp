#include "analysis/AccessCollector.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

namespace sockopt {

using namespace clang;

const char *roleName(Role role) { return role == Role::Optval ? "optval" : "optlen"; }

SourceLocation reportLocation(const SourceManager &sm, SourceLocation loc) {
  SourceLocation spelling = sm.getSpellingLoc(loc);
  if (sm.isWrittenInMainFile(spelling))
    return spelling;
  return sm.getExpansionLoc(loc);
}

bool isSockptrType(QualType type) {
  if (const auto *td = type->getAs<TypedefType>())
    if (td->getDecl()->getName() == "sockptr_t")
      return true;
  if (const RecordDecl *rd = type->getAsRecordDecl())
    return rd->getName() == "sockptr";
  return false;
}

namespace {

/// The user-copy functions of include/linux/uaccess.h (static inline
/// functions, unlike get_user/put_user) and the argument holding the user
/// pointer.
enum class CopyDirection { ToUser, FromUser, None };
CopyDirection copyDirection(StringRef name) {
  return llvm::StringSwitch<CopyDirection>(name)
      .Cases("copy_to_user", "__copy_to_user", CopyDirection::ToUser)
      .Cases("copy_from_user", "__copy_from_user", CopyDirection::FromUser)
      .Default(CopyDirection::None);
}

bool pinsUserPages(StringRef name) {
  return name.starts_with("pin_user_pages") || name.starts_with("get_user_pages") ||
         name.starts_with("iov_iter_get_pages");
}

/// User-memory primitives of include/linux/uaccess.h other than the four
/// the conversion maps (clear_user, strncpy_from_user, copy_struct_from_user,
/// access_ok, ...).
bool isOtherUserAccess(StringRef name) {
  return name.contains("_user") || name == "access_ok" || name == "__access_ok";
}

/// The copy helpers of include/linux/sockptr.h and where their arguments
/// are: each works on user or kernel memory as the sockptr_t says.
struct SockptrCopy {
  bool to; // copy_to_sockptr*: writes through the sockptr
  unsigned pointer, size;
  int offset, kernel; // argument indices, -1 when absent
};
std::optional<SockptrCopy> sockptrCopy(StringRef name) {
  return llvm::StringSwitch<std::optional<SockptrCopy>>(name)
      .Case("copy_from_sockptr", SockptrCopy{false, 1, 2, -1, 0})
      .Case("copy_from_sockptr_offset", SockptrCopy{false, 1, 3, 2, 0})
      .Case("copy_to_sockptr", SockptrCopy{true, 0, 2, -1, 1})
      .Case("copy_to_sockptr_offset", SockptrCopy{true, 0, 3, 1, 2})
      .Default(std::nullopt);
}

class Collector {
public:
  Collector(const FunctionDecl *fn, const Seeds &seeds, const PreprocessorFacts &pp,
            ASTContext &ctx)
      : fn_(fn), seeds_(seeds), pp_(pp), ctx_(ctx), sm_(ctx.getSourceManager()) {}

  FunctionAccesses run();

private:
  struct Tracked {
    Role role;
    bool is_cursor;
  };

  const Stmt *parentStmt(const Stmt *s) const;
  const Stmt *enclosingStmt(const Stmt *s) const;
  /// "optval"/"optlen" for the parameters, whatever the author named them
  /// (mptcp calls optlen `option`); the variable's name for a cursor.
  std::string shown(const VarDecl *var) const {
    auto it = tracked_.find(var);
    if (it != tracked_.end() && !it->second.is_cursor)
      return roleName(it->second.role);
    return var->getNameAsString();
  }
  const Tracked *tracked(const Expr *e) const;
  const DeclRefExpr *trackedRef(const Expr *e) const;
  void findCursors();
  bool derivesFromOptval(const Expr *e) const;
  bool inUnevaluatedContext(const Stmt *s) const;

  void classifyRef(const DeclRefExpr *ref);
  bool classifyMacroRef(const DeclRefExpr *ref);
  bool classifySockptrMember(const DeclRefExpr *ref);
  void classifyInitializer(const DeclRefExpr *ref, const Stmt *child);
  bool classifyBinaryOperand(const DeclRefExpr *ref, const Stmt *child, const BinaryOperator *bin);
  void classifyAssignedFrom(const DeclRefExpr *ref, const BinaryOperator *bin);
  void classifyCursorIncDec(const UnaryOperator *unary, const VarDecl *var);
  void classifyInInitializerList(const DeclRefExpr *ref, const Expr *list);
  void classifyMacroAccess(const DeclRefExpr *ref, const UaccessInvocation &inv, unsigned arg);
  void classifyCall(const CallExpr *call, unsigned arg, const Expr *arg_expr,
                    const DeclRefExpr *ref);
  void classifyUserCopy(const CallExpr *call, CopyDirection dir, unsigned arg, const Expr *arg_expr,
                        const DeclRefExpr *ref);
  void classifyStructFromSockptr(const CallExpr *call, const Expr *arg_expr,
                                 const DeclRefExpr *ref);
  void classifySockptrAdvance(const CallExpr *call, const VarDecl *var);
  void classifySockptrCopy(const CallExpr *call, const SockptrCopy &copy, unsigned arg,
                           const Expr *arg_expr, const DeclRefExpr *ref);
  void classifyBridge(const CallExpr *bridge, const DeclRefExpr *ref);
  void passToFunction(const CallExpr *call, unsigned arg, const Expr *arg_expr,
                      const DeclRefExpr *ref, const Stmt *anchor);
  void findSockptrCursors();
  const CallExpr *pinningCallOf(const VarDecl *var) const;
  void checkResultUse(const Stmt *anchor, StringRef op, bool returns_count, SourceLocation loc);

  Address addressOf(const Expr *e) const;
  std::optional<uint64_t> pointeeSize(QualType pointer) const;
  std::optional<int64_t> constant(const Expr *e) const;
  SourceLocation where(SourceLocation loc) const { return reportLocation(sm_, loc); }
  bool insideBody(SourceLocation spelling) const;
  void finding(const Stmt *anchor, SourceLocation loc, ReasonCode code, std::string message);
  void findHiddenAccesses();

  const FunctionDecl *fn_;
  const Seeds &seeds_;
  const PreprocessorFacts &pp_;
  ASTContext &ctx_;
  const SourceManager &sm_;
  llvm::DenseMap<const VarDecl *, Tracked> tracked_;
  std::vector<const DeclRefExpr *> refs_; // every reference in the body
  llvm::DenseSet<const void *> handled_;  // invocations and calls done
  FunctionAccesses out_;
};

const Stmt *Collector::parentStmt(const Stmt *s) const {
  auto parents = ctx_.getParents(*s);
  if (parents.empty())
    return nullptr;
  return parents.begin()->get<Stmt>();
}

/// The parent statement, also across a declaration: the initializer of
/// `__typeof__(ptr) __ptr = (ptr);` in a macro leads to its DeclStmt.
const Stmt *Collector::enclosingStmt(const Stmt *s) const {
  auto parents = ctx_.getParents(*s);
  if (parents.empty())
    return nullptr;
  if (const auto *var = parents.begin()->get<VarDecl>()) {
    auto decl_parents = ctx_.getParents(*var);
    return decl_parents.empty() ? nullptr : decl_parents.begin()->get<Stmt>();
  }
  return parents.begin()->get<Stmt>();
}

const Collector::Tracked *Collector::tracked(const Expr *e) const {
  const DeclRefExpr *ref = trackedRef(e);
  if (!ref)
    return nullptr;
  auto it = tracked_.find(cast<VarDecl>(ref->getDecl()));
  return &it->second;
}

const DeclRefExpr *Collector::trackedRef(const Expr *e) const {
  const auto *ref = dyn_cast<DeclRefExpr>(e->IgnoreParenCasts());
  if (!ref)
    return nullptr;
  const auto *var = dyn_cast<VarDecl>(ref->getDecl());
  if (!var || !tracked_.count(var))
    return nullptr;
  return ref;
}

/// optval itself, or optval/a cursor plus an offset, through casts.
bool Collector::derivesFromOptval(const Expr *e) const {
  e = e->IgnoreParenCasts();
  if (const Tracked *t = tracked(e))
    return t->role == Role::Optval;
  if (const auto *bin = dyn_cast<BinaryOperator>(e))
    if (bin->isAdditiveOp() && bin->getLHS()->getType()->isPointerType())
      return derivesFromOptval(bin->getLHS());
  return false;
}

/// A cursor is a local pointer that is only ever set from optval (plus an
/// offset), e.g. `to = optval + offsetof(struct sctp_getaddrs, addrs)` in
/// net/sctp/socket.c:sctp_getsockopt_peer_addrs().
void Collector::findCursors() {
  for (bool changed = true; changed;) {
    changed = false;
    auto consider = [&](const VarDecl *var, const Expr *value) {
      // Temporaries declared by a macro (put_user's __ptr) are not cursors.
      if (!var || var->getLocation().isMacroID() || tracked_.count(var) || !var->isLocalVarDecl() ||
          !var->getType()->isPointerType() || isSockptrType(var->getType()))
        return;
      if (value && derivesFromOptval(value)) {
        tracked_[var] = {Role::Optval, true};
        changed = true;
      }
    };
    for (const DeclRefExpr *ref : refs_) {
      const Stmt *parent = parentStmt(ref);
      // Walk to the enclosing assignment or initializer through casts.
      const Stmt *child = ref;
      while (parent &&
             (isa<ParenExpr>(parent) || isa<CastExpr>(parent) ||
              (isa<BinaryOperator>(parent) && cast<BinaryOperator>(parent)->isAdditiveOp()))) {
        child = parent;
        parent = parentStmt(parent);
      }
      if (const auto *assign = dyn_cast_or_null<BinaryOperator>(parent)) {
        if (assign->getOpcode() == BO_Assign && assign->getRHS() == child)
          if (const auto *lhs = dyn_cast<DeclRefExpr>(assign->getLHS()->IgnoreParens()))
            consider(dyn_cast<VarDecl>(lhs->getDecl()), assign->getRHS());
        continue;
      }
      if (!parent) {
        for (const auto &p : ctx_.getParents(*child))
          if (const auto *var = p.get<VarDecl>())
            if (var->getInit() == child)
              consider(var, var->getInit());
      }
    }
  }
}

/// A call that pins user pages at the address held in `var`.
const CallExpr *Collector::pinningCallOf(const VarDecl *var) const {
  for (const DeclRefExpr *ref : refs_) {
    if (ref->getDecl() != var)
      continue;
    const Stmt *p = parentStmt(ref);
    while (p && (isa<ParenExpr>(p) || isa<CastExpr>(p)))
      p = parentStmt(p);
    if (const auto *call = dyn_cast_or_null<CallExpr>(p))
      if (const FunctionDecl *callee = call->getDirectCallee();
          callee && pinsUserPages(callee->getName()))
        return call;
  }
  return nullptr;
}

/// A sockptr_t parameter moved with sockptr_advance() is a cursor over
/// optval that starts at its beginning (include/linux/sockptr.h).
void Collector::findSockptrCursors() {
  for (const DeclRefExpr *ref : refs_) {
    const auto *param = dyn_cast<ParmVarDecl>(ref->getDecl());
    auto it = param ? tracked_.find(param) : tracked_.end();
    if (it == tracked_.end() || it->second.is_cursor || !isSockptrType(param->getType()))
      continue;
    const Stmt *parent = parentStmt(ref);
    while (parent && (isa<ParenExpr>(parent) || isa<ImplicitCastExpr>(parent)))
      parent = parentStmt(parent);
    if (const auto *unary = dyn_cast_or_null<UnaryOperator>(parent);
        unary && unary->getOpcode() == UO_AddrOf)
      if (const auto *call = dyn_cast_or_null<CallExpr>(parentStmt(unary)))
        if (const FunctionDecl *callee = call->getDirectCallee();
            callee && callee->getName() == "sockptr_advance") {
          it->second.is_cursor = true;
          out_.entry_cursors.push_back(param);
        }
  }
}

bool Collector::inUnevaluatedContext(const Stmt *s) const {
  for (const Stmt *p = parentStmt(s); p; p = parentStmt(p))
    if (isa<UnaryExprOrTypeTraitExpr>(p))
      return true;
  return false;
}

bool Collector::insideBody(SourceLocation spelling) const {
  SourceRange body = fn_->getBody()->getSourceRange();
  SourceLocation b = sm_.getExpansionLoc(body.getBegin());
  SourceLocation e = sm_.getExpansionLoc(body.getEnd());
  return sm_.getFileID(spelling) == sm_.getFileID(b) &&
         !sm_.isBeforeInTranslationUnit(spelling, b) && !sm_.isBeforeInTranslationUnit(e, spelling);
}

void Collector::finding(const Stmt *anchor, SourceLocation loc, ReasonCode code,
                        std::string message) {
  Use use;
  use.kind = UseKind::Finding;
  use.anchor = anchor;
  use.loc = where(loc);
  use.code = code;
  use.message = std::move(message);
  out_.uses.push_back(std::move(use));
}

std::optional<int64_t> Collector::constant(const Expr *e) const {
  if (e->isValueDependent())
    return std::nullopt;
  if (auto v = e->getIntegerConstantExpr(ctx_))
    return v->getExtValue();
  return std::nullopt;
}

std::optional<uint64_t> Collector::pointeeSize(QualType pointer) const {
  if (!pointer->isPointerType())
    return std::nullopt;
  QualType pointee = pointer->getPointeeType();
  if (pointee->isVoidType())
    return 1; // GNU C: arithmetic on void * moves by bytes
  if (pointee->isIncompleteType())
    return std::nullopt;
  return ctx_.getTypeSizeInChars(pointee).getQuantity();
}

/// The byte offset `e` points at, relative to optval or to a cursor.
Address Collector::addressOf(const Expr *e) const {
  e = e->IgnoreParens();
  if (const auto *cast_expr = dyn_cast<CastExpr>(e))
    return addressOf(cast_expr->getSubExpr());
  if (const auto *ref = dyn_cast<DeclRefExpr>(e)) {
    Address a;
    auto it = tracked_.find(dyn_cast<VarDecl>(ref->getDecl()));
    if (it != tracked_.end()) {
      if (it->second.is_cursor)
        a.cursor = cast<VarDecl>(ref->getDecl());
      a.offset = 0;
    }
    return a;
  }
  if (const auto *bin = dyn_cast<BinaryOperator>(e)) {
    if (!bin->isAdditiveOp() || !bin->getLHS()->getType()->isPointerType())
      return {};
    Address a = addressOf(bin->getLHS());
    auto step = constant(bin->getRHS());
    auto scale = pointeeSize(bin->getLHS()->getType());
    if (a.offset && step && scale) {
      a.offset = *a.offset + (bin->getOpcode() == BO_Add ? 1 : -1) * *step * int64_t(*scale);
      return a;
    }
    // optval + pos, pos a local integer counting bytes.
    const auto *ref = dyn_cast<DeclRefExpr>(bin->getRHS()->IgnoreParenImpCasts());
    const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    if (a.offset && !a.index && bin->getOpcode() == BO_Add && scale == 1u && var &&
        var->isLocalVarDecl() && var->getType()->isIntegerType()) {
      a.index = var;
      return a;
    }
    a.offset.reset();
    return a;
  }
  if (const auto *unary = dyn_cast<UnaryOperator>(e)) {
    if (unary->getOpcode() != UO_AddrOf)
      return {};
    const Expr *sub = unary->getSubExpr()->IgnoreParens();
    int64_t extra = 0;
    // &((struct x __user *)optval)->a.b
    while (const auto *member = dyn_cast<MemberExpr>(sub)) {
      const auto *field = dyn_cast<FieldDecl>(member->getMemberDecl());
      if (!field || field->isBitField())
        return {};
      extra += ctx_.getFieldOffset(field) / ctx_.getCharWidth();
      if (member->isArrow()) {
        Address a = addressOf(member->getBase());
        if (a.offset)
          a.offset = *a.offset + extra;
        return a;
      }
      sub = member->getBase()->IgnoreParens();
    }
    // &((u32 __user *)optval)[k]
    if (const auto *sub_expr = dyn_cast<ArraySubscriptExpr>(sub)) {
      Address a = addressOf(sub_expr->getBase());
      auto index = constant(sub_expr->getIdx());
      auto scale = pointeeSize(sub_expr->getBase()->getType());
      if (a.offset && index && scale)
        a.offset = *a.offset + *index * int64_t(*scale) + extra;
      else
        a.offset.reset();
      return a;
    }
  }
  return {};
}

FunctionAccesses Collector::run() {
  for (const auto &[param, role] : seeds_.pointers)
    tracked_[param] = {role, false};

  struct RefFinder : RecursiveASTVisitor<RefFinder> {
    std::vector<const DeclRefExpr *> *refs;
    bool VisitDeclRefExpr(DeclRefExpr *ref) {
      refs->push_back(ref);
      return true;
    }
  } finder;
  finder.refs = &refs_;
  finder.TraverseStmt(const_cast<Stmt *>(fn_->getBody()));

  findCursors();
  findSockptrCursors();

  for (const DeclRefExpr *ref : refs_)
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && tracked_.count(var))
      classifyRef(ref);

  findHiddenAccesses();
  return std::move(out_);
}

void Collector::classifyRef(const DeclRefExpr *ref) {
  if (ref->getLocation().isMacroID() && classifyMacroRef(ref))
    return;
  if (inUnevaluatedContext(ref))
    return;
  if (isSockptrType(ref->getType()) && classifySockptrMember(ref))
    return;

  // Climb from the reference to the expression that consumes the address.
  const Stmt *child = ref;
  const Stmt *parent = parentStmt(ref);
  auto is_address_step = [&](const Stmt *p) {
    if (isa<ParenExpr>(p) || isa<CastExpr>(p) || isa<ArraySubscriptExpr>(p))
      return true;
    if (const auto *member = dyn_cast<MemberExpr>(p))
      return member->getBase() == child;
    if (const auto *bin = dyn_cast<BinaryOperator>(p))
      return bin->isAdditiveOp() && bin->getLHS() == child;
    if (const auto *unary = dyn_cast<UnaryOperator>(p))
      return unary->getOpcode() == UO_AddrOf;
    return false;
  };
  while (parent && is_address_step(parent)) {
    child = parent;
    parent = parentStmt(parent);
  }
  const auto *var = cast<VarDecl>(ref->getDecl());
  const Tracked &t = tracked_[var];

  if (!parent)
    return classifyInitializer(ref, child);

  if (const auto *call = dyn_cast<CallExpr>(parent)) {
    for (unsigned i = 0; i < call->getNumArgs(); ++i)
      if (call->getArg(i) == child)
        return classifyCall(call, i, cast<Expr>(child), ref);
    finding(ref, ref->getLocation(), ReasonCode::UnrecognizedUse,
            llvm::formatv("{0} is called through", shown(var)));
    return;
  }

  if (const auto *bin = dyn_cast<BinaryOperator>(parent);
      bin && classifyBinaryOperand(ref, child, bin))
    return;
  if (const auto *unary = dyn_cast<UnaryOperator>(parent);
      unary && t.is_cursor && unary->isIncrementDecrementOp())
    return classifyCursorIncDec(unary, var);
  if (isa<InitListExpr>(parent) || isa<CompoundLiteralExpr>(parent))
    return classifyInInitializerList(ref, cast<Expr>(parent));
  finding(ref, ref->getLocation(), ReasonCode::UnrecognizedUse,
          llvm::formatv("{0} is used in a {1} the classifier does not understand", shown(var),
                        parent->getStmtClassName()));
}

/// A reference spelt inside a macro: the argument of a get_user()/put_user()
/// invocation, or a use inside the body of a macro defined outside the
/// function. False when it is neither and is classified like any other.
bool Collector::classifyMacroRef(const DeclRefExpr *ref) {
  SourceLocation loc = ref->getLocation();
  SourceLocation spelling = sm_.getSpellingLoc(loc);
  unsigned arg = 0;
  const UaccessInvocation *inv = pp_.invocationAt(spelling, &arg);
  if (inv && insideBody(inv->name_loc)) {
    if (handled_.insert(inv).second)
      classifyMacroAccess(ref, *inv, arg);
    return true;
  }
  if (insideBody(spelling))
    return false;
  // Report at the use in the function, naming the author's macro.
  SourceLocation use = sm_.getExpansionLoc(loc);
  std::string outer =
      Lexer::getSourceText(CharSourceRange::getTokenRange(use, use), sm_, ctx_.getLangOpts())
          .str(); // the outermost macro the author wrote
  finding(ref, use, ReasonCode::AccessInMacroBody,
          llvm::formatv("{0} is used inside the body of macro {1}; the access "
                        "cannot be rewritten where it is written",
                        shown(cast<VarDecl>(ref->getDecl())), outer));
  return true;
}

/// A sockptr_t whose members are used directly. False when the reference is
/// not the base of a member access.
bool Collector::classifySockptrMember(const DeclRefExpr *ref) {
  const Stmt *p = parentStmt(ref);
  while (p && (isa<ParenExpr>(p) || isa<ImplicitCastExpr>(p)))
    p = parentStmt(p);
  const auto *member = dyn_cast_or_null<MemberExpr>(p);
  if (!member)
    return false;
  // `optval.user` goes through the anonymous union: name the last member.
  for (const Stmt *up = parentStmt(member); up && isa<MemberExpr>(up); up = parentStmt(up))
    member = cast<MemberExpr>(up);
  finding(member, ref->getLocation(), ReasonCode::SockptrRawMember,
          llvm::formatv("{0}.{1} reaches inside the sockptr_t; the conversion needs the "
                        "accessors of include/linux/sockptr.h",
                        shown(cast<VarDecl>(ref->getDecl())), member->getMemberDecl()->getName()));
  return true;
}

/// An address with no statement above it (`child`, the outermost step of
/// the address): the initializer of a variable, a cursor or otherwise.
void Collector::classifyInitializer(const DeclRefExpr *ref, const Stmt *child) {
  const auto *var = cast<VarDecl>(ref->getDecl());
  for (const auto &p : ctx_.getParents(*child))
    if (const auto *init_var = p.get<VarDecl>()) {
      auto it = tracked_.find(init_var);
      if (it != tracked_.end() && it->second.is_cursor) {
        Use use;
        use.kind = UseKind::CursorInit;
        use.anchor = ref;
        use.loc = where(ref->getLocation());
        use.var = init_var;
        use.address = addressOf(cast<Expr>(child));
        out_.uses.push_back(std::move(use));
      } else if (isSockptrType(init_var->getType())) {
        finding(ref, ref->getLocation(), ReasonCode::SockptrBridge,
                llvm::formatv("{0} is wrapped in a sockptr_t for a sockptr API", shown(var)));
      } else {
        finding(ref, ref->getLocation(), ReasonCode::UnrecognizedUse,
                llvm::formatv("{0} initializes '{1}'", shown(var), init_var->getName()));
      }
      return;
    }
  finding(ref, ref->getLocation(), ReasonCode::UnrecognizedUse,
          llvm::formatv("{0} is used outside any statement", shown(var)));
}

/// An address (`child`) as an operand of `bin`: assigned from, a cursor
/// assigned to, or a cursor moved by `+=`/`-=`. False for any other operand.
bool Collector::classifyBinaryOperand(const DeclRefExpr *ref, const Stmt *child,
                                      const BinaryOperator *bin) {
  const auto *var = cast<VarDecl>(ref->getDecl());
  const Tracked &t = tracked_[var];
  if (bin->getOpcode() == BO_Assign && bin->getRHS() == child) {
    classifyAssignedFrom(ref, bin);
    return true;
  }
  if (bin->getOpcode() == BO_Assign && bin->getLHS() == child && t.is_cursor) {
    if (!derivesFromOptval(bin->getRHS()))
      finding(bin, ref->getLocation(), ReasonCode::ComputedOffsetWrite,
              llvm::formatv("cursor '{0}' is reassigned to something other than "
                            "a position in optval",
                            shown(var)));
    return true; // the assignment itself is a CursorInit from its right side
  }
  if ((bin->getOpcode() == BO_AddAssign || bin->getOpcode() == BO_SubAssign) &&
      bin->getLHS() == child && t.is_cursor) {
    Use use;
    use.kind = UseKind::CursorAdvance;
    use.anchor = bin;
    use.loc = where(bin->getOperatorLoc());
    use.var = var;
    auto step = constant(bin->getRHS());
    use.size = bin->getRHS();
    if (step)
      use.advance = bin->getOpcode() == BO_AddAssign ? *step : -*step;
    else if (bin->getOpcode() == BO_SubAssign)
      use.advance = -1; // moves back by an unknown amount
    out_.uses.push_back(std::move(use));
    return true;
  }
  return false;
}

/// `x = <address>`: a cursor set, a copy of the pointer into a local, or the
/// pointer stored for later.
void Collector::classifyAssignedFrom(const DeclRefExpr *ref, const BinaryOperator *bin) {
  const auto *var = cast<VarDecl>(ref->getDecl());
  const Expr *lhs = bin->getLHS()->IgnoreParens();
  if (const auto *lref = dyn_cast<DeclRefExpr>(lhs)) {
    auto it = tracked_.find(dyn_cast<VarDecl>(lref->getDecl()));
    if (it != tracked_.end() && it->second.is_cursor) {
      Use use;
      use.kind = UseKind::CursorInit;
      use.anchor = bin;
      use.loc = where(bin->getOperatorLoc());
      use.var = cast<VarDecl>(lref->getDecl());
      use.address = addressOf(bin->getRHS());
      out_.uses.push_back(std::move(use));
      return;
    }
    const auto *target = dyn_cast<VarDecl>(lref->getDecl());
    if (target && target->isLocalVarDecl()) {
      // net/rds/info.c rds_info_getsockopt(): `start = (unsigned
      // long)optval;` then pin_user_pages_fast(start, ...).
      if (const CallExpr *pin = pinningCallOf(target)) {
        finding(bin, ref->getLocation(), ReasonCode::PinnedUserPages,
                llvm::formatv("the pages behind {0} (copied into '{1}') are pinned with "
                              "{2}()",
                              shown(var), target->getName(), pin->getDirectCallee()->getName()));
        return;
      }
      finding(bin, ref->getLocation(), ReasonCode::UnrecognizedUse,
              llvm::formatv("{0} is copied into '{1}'", shown(var), target->getName()));
      return;
    }
  }
  finding(bin, ref->getLocation(), ReasonCode::StoredUserPointer,
          llvm::formatv("{0} is stored outside the function for later use", shown(var)));
}

/// `p++`, `p--` on a cursor: it moves by the size of what it points to.
void Collector::classifyCursorIncDec(const UnaryOperator *unary, const VarDecl *var) {
  Use use;
  use.kind = UseKind::CursorAdvance;
  use.anchor = unary;
  use.loc = where(unary->getOperatorLoc());
  use.var = var;
  int64_t size = int64_t(pointeeSize(var->getType()).value_or(1));
  use.advance = unary->isIncrementOp() ? size : -size;
  out_.uses.push_back(std::move(use));
}

/// The address as an element of an initializer list or compound literal
/// (`list`): a sockptr_t built around it, or the pointer stored in a struct.
void Collector::classifyInInitializerList(const DeclRefExpr *ref, const Expr *list) {
  const auto *var = cast<VarDecl>(ref->getDecl());
  QualType type = list->getType();
  if (isSockptrType(type))
    finding(ref, ref->getLocation(), ReasonCode::SockptrBridge,
            llvm::formatv("{0} is wrapped in a sockptr_t for a sockptr API", shown(var)));
  else
    finding(
        ref, ref->getLocation(), ReasonCode::StoredUserPointer,
        llvm::formatv("{0} is stored in an initializer of '{1}'", shown(var), type.getAsString()));
}

void Collector::classifyCall(const CallExpr *call, unsigned arg, const Expr *arg_expr,
                             const DeclRefExpr *ref) {
  const auto *var = cast<VarDecl>(ref->getDecl());
  const FunctionDecl *callee = call->getDirectCallee();
  SourceLocation loc = ref->getLocation();

  if (!callee) {
    const Expr *target = call->getCallee()->IgnoreParenImpCasts();
    if (const auto *member = dyn_cast<MemberExpr>(target);
        member && member->getMemberDecl()->getName() == "getsockopt") {
      finding(call, loc, ReasonCode::ForwardedToLegacyGetsockopt,
              llvm::formatv("{0} is handed to another legacy getsockopt callback", shown(var)));
      return;
    }
    return passToFunction(call, arg, arg_expr, ref, call);
  }
  StringRef name = callee->getName();

  if (CopyDirection dir = copyDirection(name); dir != CopyDirection::None)
    return classifyUserCopy(call, dir, arg, arg_expr, ref);
  if (auto copy = sockptrCopy(name)) {
    if (arg != copy->pointer || call->getNumArgs() <= copy->size) {
      finding(call, loc, ReasonCode::UnrecognizedUse,
              llvm::formatv("{0} is passed as a kernel buffer to {1}()", shown(var), name));
      return;
    }
    return classifySockptrCopy(call, *copy, arg, arg_expr, ref);
  }
  if (name == "copy_struct_from_sockptr" && arg == 2)
    return classifyStructFromSockptr(call, arg_expr, ref);
  if (name == "sockptr_is_null") {
    finding(call, loc, ReasonCode::SockptrNullTest,
            llvm::formatv("{0} is tested with sockptr_is_null(); an iterator has no NULL "
                          "form (an empty buffer is not the same thing)",
                          shown(var)));
    return;
  }
  if (name == "sockptr_advance")
    return classifySockptrAdvance(call, var);
  if (name == "USER_SOCKPTR")
    return classifyBridge(call, ref);
  if (name == "sockopt_init_user" && call->getNumArgs() == 3 &&
      arg == (tracked_[var].role == Role::Optval ? 1u : 2u))
    return; // the wrapper of a converted inner helper: the core's own reads
            // (rewrites/WrapperRule.cpp); what the helper does is its own

  if (pinsUserPages(name)) {
    finding(call, loc, ReasonCode::PinnedUserPages,
            llvm::formatv("the pages behind {0} are pinned with {1}()", shown(var), name));
    return;
  }
  if (name == "check_zeroed_sockptr" && arg == 0) {
    // net/ipv4/tcp.c TCP_ZEROCOPY_RECEIVE: a caller's struct larger than the
    // kernel's is accepted only if the extra bytes are zero.
    finding(call, loc, ReasonCode::StructReadTailCheck,
            llvm::formatv("the bytes of {0} past the kernel's struct are checked to be zero "
                          "with check_zeroed_sockptr(); iter_in can read them, but no "
                          "iterator helper checks them",
                          shown(var)));
    return;
  }
  // A same-file helper named like an access (sock.c's groups_to_user()) is
  // followed like any other helper.
  const FunctionDecl *def = callee->getDefinition();
  bool local = def && def->hasBody() && !def->hasSkippedBody() &&
               sm_.isInMainFile(sm_.getExpansionLoc(def->getLocation()));
  if (!local && (isOtherUserAccess(name) || name.contains("sockptr"))) {
    finding(call, loc, ReasonCode::UnrecognizedUse,
            llvm::formatv("{0} is passed to {1}(), which has no iterator form in the "
                          "conversion table",
                          shown(var), name));
    return;
  }
  passToFunction(call, arg, arg_expr, ref, call);
}

/// copy_{to,from}_user() and their variants (`dir`), with the user pointer
/// as argument `arg`: an access of optval or optlen when that is the user
/// side of the copy.
void Collector::classifyUserCopy(const CallExpr *call, CopyDirection dir, unsigned arg,
                                 const Expr *arg_expr, const DeclRefExpr *ref) {
  const auto *var = cast<VarDecl>(ref->getDecl());
  const Tracked &t = tracked_[var];
  StringRef name = call->getDirectCallee()->getName();
  unsigned user_arg = dir == CopyDirection::ToUser ? 0 : 1;
  if (arg != user_arg || call->getNumArgs() != 3) {
    finding(call, ref->getLocation(), ReasonCode::UnrecognizedUse,
            llvm::formatv("{0} is passed as a kernel buffer to {1}()", shown(var), name));
    return;
  }
  Use use;
  use.anchor = call;
  use.loc = where(call->getBeginLoc());
  use.op = name.str();
  use.pointer = arg_expr;
  use.size = call->getArg(2);
  if (auto n = constant(call->getArg(2)); n && *n >= 0)
    use.width = uint64_t(*n);
  use.address = addressOf(arg_expr);
  if (t.role == Role::Optlen) {
    use.kind = dir == CopyDirection::ToUser ? UseKind::WriteOptlen : UseKind::ReadOptlen;
    if (use.kind == UseKind::ReadOptlen)
      if (const auto *dst = dyn_cast<UnaryOperator>(call->getArg(0)->IgnoreParenCasts()))
        if (const auto *dref = dyn_cast<DeclRefExpr>(dst->getSubExpr()->IgnoreParens()))
          use.var = dyn_cast<VarDecl>(dref->getDecl());
  } else {
    use.kind = dir == CopyDirection::ToUser ? UseKind::WriteOptval : UseKind::ReadOptval;
  }
  out_.uses.push_back(std::move(use));
  checkResultUse(call, name, /*returns_count=*/true, call->getBeginLoc());
}

/// copy_struct_from_sockptr(dst, ksize, optval, usize): a read of optval,
/// and a finding for the check that comes with it.
void Collector::classifyStructFromSockptr(const CallExpr *call, const Expr *arg_expr,
                                          const DeclRefExpr *ref) {
  const auto *var = cast<VarDecl>(ref->getDecl());
  StringRef name = call->getDirectCallee()->getName();
  // include/linux/sockptr.h: copies min(ksize, usize) bytes and, when the
  // caller's struct is larger, fails unless the rest is zero
  // (check_zeroed_sockptr): a read and a check no iterator call makes.
  Use use;
  use.kind = UseKind::ReadOptval;
  use.anchor = call;
  use.loc = where(call->getBeginLoc());
  use.op = name.str();
  use.pointer = arg_expr;
  use.address = addressOf(arg_expr);
  out_.uses.push_back(std::move(use));
  finding(call, call->getBeginLoc(), ReasonCode::StructReadTailCheck,
          llvm::formatv("{0} is read with copy_struct_from_sockptr(), which also requires "
                        "the bytes past the kernel's struct to be zero; copy_from_iter() "
                        "has no such check",
                        shown(var)));
}

/// sockptr_advance(cursor, n): the sockptr_t form of `p += n`.
void Collector::classifySockptrAdvance(const CallExpr *call, const VarDecl *var) {
  Use use;
  use.kind = UseKind::CursorAdvance;
  use.anchor = call;
  use.loc = where(call->getBeginLoc());
  use.var = var;
  if (call->getNumArgs() == 2)
    use.advance = constant(call->getArg(1));
  out_.uses.push_back(std::move(use));
}

/// copy_{to,from}_sockptr[_offset](): the sockptr_t forms of the user
/// copies, at the offset the call names. They return 0 or -EFAULT like
/// get_user(), not a count of bytes left.
void Collector::classifySockptrCopy(const CallExpr *call, const SockptrCopy &copy, unsigned,
                                    const Expr *arg_expr, const DeclRefExpr *ref) {
  const Tracked &t = tracked_[cast<VarDecl>(ref->getDecl())];
  StringRef name = call->getDirectCallee()->getName();
  Use use;
  use.anchor = call;
  use.loc = where(call->getBeginLoc());
  use.op = name.str();
  use.pointer = arg_expr;
  use.size = call->getArg(copy.size);
  if (auto n = constant(use.size); n && *n >= 0)
    use.width = uint64_t(*n);
  use.address = addressOf(arg_expr);
  if (copy.offset >= 0) {
    use.offset = call->getArg(unsigned(copy.offset));
    use.offset_base = use.address;
    if (const auto *ref = dyn_cast<DeclRefExpr>(use.offset->IgnoreParenImpCasts()))
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && var->isLocalVarDecl())
        use.offset_var = var;
    auto off = constant(use.offset);
    if (use.address.offset && off)
      use.address.offset = *use.address.offset + *off;
    else
      use.address.offset.reset();
  }
  if (t.role == Role::Optlen) {
    use.kind = copy.to ? UseKind::WriteOptlen : UseKind::ReadOptlen;
    if (!copy.to)
      if (const auto *dst = dyn_cast<UnaryOperator>(call->getArg(0)->IgnoreParenCasts()))
        if (const auto *dref = dyn_cast<DeclRefExpr>(dst->getSubExpr()->IgnoreParens()))
          use.var = dyn_cast<VarDecl>(dref->getDecl());
  } else {
    use.kind = copy.to ? UseKind::WriteOptval : UseKind::ReadOptval;
  }
  out_.uses.push_back(std::move(use));
  checkResultUse(call, name, /*returns_count=*/false, call->getBeginLoc());
}

/// `f(..., USER_SOCKPTR(optval), ...)`: optval goes on into f as a sockptr_t
/// (net/ipv4/tcp.c: tcp_getsockopt() -> do_tcp_getsockopt()). The bridge is
/// a reason of its own (the conversion must also convert f or bridge back),
/// and the analysis follows into f.
void Collector::classifyBridge(const CallExpr *bridge, const DeclRefExpr *ref) {
  const auto *var = cast<VarDecl>(ref->getDecl());
  const Stmt *child = bridge;
  const Stmt *parent = parentStmt(bridge);
  while (parent && (isa<ParenExpr>(parent) || isa<ImplicitCastExpr>(parent))) {
    child = parent;
    parent = parentStmt(parent);
  }
  const auto *outer = dyn_cast_or_null<CallExpr>(parent);
  const FunctionDecl *target = outer ? outer->getDirectCallee() : nullptr;
  finding(bridge, ref->getLocation(), ReasonCode::SockptrBridge,
          target ? llvm::formatv("{0} is bridged into sockptr_t with USER_SOCKPTR() for {1}()",
                                 shown(var), target->getName())
                       .str()
                 : llvm::formatv("{0} is bridged into sockptr_t with USER_SOCKPTR() for a "
                                 "sockptr API",
                                 shown(var))
                       .str());
  if (!outer)
    return;
  for (unsigned i = 0; i < outer->getNumArgs(); ++i)
    if (outer->getArg(i) == child)
      return passToFunction(outer, i, cast<Expr>(child), ref, outer);
}

/// optval/optlen (or a sockptr_t carrying them) as argument `arg` of a
/// direct call to a function that is not an access primitive: a helper in
/// this file, followed recursively, or a function defined elsewhere, which
/// the whole-tree analysis follows into the unit that defines it.
void Collector::passToFunction(const CallExpr *call, unsigned arg, const Expr *arg_expr,
                               const DeclRefExpr *ref, const Stmt *anchor) {
  const auto *var = cast<VarDecl>(ref->getDecl());
  const Tracked &t = tracked_[var];
  const FunctionDecl *callee = call->getDirectCallee();
  if (!callee) {
    finding(call, ref->getLocation(), ReasonCode::IndirectCall,
            llvm::formatv("{0} is passed to an indirect call; the target is chosen at run time",
                          shown(var)));
    return;
  }
  StringRef name = callee->getName();
  const Expr *stripped = arg_expr->IgnoreParenCasts();
  if (const auto *bridge = dyn_cast<CallExpr>(stripped);
      bridge && bridge->getDirectCallee() && bridge->getDirectCallee()->getName() == "USER_SOCKPTR")
    stripped = bridge->getArg(0)->IgnoreParenCasts();
  if (stripped != ref || t.is_cursor) {
    finding(call, ref->getLocation(), ReasonCode::ComputedOffsetWrite,
            llvm::formatv("a position inside {0} is passed to {1}()", shown(var), name));
    return;
  }
  // Both pointers of one call make one hand-off.
  if (!handled_.insert(call).second) {
    for (Use &use : out_.uses)
      if ((use.kind == UseKind::HelperCall || use.kind == UseKind::ExternalCall) &&
          use.call == call) {
        use.callee_pointers.emplace_back(arg, t.role);
        if (use.kind == UseKind::ExternalCall) {
          Use second = use;
          second.loc = where(ref->getLocation());
          second.callee_pointers = {{arg, t.role}};
          out_.uses.push_back(std::move(second));
        }
        return;
      }
    return;
  }
  const FunctionDecl *def = callee->getDefinition();
  Use use;
  use.anchor = anchor;
  use.call = call;
  use.callee_pointers.emplace_back(arg, t.role);
  if (def && def->hasBody() && !def->hasSkippedBody() &&
      sm_.isInMainFile(sm_.getExpansionLoc(def->getLocation())) && arg < def->getNumParams()) {
    use.kind = UseKind::HelperCall;
    use.loc = where(call->getBeginLoc());
    use.callee = def;
  } else {
    use.kind = UseKind::ExternalCall;
    use.loc = where(ref->getLocation());
    use.callee = def ? def : callee;
    // A header's static inline function with a body this parse skipped:
    // most often the stub of a configuration option that is off.
    if (def && def->isInlined() && !def->isExternallyVisible() &&
        !sm_.isInMainFile(sm_.getExpansionLoc(def->getLocation()))) {
      use.header_stub = true;
      use.stub_branch = pp_.conditions().configBranchAt(def->getLocation());
    }
  }
  out_.uses.push_back(std::move(use));
}

void Collector::classifyMacroAccess(const DeclRefExpr *ref, const UaccessInvocation &inv,
                                    unsigned arg) {
  const auto *var = cast<VarDecl>(ref->getDecl());
  const Tracked &t = tracked_[var];
  SourceLocation name_loc = inv.name_loc;
  if (arg != 1 || inv.args.size() != 2) {
    finding(ref, name_loc, ReasonCode::UnrecognizedUse,
            llvm::formatv("{0} is the value, not the pointer, of {1}()", shown(var), inv.macro));
    return;
  }
  auto within = [&](const FileSpan &span, const Stmt *s) {
    auto [bf, bo] = sm_.getDecomposedLoc(sm_.getSpellingLoc(s->getBeginLoc()));
    auto [ef, eo] = sm_.getDecomposedLoc(sm_.getSpellingLoc(s->getEndLoc()));
    return span.contains(bf, bo) && span.contains(ef, eo);
  };
  auto expanded_within = [&](const FileSpan &span, const Stmt *s) {
    auto [bf, bo] = sm_.getDecomposedLoc(sm_.getExpansionLoc(s->getBeginLoc()));
    auto [ef, eo] = sm_.getDecomposedLoc(sm_.getExpansionLoc(s->getEndLoc()));
    return span.contains(bf, bo) && span.contains(ef, eo);
  };

  // The macro uses its pointer argument several times (in __typeof__, in
  // sizeof, in the asm operand the call reads). Each copy is a reference to
  // the parameter; the evaluated one is the copy whose parents lead out of
  // the invocation into the author's code (a copy inside a type's
  // __typeof__ has no statement parents past the type). From it: the
  // pointer argument as the AST sees it, e.g. `(u32 __user *)optval`, and
  // the outermost node expanded from the invocation, which the walk
  // evaluates.
  const Stmt *pointer = ref, *anchor = ref;
  for (const DeclRefExpr *candidate : refs_) {
    if (candidate->getDecl() != ref->getDecl())
      continue;
    auto [cf, co] = sm_.getDecomposedLoc(sm_.getSpellingLoc(candidate->getLocation()));
    if (!inv.args[1].contains(cf, co))
      continue;
    const Stmt *p_candidate = candidate;
    for (const Stmt *p = parentStmt(p_candidate); p && isa<Expr>(p) && within(inv.args[1], p);
         p = parentStmt(p))
      p_candidate = p;
    const Stmt *a_candidate = p_candidate;
    const Stmt *outside = enclosingStmt(a_candidate);
    for (; outside && expanded_within(inv.whole, outside); outside = enclosingStmt(outside))
      a_candidate = outside;
    if (outside) {
      pointer = p_candidate;
      anchor = a_candidate;
      break;
    }
  }

  Use use;
  use.anchor = anchor;
  use.loc = name_loc;
  use.op = inv.macro;
  use.invocation = &inv;
  use.pointer = cast<Expr>(pointer);
  use.address = addressOf(cast<Expr>(pointer));
  use.width = pointeeSize(cast<Expr>(pointer)->getType());
  bool is_get = StringRef(inv.macro).contains("get_user");
  if (is_get) // the destination, when it is a plain variable
    for (const DeclRefExpr *other : refs_) {
      auto [f, o] = sm_.getDecomposedLoc(sm_.getSpellingLoc(other->getLocation()));
      if (inv.args[0].contains(f, o))
        if (const auto *target = dyn_cast<VarDecl>(other->getDecl())) {
          use.var = target;
          break;
        }
    }
  if (t.role == Role::Optlen)
    use.kind = is_get ? UseKind::ReadOptlen : UseKind::WriteOptlen;
  else
    use.kind = is_get ? UseKind::ReadOptval : UseKind::WriteOptval;
  out_.uses.push_back(std::move(use));
  checkResultUse(anchor, inv.macro, /*returns_count=*/false, name_loc);
}

/// The forms the rewrite knows how to turn into their iterator equivalents:
/// the access as a condition (`if (put_user(...))`, `a || b`, `!a`, `a ? :`),
/// as a statement, and for get_user/put_user (0 or -EFAULT) also assigned or
/// returned. copy_*_user() returns a count of bytes left, which the
/// iterator calls do not reproduce: keeping that count is not understood.
void Collector::checkResultUse(const Stmt *anchor, StringRef op, bool returns_count,
                               SourceLocation loc) {
  const Stmt *parent = parentStmt(anchor);
  while (parent && (isa<ParenExpr>(parent) || isa<ImplicitCastExpr>(parent))) {
    parent = parentStmt(parent);
  }
  // unlikely(x) is __builtin_expect(!!(x), 0).
  while (parent && isa<UnaryOperator>(parent) &&
         cast<UnaryOperator>(parent)->getOpcode() == UO_LNot) {
    parent = parentStmt(parent);
    while (parent && (isa<ParenExpr>(parent) || isa<ImplicitCastExpr>(parent))) {
      parent = parentStmt(parent);
    }
  }
  if (const auto *call = dyn_cast_or_null<CallExpr>(parent))
    if (call->getBuiltinCallee() == Builtin::BI__builtin_expect)
      return;
  if (!parent) { // a VarDecl initializer
    if (!returns_count)
      return;
    parent = anchor;
  }
  if (isa<IfStmt>(parent) || isa<CompoundStmt>(parent) || isa<ConditionalOperator>(parent) ||
      isa<SwitchCase>(parent) || isa<WhileStmt>(parent))
    return;
  if (const auto *bin = dyn_cast<BinaryOperator>(parent)) {
    if (bin->isLogicalOp())
      return;
    if (bin->getOpcode() == BO_Assign && !returns_count)
      return;
  }
  if (isa<ReturnStmt>(parent) && !returns_count)
    return;
  finding(anchor, loc, ReasonCode::UnrecognizedUse,
          returns_count ? llvm::formatv("the count of bytes {0}() did not copy is used as a "
                                        "number; the iterator call returns bytes copied",
                                        op)
                              .str()
                        : llvm::formatv("the result of {0}() is used in a {1}", op,
                                        parent->getStmtClassName())
                              .str());
}

/// Accesses in `#if` branches this configuration does not compile are not
/// in the AST; find the parameter names in the skipped text of the body.
void Collector::findHiddenAccesses() {
  SourceRange body = fn_->getBody()->getSourceRange();
  SourceLocation body_begin = sm_.getExpansionLoc(body.getBegin());
  SourceLocation body_end = sm_.getExpansionLoc(body.getEnd());
  for (SourceRange skipped : pp_.skippedRanges()) {
    if (sm_.getFileID(skipped.getBegin()) != sm_.getFileID(body_begin) ||
        sm_.isBeforeInTranslationUnit(skipped.getBegin(), body_begin) ||
        sm_.isBeforeInTranslationUnit(body_end, skipped.getBegin()))
      continue;
    bool invalid = false;
    StringRef file = sm_.getBufferData(sm_.getFileID(skipped.getBegin()), &invalid);
    if (invalid)
      continue;
    unsigned begin = sm_.getFileOffset(skipped.getBegin());
    unsigned end = std::min<unsigned>(sm_.getFileOffset(skipped.getEnd()), file.size());
    Lexer lexer(sm_.getLocForStartOfFile(sm_.getFileID(skipped.getBegin())), ctx_.getLangOpts(),
                file.begin(), file.begin() + begin, file.end());
    Token tok;
    bool found = false;
    while (!lexer.LexFromRawLexer(tok) && sm_.getFileOffset(tok.getLocation()) < end) {
      if (!tok.is(tok::raw_identifier))
        continue;
      StringRef word = tok.getRawIdentifier();
      for (const auto &[var, info] : tracked_)
        if (shown(var) == word) {
          finding(fn_->getBody(), tok.getLocation(), ReasonCode::PreprocessorHidden,
                  llvm::formatv("{0} is used in a branch of #if that this "
                                "configuration does not compile",
                                word));
          found = true;
          break;
        }
      if (found)
        break;
    }
  }
}

} // namespace

FunctionAccesses collectAccesses(const FunctionDecl *fn, const Seeds &seeds,
                                 const PreprocessorFacts &pp, ASTContext &ctx) {
  return Collector(fn, seeds, pp, ctx).run();
}

} // namespace sockopt
