// The scan of one translation unit, stage by stage: the registrations and
// the functions they name, the classification of every legacy and
// sockptr_t implementation, the check rules, and the rewrite units whose
// success or failure settles each verdict (engine/ScanAction.h).
#include "engine/ScanAction.h"

#include "analysis/Classifier.h"
#include "analysis/Discovery.h"
#include "analysis/HiddenRegistrations.h"
#include "analysis/FunctionReferences.h"
#include "analysis/UaccessMacros.h"
#include "checks/Registry.h"
#include "model/Verdict.h"
#include "rewrites/ImplementationRewriter.h"
#include "rewrites/Rules.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace sockopt {

using namespace clang;

namespace {

/// Every call of a sockptr_t getsockopt in the main file, with the caller
/// and how it made optval: USER_SOCKPTR() (a user buffer), KERNEL_SOCKPTR()
/// (a kernel buffer: BPF's sol_*_sockopt() in net/core/filter.c) or a
/// sockptr_t it was given itself.
struct SockptrCallFinder : RecursiveASTVisitor<SockptrCallFinder> {
  const SourceManager *sm = nullptr;
  const FunctionDecl *current = nullptr;
  std::vector<std::pair<std::string, SockptrCaller>> *out = nullptr;

  bool TraverseFunctionDecl(FunctionDecl *fn) {
    if (!fn->doesThisDeclarationHaveABody() ||
        !sm->isInMainFile(sm->getExpansionLoc(fn->getLocation())))
      return true;
    const FunctionDecl *outer = current;
    current = fn;
    bool ok = RecursiveASTVisitor::TraverseFunctionDecl(fn);
    current = outer;
    return ok;
  }
  bool VisitCallExpr(CallExpr *call) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (!current || !callee || !hasSockptrGetsockoptSignature(callee) || call->getNumArgs() != 5)
      return true;
    SockptrCaller caller;
    caller.function = current->getNameAsString();
    caller.where = pointOf(*sm, call->getBeginLoc());
    const Expr *optval = call->getArg(3)->IgnoreParenImpCasts();
    if (const auto *bridge = dyn_cast<CallExpr>(optval); bridge && bridge->getDirectCallee()) {
      StringRef maker = bridge->getDirectCallee()->getName();
      caller.bridge = maker == "USER_SOCKPTR"     ? Bridge::User
                      : maker == "KERNEL_SOCKPTR" ? Bridge::Kernel
                                                  : Bridge::Other;
    } else if (const auto *ref = dyn_cast<DeclRefExpr>(optval); ref && isa<ParmVarDecl>(ref->getDecl()))
      caller.bridge = Bridge::Sockptr;
    else
      caller.bridge = Bridge::Other;
    out->emplace_back(callee->getNameAsString(), std::move(caller));
    return true;
  }
};
/// A call in `record` that passes the function's own optval and optlen,
/// unchanged, as optval and optlen of a function with the legacy getsockopt
/// signature defined in another unit (net/atm/pvc.c: `vcc_getsockopt(sock,
/// level, optname, optval, optlen)`).
bool isLegacyHandOff(const Use &use, const FunctionRecord &record) {
  if (use.kind != UseKind::ExternalCall || use.header_stub ||
      !hasLegacyGetsockoptSignature(use.callee) || use.call->getNumArgs() != 5)
    return false;
  for (unsigned index : {3u, 4u}) {
    Role want = index == 3 ? Role::Optval : Role::Optlen;
    const auto *ref = dyn_cast<DeclRefExpr>(use.call->getArg(index)->IgnoreParenImpCasts());
    const auto *param = ref ? dyn_cast<ParmVarDecl>(ref->getDecl()) : nullptr;
    auto seed = param ? record.seeds.pointers.find(param) : record.seeds.pointers.end();
    if (seed == record.seeds.pointers.end() || seed->second != want)
      return false;
  }
  for (const auto &[index, role] : use.callee_pointers)
    if (index != 3 && index != 4)
      return false;
  return true;
}

/// Whether `fn` (with its helpers) hands optval/optlen to other units only
/// through legacy hand-offs, and they are all that keeps it manual: it
/// converts with its callees (engine/CrossFileConversions.h).
bool onlyCrossFileHandOffs(Classifier &classifier, const FunctionDecl *fn,
                           const Implementation &impl) {
  if (impl.reasons.empty())
    return false;
  for (const Reason &r : impl.reasons)
    if (r.code != ReasonCode::PassedToExternalFunction)
      return false;
  std::vector<const FunctionDecl *> walked = classifier.helpersOf(fn);
  walked.insert(walked.begin(), fn);
  for (const FunctionDecl *f : walked)
    if (const FunctionRecord *record = classifier.record(f))
      for (const Use &use : record->accesses.uses)
        if (use.kind == UseKind::ExternalCall && !isLegacyHandOff(use, *record))
          return false;
  return true;
}
/// Whether `fn` is, or may be, a struct proto getsockopt: registered in a
/// struct proto here, or registered nowhere here and taking a struct sock
/// (net/dccp/proto.c's dccp_getsockopt(), which net/dccp/ipv4.c registers).
bool mayBeProtoHook(const FunctionDecl *fn, const Implementation &impl) {
  if (impl.kind == Kind::Proto)
    return true;
  if (impl.kind != Kind::Other || !impl.registrations.empty())
    return false;
  const RecordDecl *record = firstParamRecord(fn);
  return record && record->getName() == "sock";
}

/// Whether `record` only hands optval/optlen on (to helpers, to other
/// units) and accesses neither itself: a hook that reads optlen and passes
/// the length down with the pointers (net/sctp/socket.c) is not one a
/// wrapper can stand in for.
bool onlyDispatches(const FunctionRecord &record) {
  for (const Use &use : record.accesses.uses)
    if (use.kind != UseKind::HelperCall && use.kind != UseKind::ExternalCall &&
        use.kind != UseKind::Finding)
      return false;
  return true;
}

/// One run of scanTranslationUnit(): its stages share what the earlier
/// ones found.
class UnitScan {
public:
  UnitScan(ASTContext &ctx, const PreprocessorFacts &pp, TranslationUnitResult &result,
           ScanAction::Mode mode, const SharedPchUse *prefix)
      : ctx_(ctx), sm_(ctx.getSourceManager()), pp_(pp), result_(result), mode_(mode),
        prefix_(prefix), counter_(ctx, prefix ? prefix->references : nullptr),
        classifier_(ctx, pp) {}

  void run() {
    classifyRegistered();
    classifyCandidates();
    classifySockptrImplementations();
    noteSharedHelpers();
    for (auto &[fn, impl] : by_function_)
      settleVerdict(impl);
    for (Implementation &impl : result_.candidates)
      settleVerdict(impl);
    for (Implementation &impl : result_.sockptr_implementations)
      settleVerdict(impl);
    if (mode_ == ScanAction::Mode::Check)
      runChecks();
    rewriteConvertible();
    rewriteInnerHelpers();
    rewriteAcrossUnits();
    noteLegacyReferences();
    finish();
  }

private:
  void describe(const FunctionDecl *fn, Implementation &impl) const {
    impl.function = fn->getNameAsString();
    impl.where = pointOf(sm_, fn->getLocation());
    impl.externally_visible = fn->isExternallyVisible();
  }
  /// `fn` and the helpers the classifier followed from it.
  std::vector<const FunctionDecl *> walkedFrom(const FunctionDecl *fn) {
    std::vector<const FunctionDecl *> walked = classifier_.helpersOf(fn);
    walked.insert(walked.begin(), fn);
    return walked;
  }

  void classifyRegistered();
  void classifyCandidates();
  void classifySockptrImplementations();
  void noteSharedHelpers();
  void runChecks();
  void rewriteConvertible();
  void rewriteAcrossUnits();
  void rewriteSharedHelpers();
  void noteExported(const FunctionDecl *fn, RewriteUnit &unit) const;
  void rewriteInnerHelpers();
  Implementation classifyInner(const FunctionDecl *hook, const Implementation &hook_impl,
                               const Use &call);
  void wrapInnerHelpersOfOtherFiles(const FunctionDecl *hook, const Implementation &hook_impl,
                                    const FunctionRecord &record);
  void noteConvertedInnerHelpers();
  struct InnerTree {
    std::vector<const FunctionDecl *> functions; // the inner helper first; empty: none
    std::vector<Reason> obstacles;
    bool analysed_away = false; // an access or hand-off with no iterator form
    /// The inner helper is externally visible: other files may call it
    /// (net/ipv4/udp.c's udp_lib_getsockopt(), exported and called by
    /// net/ipv6/udp.c), so it converts only with them.
    bool across_files = false;
  };
  InnerTree innerHelperTree(const FunctionDecl *hook, const Use &call);
  void noteLegacyReferences();
  void finish();

  ASTContext &ctx_;
  const SourceManager &sm_;
  const PreprocessorFacts &pp_;
  TranslationUnitResult &result_;
  ScanAction::Mode mode_;
  const SharedPchUse *prefix_;
  std::vector<FoundRegistration> registrations_;
  FunctionReferences counter_;
  Classifier classifier_;
  /// One entry per registered function defined here, with all its
  /// registrations, in the order of the registrations.
  std::map<const FunctionDecl *, Implementation> by_function_;
  std::vector<const FunctionDecl *> order_;
  /// Externally visible functions with the legacy signature that no
  /// registration here names (result_.candidates, in this order).
  std::vector<const FunctionDecl *> candidates_;
  /// Every classified legacy or sockptr_t implementation, and its entry.
  std::vector<std::pair<const FunctionDecl *, Implementation *>> legacy_;
  /// Legacy hand-offs to other units, by call: the implementation making it.
  std::map<const CallExpr *, std::string> handed_by_;
  /// Inner helpers that convert with their callers in other files, if at
  /// all: not candidates to convert to getsockopt_iter.
  std::set<const FunctionDecl *> inner_across_files_;
};

/// The registrations of the unit, the sockptr_t calls, and the
/// classification of every registered function defined here.
void UnitScan::classifyRegistered() {
  result_.sockopt_type = findSockoptType(ctx_, prefix_ ? prefix_->sockopt_type : nullptr);
  registrations_ = findRegistrations(ctx_);
  result_.hidden_registrations =
      findHiddenRegistrations(sm_, ctx_.getLangOpts(), pp_.skippedRanges());
  SockptrCallFinder calls;
  calls.sm = &sm_;
  calls.out = &result_.sockptr_calls;
  for (Decl *d : localDecls(ctx_))
    calls.TraverseDecl(d);
  limitTraversalToMainFile(ctx_);
  for (const FoundRegistration &found : registrations_) {
    const FunctionDecl *def = found.function->getDefinition();
    if (!def || !def->hasBody()) {
      result_.foreign_registrations.push_back(
          {found.function->getNameAsString(), found.registration});
      continue;
    }
    auto [it, inserted] = by_function_.try_emplace(def);
    if (inserted)
      order_.push_back(def);
    it->second.registrations.push_back(found.registration);
  }
  for (const FunctionDecl *fn : order_) {
    Implementation &impl = by_function_[fn];
    describe(fn, impl);
    if (registeredAsIter(impl.registrations))
      continue; // already converted: nothing to classify
    if (!hasLegacyGetsockoptSignature(fn)) {
      impl.reasons.push_back({ReasonCode::UnrecognizedUse,
                              "the function does not have the legacy getsockopt "
                              "signature (optval, optlen at positions 4 and 5)",
                              impl.where});
    } else {
      classifier_.classify(fn, impl);
      legacy_.emplace_back(fn, &impl);
    }
  }
}

/// Externally visible functions with the legacy signature that another
/// translation unit may register (e.g. sock_common_getsockopt).
void UnitScan::classifyCandidates() {
  for (const Decl *d : localDecls(ctx_)) {
    const auto *fn = dyn_cast<FunctionDecl>(d);
    if (!fn || !fn->doesThisDeclarationHaveABody() || !fn->isExternallyVisible() ||
        !sm_.isInMainFile(sm_.getExpansionLoc(fn->getLocation())) || by_function_.count(fn) ||
        !hasLegacyGetsockoptSignature(fn))
      continue;
    candidates_.push_back(fn);
  }
  // Sized once: `legacy_` points into it.
  result_.candidates.resize(candidates_.size());
  for (size_t i = 0; i < candidates_.size(); ++i) {
    describe(candidates_[i], result_.candidates[i]);
    classifier_.classify(candidates_[i], result_.candidates[i]);
    legacy_.emplace_back(candidates_[i], &result_.candidates[i]);
  }
}

/// getsockopt implementations that already take sockptr_t.
void UnitScan::classifySockptrImplementations() {
  std::vector<const FunctionDecl *> sockptr_impls;
  for (const Decl *d : localDecls(ctx_)) {
    const auto *fn = dyn_cast<FunctionDecl>(d);
    if (fn && fn->doesThisDeclarationHaveABody() &&
        sm_.isInMainFile(sm_.getExpansionLoc(fn->getLocation())) &&
        hasSockptrGetsockoptSignature(fn))
      sockptr_impls.push_back(fn);
  }
  result_.sockptr_implementations.resize(sockptr_impls.size());
  for (size_t i = 0; i < sockptr_impls.size(); ++i) {
    Implementation &impl = result_.sockptr_implementations[i];
    describe(sockptr_impls[i], impl);
    impl.kind = Kind::Sockptr;
    classifier_.classify(sockptr_impls[i], impl);
    legacy_.emplace_back(sockptr_impls[i], &impl);
  }
}

/// A helper that other code also calls cannot change its signature alone.
void UnitScan::noteSharedHelpers() {
  for (auto &[fn, impl] : legacy_) {
    for (const FunctionDecl *helper : classifier_.helpersOf(fn)) {
      unsigned tracked = classifier_.helperCallSites().lookup(helper).size();
      if (counter_.uses(helper) > tracked)
        impl->reasons.push_back(
            {ReasonCode::SharedHelper,
             llvm::formatv("{0}() also has callers that do not pass optval/optlen; "
                           "its signature cannot change for this implementation alone",
                           helper->getName()),
             pointOf(sm_, helper->getLocation())});
    }
  }
}

/// The rules over getsockopt_iter code, and those over the legacy code the
/// classifier walked, each function once.
void UnitScan::runChecks() {
  result_.findings = runIterRules(ctx_);
  if (prefix_ && prefix_->iter_findings)
    result_.findings.insert(result_.findings.end(), prefix_->iter_findings->begin(),
                            prefix_->iter_findings->end());
  std::set<const FunctionDecl *> checked;
  for (auto &[fn, impl] : legacy_)
    for (const FunctionDecl *f : walkedFrom(fn))
      if (const FunctionRecord *record = classifier_.record(f); record && checked.insert(f).second)
        runLegacyRules(ctx_, *record, result_.findings);
}

/// One verdict for scan, rewrite and check: an implementation is
/// convertible only if the rewrite converts it; where an edit cannot be
/// made safely it is manual, with the rewrite's reasons. check also needs
/// the edits, if not their digests.
void UnitScan::rewriteConvertible() {
  for (const FunctionDecl *fn : order_) {
    Implementation &impl = by_function_[fn];
    if (impl.verdict != Verdict::Convertible || impl.kind != Kind::ProtoOps)
      continue;
    RewriteUnit unit = rewriteImplementation(classifier_, fn, impl, registrations_);
    blockConversion(impl, unit.blocked);
    if (mode_ != ScanAction::Mode::Scan)
      result_.rewrites.push_back(std::move(unit));
  }
}

/// Conversions that span units: an implementation whose only obstacle is
/// handing optval/optlen on to a legacy getsockopt in another unit, and
/// such a function here (no file of its own registers or calls it). The
/// whole-tree step decides which of them convert together; until then the
/// implementation stays manual.
void UnitScan::rewriteAcrossUnits() {
  for (const FunctionDecl *fn : order_) {
    Implementation &impl = by_function_[fn];
    for (const FunctionDecl *f : walkedFrom(fn))
      if (const FunctionRecord *record = classifier_.record(f))
        for (const Use &use : record->accesses.uses)
          if (isLegacyHandOff(use, *record))
            handed_by_[use.call] = impl.function;
    if (impl.kind != Kind::ProtoOps || impl.verdict != Verdict::Manual ||
        !onlyCrossFileHandOffs(classifier_, fn, impl))
      continue;
    RewriteUnit unit = rewriteImplementation(classifier_, fn, impl, registrations_);
    for (const Reason &r : unit.blocked)
      impl.reasons.push_back(r);
    result_.rewrites.push_back(std::move(unit));
  }
  rewriteSharedHelpers();
}

/// The candidates, as functions other units' implementations hand their
/// optval/optlen to (net/atm/common.c's vcc_getsockopt()).
void UnitScan::rewriteSharedHelpers() {
  for (size_t i = 0; i < candidates_.size(); ++i) {
    const FunctionDecl *fn = candidates_[i];
    const Implementation &impl = result_.candidates[i];
    if (inner_across_files_.count(fn))
      continue;
    RewriteUnit unit;
    if (impl.verdict == Verdict::Convertible)
      unit = rewriteImplementation(classifier_, fn, impl, registrations_, /*shared_helper=*/true);
    unit.function = impl.function;
    unit.file = impl.where.file;
    unit.shared_helper = true;
    for (const Reason &r : impl.reasons)
      unit.blocked.push_back(r);
    if (counter_.uses(fn) > 0)
      unit.blocked.push_back({ReasonCode::SharedHelper,
                              impl.function + "() is also used in its own file", impl.where});
    noteExported(fn, unit);
    if (!unit.blocked.empty())
      unit.edits.clear();
    result_.rewrites.push_back(std::move(unit));
  }
}

/// An exported function converted with its callers in other files changes
/// its signature for every module: say so in the patch.
void UnitScan::noteExported(const FunctionDecl *fn, RewriteUnit &unit) const {
  if (counter_.exported(fn))
    unit.notes.push_back(
        fn->getNameAsString() + "() is exported: every file of the compilation database that names it "
        "converts in this patch; a module built against the old signature fails to compile "
        "(its call has one argument too many) rather than misbehave");
}

/// The inner helper `call` hands the hook's optval and optlen to (both,
/// to a function defined here), the functions it hands them on to, and
/// what keeps them from converting in this file: a helper below it that is
/// externally visible, a function also used elsewhere here, or an access
/// or hand-off the classifier did not find an iterator form for. The inner
/// helper itself may be externally visible: it then converts with its
/// callers in other files, or not at all (engine/CrossFileConversions.h).
UnitScan::InnerTree UnitScan::innerHelperTree(const FunctionDecl *hook, const Use &call) {
  std::set<Role> roles;
  for (const auto &[index, role] : call.callee_pointers)
    roles.insert(role);
  const FunctionDecl *helper = call.callee->getDefinition();
  if (roles.size() != 2 || call.callee_pointers.size() != 2 || !helper ||
      !sm_.isInMainFile(sm_.getExpansionLoc(helper->getLocation())))
    return {};
  InnerTree tree;
  tree.functions = {helper};
  std::map<const FunctionDecl *, std::set<const CallExpr *>> calls = {{helper, {call.call}}};
  for (size_t i = 0; i < tree.functions.size(); ++i) {
    const FunctionDecl *f = tree.functions[i];
    const FunctionRecord *record = classifier_.record(f);
    if (!record || f == hook)
      return {};
    if (f->isExternallyVisible() && f == helper)
      tree.across_files = true;
    else if (f->isExternallyVisible())
      tree.obstacles.push_back(
          {ReasonCode::SharedHelper,
           f->getNameAsString() + "() is externally visible" +
               (counter_.exported(f) ? " and exported (EXPORT_SYMBOL)" : "") +
               ": other files may call it with the legacy pointers",
           pointOf(sm_, f->getLocation())});
    for (const Use &use : record->accesses.uses) {
      tree.analysed_away |= use.kind == UseKind::Finding || use.kind == UseKind::ExternalCall;
      if (use.kind != UseKind::HelperCall)
        continue;
      const FunctionDecl *def = use.callee->getDefinition();
      if (!def)
        continue;
      if (!calls.count(def))
        tree.functions.push_back(def);
      calls[def].insert(use.call);
    }
  }
  for (const auto &[fn, sites] : calls)
    if (counter_.uses(fn) != sites.size())
      tree.obstacles.push_back({ReasonCode::SharedHelper,
                                fn->getNameAsString() +
                                    "() is also used outside the calls this conversion changes",
                                pointOf(sm_, fn->getLocation())});
  return tree;
}

/// The inner helper `call` reaches from `hook`, analysed as the hook's
/// call hands it optval, optlen and optname; the verdict is the caller's
/// to settle.
Implementation UnitScan::classifyInner(const FunctionDecl *hook, const Implementation &hook_impl,
                                       const Use &call) {
  const FunctionDecl *helper = call.callee->getDefinition();
  Implementation inner;
  describe(helper, inner);
  inner.kind = Kind::Inner;
  inner.hook = hook_impl.function;
  CallContext context;
  for (const auto &[index, role] : call.callee_pointers)
    context.pointers.emplace_back(index, role == Role::Optval ? "optval" : "optlen");
  for (unsigned i = 0; i < call.call->getNumArgs(); ++i)
    if (const auto *ref = dyn_cast<DeclRefExpr>(call.call->getArg(i)->IgnoreParenImpCasts());
        ref && ref->getDecl() == hook->getParamDecl(2))
      context.optname = int(i);
  classifier_.follow(helper, context, inner);
  return inner;
}

/// Below a struct proto hook, which keeps its signature, the inner helper
/// it hands optval/optlen to converts to sockopt_t behind a wrapper
/// (rewrites/WrapperRule.cpp), with the core's sockopt_init_user() added
/// to a tree that lacks it.
void UnitScan::rewriteInnerHelpers() {
  bool any = false;
  for (const auto &[fn, impl] : legacy_) {
    const FunctionRecord *record = classifier_.record(fn);
    if (!mayBeProtoHook(fn, *impl) || !record || !onlyDispatches(*record))
      continue;
    std::set<const CallExpr *> seen; // a call has a use per pointer it passes
    for (const Use &use : record->accesses.uses) {
      if (use.kind != UseKind::HelperCall || !seen.insert(use.call).second)
        continue;
      InnerTree tree = innerHelperTree(fn, use);
      if (tree.functions.empty())
        continue;
      Implementation inner = classifyInner(fn, *impl, use);
      for (Reason &r : tree.obstacles)
        inner.reasons.push_back(std::move(r));
      settleVerdict(inner);
      if (inner.verdict == Verdict::Convertible && !tree.analysed_away) {
        RewriteUnit unit =
            rewriteInnerHelper(classifier_, fn, use, tree.functions, inner, tree.across_files);
        noteExported(tree.functions.front(), unit);
        blockConversion(inner, unit.blocked);
        any |= unit.blocked.empty();
        // The whole-tree step settles a conversion across files in every mode.
        if (mode_ != ScanAction::Mode::Scan || tree.across_files)
          result_.rewrites.push_back(std::move(unit));
      }
      if (tree.across_files) {
        const FunctionDecl *helper = tree.functions.front();
        inner_across_files_.insert(helper);
        inner.reasons.push_back(
            {ReasonCode::SharedHelper,
             inner.function + "() is externally visible" +
                 (counter_.exported(helper) ? " and exported (EXPORT_SYMBOL)" : "") +
                 ": it converts only together with every call of it in other files",
             inner.where, {}, {}, inner.function});
        settleVerdict(inner);
      }
      result_.inner_helpers.push_back(std::move(inner));
    }
    wrapInnerHelpersOfOtherFiles(fn, *impl, *record);
  }
  if (any && mode_ != ScanAction::Mode::Scan && !treeHasSockoptInitUser(ctx_))
    result_.rewrites.push_back(addCoreHelper(ctx_));
  noteConvertedInnerHelpers();
}

/// The calls in which `hook` hands its optval/optlen unchanged to a
/// function of another file that takes a struct sock, which may be an
/// inner helper converted there (net/ipv6/udp.c: udpv6_getsockopt() calls
/// udp_lib_getsockopt() of net/ipv4/udp.c): the wrapper around each call
/// goes in with that conversion, if the whole-tree step makes it.
void UnitScan::wrapInnerHelpersOfOtherFiles(const FunctionDecl *hook,
                                            const Implementation &hook_impl,
                                            const FunctionRecord &record) {
  std::set<const CallExpr *> seen;
  for (const Use &use : record.accesses.uses) {
    const RecordDecl *first = use.callee ? firstParamRecord(use.callee) : nullptr;
    if (!isLegacyHandOff(use, record) || !first || first->getName() != "sock" ||
        !seen.insert(use.call).second)
      continue;
    handed_by_[use.call] = hook_impl.function;
    result_.rewrites.push_back(wrapCallOfInnerHelper(classifier_.context(), hook, use));
  }
}

namespace {

/// The variable `&v` names, if `e` is one.
const VarDecl *addressedVar(const Expr *e) {
  const auto *op = dyn_cast<UnaryOperator>(e->IgnoreParenImpCasts());
  if (!op || op->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *ref = dyn_cast<DeclRefExpr>(op->getSubExpr()->IgnoreParenImpCasts());
  return ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
}

void collectCalls(const Stmt *s, std::vector<const CallExpr *> &out) {
  if (!s)
    return;
  if (const auto *call = dyn_cast<CallExpr>(s))
    out.push_back(call);
  for (const Stmt *child : s->children())
    collectCalls(child, out);
}

} // namespace

/// The inner helpers a rewrite converted: in a struct proto hook, a
/// function of this file called with the sockopt_t that
/// sockopt_init_user() set up (`err = do_raw_getsockopt(sk, optname,
/// &opt)`), reported as already converted.
void UnitScan::noteConvertedInnerHelpers() {
  for (const auto &[fn, impl] : legacy_) {
    if (!mayBeProtoHook(fn, *impl))
      continue;
    std::vector<const CallExpr *> calls;
    collectCalls(fn->getBody(), calls);
    std::set<const VarDecl *> sockopts;
    for (const CallExpr *call : calls)
      if (const FunctionDecl *callee = call->getDirectCallee();
          callee && callee->getName() == "sockopt_init_user" && call->getNumArgs() == 3)
        if (const VarDecl *var = addressedVar(call->getArg(0)))
          sockopts.insert(var);
    std::set<const FunctionDecl *> reported;
    for (const CallExpr *call : calls) {
      const FunctionDecl *callee = call->getDirectCallee();
      const FunctionDecl *def = callee ? callee->getDefinition() : nullptr;
      if (!def || callee->getName() == "sockopt_init_user" ||
          !sm_.isInMainFile(sm_.getExpansionLoc(def->getLocation())))
        continue;
      for (const Expr *arg : call->arguments())
        if (const VarDecl *var = addressedVar(arg);
            var && sockopts.count(var) && reported.insert(def).second) {
          Implementation inner;
          describe(def, inner);
          inner.kind = Kind::Inner;
          inner.hook = impl->function;
          inner.on_sockopt = true;
          settleVerdict(inner);
          result_.inner_helpers.push_back(std::move(inner));
        }
    }
  }
}

/// Every reference to a legacy getsockopt that another unit defines, and
/// whether it is a hand-off the rewrite above converts.
void UnitScan::noteLegacyReferences() {
  for (const auto &[fn, refs] : counter_.inMainFile()) {
    if (fn->hasBody() || !hasLegacyGetsockoptSignature(fn))
      continue;
    for (const DeclRefExpr *ref : refs) {
      LegacyReference reference{fn->getNameAsString(), pointOf(sm_, ref->getLocation()), ""};
      for (const auto &[call, impl] : handed_by_)
        if (call->getCallee()->IgnoreParenImpCasts() == ref)
          reference.implementation = impl;
      result_.legacy_references.push_back(std::move(reference));
    }
  }
  std::sort(result_.legacy_references.begin(), result_.legacy_references.end(),
            [](const LegacyReference &a, const LegacyReference &b) {
              return std::tie(a.where.line, a.where.column, a.function) <
                     std::tie(b.where.line, b.where.column, b.function);
            });
}

/// What the mode keeps of the rewrite units, and the registered
/// implementations in the order of their registrations.
void UnitScan::finish() {
  if (mode_ == ScanAction::Mode::Scan)
    for (RewriteUnit &unit : result_.rewrites)
      unit.edits.clear(); // the verdict needs the rest, not the edits
  if (mode_ == ScanAction::Mode::Rewrite) {
    // What the edits' offsets refer to: each file as parsed (the main
    // file, and a header declaring a function converted with its callers).
    for (const RewriteUnit &unit : result_.rewrites)
      for (const Edit &edit : unit.edits)
        if (!result_.digests.count(edit.file))
          if (auto ref = sm_.getFileManager().getOptionalFileRef(edit.file))
            result_.digests[edit.file] = llvm::utohexstr(
                llvm::xxh3_64bits(sm_.getBufferData(sm_.translateFile(*ref))));
  }
  for (const FunctionDecl *fn : order_)
    result_.implementations.push_back(std::move(by_function_[fn]));
}

} // namespace

void scanTranslationUnit(ASTContext &ctx, const PreprocessorFacts &pp,
                         TranslationUnitResult &result, ScanAction::Mode mode,
                         const SharedPchUse *prefix) {
  UnitScan(ctx, pp, result, mode, prefix).run();
}

} // namespace sockopt
