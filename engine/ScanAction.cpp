#include "engine/ScanAction.h"

#include "analysis/Classifier.h"
#include "analysis/Discovery.h"
#include "analysis/UaccessMacros.h"
#include "checks/Registry.h"
#include "engine/FastBodySkip.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

#include <map>

namespace sockopt {

using namespace clang;

namespace {

/// Kernel translation units spend most of their parse time in inline
/// function bodies of headers; implementations and their helpers live in
/// the main file, so only main-file bodies are parsed. `check` also parses
/// the header functions its getsockopt_iter rules look at (a `static inline`
/// helper taking a sockopt_t *): a handful at most.
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
    if (const auto *fn = dyn_cast<FunctionDecl>(d);
        fn && mode_ == ScanAction::Mode::Check && isIterFunction(fn))
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

} // namespace

/// Restricts AST traversals, and with them the parent map that
/// ASTContext::getParents() builds on first use, to the main file's
/// declarations and the header functions the getsockopt_iter rules walk:
/// the accesses, helpers and rules all live there, and a parent map over
/// every declaration of the kernel headers costs more than the analysis
/// itself. Runs after the traversals that look at headers (registrations,
/// the sockopt_t definition).
void limitTraversalToMainFile(ASTContext &ctx) {
  const SourceManager &sm = ctx.getSourceManager();
  std::vector<Decl *> scope;
  for (Decl *d : localDecls(ctx))
    if (sm.isInMainFile(sm.getExpansionLoc(d->getLocation())))
      scope.push_back(d);
  for (FunctionDecl *fn : iterFunctions(ctx))
    if (!sm.isInMainFile(sm.getExpansionLoc(fn->getLocation())))
      scope.push_back(fn);
  ctx.setTraversalScope(scope);
}

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


} // namespace sockopt

