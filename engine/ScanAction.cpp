#include "engine/ScanAction.h"

#include "analysis/Classifier.h"
#include "analysis/Discovery.h"
#include "analysis/FunctionReferences.h"
#include "analysis/UaccessMacros.h"
#include "checks/Registry.h"
#include "engine/FastBodySkip.h"
#include "model/Verdict.h"
#include "rewrites/ImplementationRewriter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace sockopt {

using namespace clang;

namespace {

/// Kernel translation units spend most of their parse time in inline
/// function bodies of headers; implementations and their helpers live in
/// the main file, so only main-file bodies are parsed.
class ScanConsumer : public ASTConsumer {
public:
  ScanConsumer(const SourceManager &sm, Preprocessor &preprocessor, const PreprocessorFacts &pp,
               TranslationUnitResult &result, ScanAction::Mode mode,
               const std::vector<FollowRequest> &requests, const SharedPchUse *prefix)
      : sm_(sm), fast_skip_(preprocessor), pp_(pp), result_(result), mode_(mode),
        requests_(requests), prefix_(prefix) {}

  bool shouldSkipFunctionBody(Decl *d) override {
    if (sm_.isInMainFile(sm_.getExpansionLoc(d->getLocation())))
      return false;
    fast_skip_.skipToClosingBrace();
    return true;
  }

  void HandleTranslationUnit(ASTContext &ctx) override {
    if (prefix_ && !prefix_->includes_shared_header)
      return; // parsed again without the precompiled header
    // A unit of the run may also answer the requests that reached it
    // before its parse started (runner/TreeScheduler.cpp).
    if (mode_ != ScanAction::Mode::Follow)
      scanTranslationUnit(ctx, pp_, result_, mode_, prefix_);
    if (!requests_.empty())
      followInTranslationUnit(ctx, pp_, requests_, result_);
  }

private:
  const SourceManager &sm_;
  FastBodySkip fast_skip_;
  const PreprocessorFacts &pp_;
  TranslationUnitResult &result_;
  ScanAction::Mode mode_;
  const std::vector<FollowRequest> &requests_;
  const SharedPchUse *prefix_;
};

/// Sets `prefix.includes_shared_header` when the main file's preamble includes the header
/// the precompiled prefix holds, directly or through other headers.
class SharedHeaderInclusion : public PPCallbacks {
public:
  SharedHeaderInclusion(const SourceManager &sm, SharedPchUse &prefix) : sm_(sm), prefix_(prefix) {}
  void InclusionDirective(SourceLocation hash, const Token &, StringRef, bool, CharSourceRange,
                          OptionalFileEntryRef file, StringRef, StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (seen_ || !file)
      return;
    if (reportPath(sm_.getFileManager(), file->getName()) != prefix_.shared_header)
      return;
    seen_ = true; // only its first inclusion decides
    SourceLocation at = hash;
    while (at.isValid() && !sm_.isWrittenInMainFile(at))
      at = sm_.getIncludeLoc(sm_.getFileID(at));
    prefix_.includes_shared_header = at.isValid() && sm_.getFileOffset(at) < prefix_.preamble_size;
  }

private:
  const SourceManager &sm_;
  SharedPchUse &prefix_;
  bool seen_ = false;
};

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

/// Restricts AST traversals, and with them the parent map that
/// ASTContext::getParents() builds on first use, to the main file's
/// declarations: the accesses, helpers and rules all live there, and a
/// parent map over every declaration of the kernel headers costs more than
/// the analysis itself. Runs after the traversals that look at headers
/// (registrations, the sockopt_t definition).
void limitTraversalToMainFile(ASTContext &ctx) {
  const SourceManager &sm = ctx.getSourceManager();
  std::vector<Decl *> scope;
  for (Decl *d : localDecls(ctx))
    if (sm.isInMainFile(sm.getExpansionLoc(d->getLocation())))
      scope.push_back(d);
  ctx.setTraversalScope(scope);
}

} // namespace

std::unique_ptr<ASTConsumer> ScanAction::CreateASTConsumer(CompilerInstance &ci, StringRef file) {
  ci.getFrontendOpts().SkipFunctionBodies = true;
  auto facts = std::make_unique<PreprocessorFacts>(ci.getSourceManager());
  PreprocessorFacts &pp = *facts;
  if (prefix_) {
    facts->conditions().importChains(prefix_->chains);
    ci.getPreprocessor().addPPCallbacks(
        std::make_unique<SharedHeaderInclusion>(ci.getSourceManager(), *prefix_));
  }
  ci.getPreprocessor().addPPCallbacks(std::move(facts));
  return std::make_unique<ScanConsumer>(ci.getSourceManager(), ci.getPreprocessor(), pp, result_,
                                        mode_, requests_, prefix_);
}

void followInTranslationUnit(ASTContext &ctx, const PreprocessorFacts &pp,
                             const std::vector<FollowRequest> &requests,
                             TranslationUnitResult &result) {
  const SourceManager &sm = ctx.getSourceManager();
  limitTraversalToMainFile(ctx);
  std::map<std::string, const FunctionDecl *> defined;
  for (const Decl *d : localDecls(ctx))
    if (const auto *fn = dyn_cast<FunctionDecl>(d);
        fn && fn->doesThisDeclarationHaveABody() && fn->isExternallyVisible() &&
        sm.isInMainFile(sm.getExpansionLoc(fn->getLocation())))
      defined[fn->getNameAsString()] = fn;
  for (const FollowRequest &request : requests) {
    auto it = defined.find(request.function);
    if (it == defined.end())
      continue; // the index was wrong: the merger reports it undefined
    Classifier classifier(ctx, pp);
    Implementation impl;
    impl.function = request.function;
    impl.where = pointOf(sm, it->second->getLocation());
    impl.externally_visible = true;
    classifier.follow(it->second, request.context, impl);
    result.followed.emplace_back(request.context.key(), std::move(impl));
  }
}

void scanTranslationUnit(ASTContext &ctx, const PreprocessorFacts &pp,
                         TranslationUnitResult &result, ScanAction::Mode mode,
                         const SharedPchUse *prefix) {
  const SourceManager &sm = ctx.getSourceManager();
  result.sockopt_type = findSockoptType(ctx, prefix ? prefix->sockopt_type : nullptr);

  // One entry per function defined here, with all its registrations.
  std::map<const FunctionDecl *, Implementation> by_function;
  std::vector<const FunctionDecl *> order;
  std::vector<FoundRegistration> registrations = findRegistrations(ctx);
  SockptrCallFinder calls;
  calls.sm = &sm;
  calls.out = &result.sockptr_calls;
  for (Decl *d : localDecls(ctx))
    calls.TraverseDecl(d);
  FunctionReferences counter(ctx, prefix ? prefix->references : nullptr);
  limitTraversalToMainFile(ctx);
  for (const FoundRegistration &found : registrations) {
    const FunctionDecl *def = found.function->getDefinition();
    if (!def || !def->hasBody()) {
      result.foreign_registrations.push_back(
          {found.function->getNameAsString(), found.registration});
      continue;
    }
    auto [it, inserted] = by_function.try_emplace(def);
    if (inserted)
      order.push_back(def);
    it->second.registrations.push_back(found.registration);
  }

  Classifier classifier(ctx, pp);
  std::vector<std::pair<const FunctionDecl *, Implementation *>> legacy;
  auto describe = [&](const FunctionDecl *fn, Implementation &impl) {
    impl.function = fn->getNameAsString();
    impl.where = pointOf(sm, fn->getLocation());
    impl.externally_visible = fn->isExternallyVisible();
  };
  for (const FunctionDecl *fn : order) {
    Implementation &impl = by_function[fn];
    describe(fn, impl);
    if (registeredAsIter(impl.registrations))
      continue; // already converted: nothing to classify
    if (!hasLegacyGetsockoptSignature(fn)) {
      impl.reasons.push_back({ReasonCode::UnrecognizedUse,
                              "the function does not have the legacy getsockopt "
                              "signature (optval, optlen at positions 4 and 5)",
                              impl.where});
    } else {
      classifier.classify(fn, impl);
      legacy.emplace_back(fn, &impl);
    }
  }

  // Externally visible functions with the legacy signature that another
  // translation unit may register (e.g. sock_common_getsockopt).
  std::vector<const FunctionDecl *> candidates;
  for (const Decl *d : localDecls(ctx)) {
    const auto *fn = dyn_cast<FunctionDecl>(d);
    if (!fn || !fn->doesThisDeclarationHaveABody() || !fn->isExternallyVisible() ||
        !sm.isInMainFile(sm.getExpansionLoc(fn->getLocation())) || by_function.count(fn) ||
        !hasLegacyGetsockoptSignature(fn))
      continue;
    candidates.push_back(fn);
  }
  // Sized once: `legacy` points into it.
  result.candidates.resize(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    describe(candidates[i], result.candidates[i]);
    classifier.classify(candidates[i], result.candidates[i]);
    legacy.emplace_back(candidates[i], &result.candidates[i]);
  }

  // getsockopt implementations that already take sockptr_t.
  std::vector<const FunctionDecl *> sockptr_impls;
  for (const Decl *d : localDecls(ctx)) {
    const auto *fn = dyn_cast<FunctionDecl>(d);
    if (fn && fn->doesThisDeclarationHaveABody() &&
        sm.isInMainFile(sm.getExpansionLoc(fn->getLocation())) &&
        hasSockptrGetsockoptSignature(fn))
      sockptr_impls.push_back(fn);
  }
  result.sockptr_implementations.resize(sockptr_impls.size());
  for (size_t i = 0; i < sockptr_impls.size(); ++i) {
    Implementation &impl = result.sockptr_implementations[i];
    describe(sockptr_impls[i], impl);
    impl.kind = Kind::Sockptr;
    classifier.classify(sockptr_impls[i], impl);
    legacy.emplace_back(sockptr_impls[i], &impl);
  }

  // A helper that other code also calls cannot change its signature alone.
  for (auto &[fn, impl] : legacy) {
    for (const FunctionDecl *helper : classifier.helpersOf(fn)) {
      unsigned tracked = classifier.helperCallSites().lookup(helper).size();
      unsigned all = counter.count(helper);
      if (all > tracked)
        impl->reasons.push_back(
            {ReasonCode::SharedHelper,
             llvm::formatv("{0}() also has callers that do not pass optval/optlen; "
                           "its signature cannot change for this implementation alone",
                           helper->getName()),
             pointOf(sm, helper->getLocation())});
    }
  }
  for (auto &[fn, impl] : by_function)
    settleVerdict(impl);
  for (Implementation &impl : result.candidates)
    settleVerdict(impl);
  for (Implementation &impl : result.sockptr_implementations)
    settleVerdict(impl);

  if (mode == ScanAction::Mode::Check) {
    result.findings = runIterRules(ctx);
    std::set<const FunctionDecl *> checked;
    for (auto &[fn, impl] : legacy) {
      std::vector<const FunctionDecl *> walked = classifier.helpersOf(fn);
      walked.insert(walked.begin(), fn);
      for (const FunctionDecl *f : walked)
        if (const FunctionRecord *record = classifier.record(f); record && checked.insert(f).second)
          runLegacyRules(ctx, *record, result.findings);
    }
  }
  // One verdict for scan, rewrite and check: an implementation is
  // convertible only if the rewrite converts it; where an edit cannot be
  // made safely it is manual, with the rewrite's reasons. check also needs
  // the edits, if not their digests.
  for (const FunctionDecl *fn : order) {
    Implementation &impl = by_function[fn];
    if (impl.verdict != Verdict::Convertible || impl.kind != Kind::ProtoOps)
      continue;
    RewriteUnit unit = rewriteImplementation(classifier, fn, impl, registrations);
    blockConversion(impl, unit.blocked);
    if (mode != ScanAction::Mode::Scan)
      result.rewrites.push_back(std::move(unit));
  }

  // Conversions that span units: an implementation whose only obstacle is
  // handing optval/optlen on to a legacy getsockopt in another unit, and
  // such a function here (no file of its own registers or calls it). The
  // whole-tree step decides which of them convert together; until then the
  // implementation stays manual.
  std::map<const CallExpr *, std::string> handed_by; // legacy hand-offs, by caller
  for (const FunctionDecl *fn : order) {
    Implementation &impl = by_function[fn];
    std::vector<const FunctionDecl *> walked = classifier.helpersOf(fn);
    walked.insert(walked.begin(), fn);
    for (const FunctionDecl *f : walked)
      if (const FunctionRecord *record = classifier.record(f))
        for (const Use &use : record->accesses.uses)
          if (isLegacyHandOff(use, *record))
            handed_by[use.call] = impl.function;
    if (impl.kind != Kind::ProtoOps || impl.verdict != Verdict::Manual ||
        !onlyCrossFileHandOffs(classifier, fn, impl))
      continue;
    RewriteUnit unit = rewriteImplementation(classifier, fn, impl, registrations);
    for (const Reason &r : unit.blocked)
      impl.reasons.push_back(r);
    result.rewrites.push_back(std::move(unit));
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    const FunctionDecl *fn = candidates[i];
    const Implementation &impl = result.candidates[i];
    RewriteUnit unit;
    if (impl.verdict == Verdict::Convertible)
      unit = rewriteImplementation(classifier, fn, impl, registrations, /*shared_helper=*/true);
    unit.function = impl.function;
    unit.file = impl.where.file;
    unit.shared_helper = true;
    for (const Reason &r : impl.reasons)
      unit.blocked.push_back(r);
    if (counter.count(fn) > counter.inTypeof(fn))
      unit.blocked.push_back({ReasonCode::SharedHelper,
                              impl.function + "() is also used in its own file",
                              impl.where});
    if (counter.exported(fn))
      unit.blocked.push_back({ReasonCode::SharedHelper,
                              impl.function + "() is exported (EXPORT_SYMBOL): modules "
                                              "outside the compilation database may call it",
                              impl.where});
    if (!unit.blocked.empty())
      unit.edits.clear();
    result.rewrites.push_back(std::move(unit));
  }

  // Every reference to a legacy getsockopt that another unit defines, and
  // whether it is a hand-off the rewrite above converts.
  for (const auto &[fn, refs] : counter.inMainFile()) {
    if (fn->hasBody() || !hasLegacyGetsockoptSignature(fn))
      continue;
    for (const DeclRefExpr *ref : refs) {
      LegacyReference reference{fn->getNameAsString(), pointOf(sm, ref->getLocation()), ""};
      for (const auto &[call, impl] : handed_by)
        if (call->getCallee()->IgnoreParenImpCasts() == ref)
          reference.implementation = impl;
      result.legacy_references.push_back(std::move(reference));
    }
  }
  std::sort(result.legacy_references.begin(), result.legacy_references.end(),
            [](const LegacyReference &a, const LegacyReference &b) {
              return std::tie(a.where.line, a.where.column, a.function) <
                     std::tie(b.where.line, b.where.column, b.function);
            });

  if (mode == ScanAction::Mode::Scan)
    for (RewriteUnit &unit : result.rewrites)
      unit.edits.clear(); // the verdict needs the rest, not the edits
  if (mode == ScanAction::Mode::Rewrite) {
    // What the edits' offsets refer to: each file as parsed (the main
    // file, and a header declaring a function converted with its callers).
    for (const RewriteUnit &unit : result.rewrites)
      for (const Edit &edit : unit.edits)
        if (!result.digests.count(edit.file))
          if (auto ref = sm.getFileManager().getOptionalFileRef(edit.file))
            result.digests[edit.file] = llvm::utohexstr(
                llvm::xxh3_64bits(sm.getBufferData(sm.translateFile(*ref))));
  }

  for (const FunctionDecl *fn : order)
    result.implementations.push_back(std::move(by_function[fn]));
}

} // namespace sockopt

