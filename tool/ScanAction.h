// The per-translation-unit work as a clang FrontendAction: discovery,
// classification and the sockopt_t lookup, producing a TranslationUnitResult.
#pragma once

#include "matchers/Report.h"

#include "clang/Frontend/FrontendAction.h"

namespace sockopt {

class ScanAction : public clang::ASTFrontendAction {
public:
  /// Rewrite also builds the rewrite unit of every convertible struct
  /// proto_ops implementation (rewrites/); Check also runs the iterator
  /// rules (checks/).
  /// Follow analyses only the functions other units handed optval/optlen
  /// to (the whole-tree analysis, tool/WholeTree.h); in the other modes,
  /// `requests` are answered too, in the same parse.
  enum class Mode { Scan, Rewrite, Check, Follow };
  ScanAction(TranslationUnitResult &result, Mode mode,
             std::vector<FollowRequest> requests = {})
      : result_(result), mode_(mode), requests_(std::move(requests)) {}

protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &ci,
                                                        llvm::StringRef file) override;

private:
  TranslationUnitResult &result_;
  Mode mode_;
  std::vector<FollowRequest> requests_;
};

/// Fills `result` from a parsed translation unit.
void scanTranslationUnit(clang::ASTContext &ctx, const class PreprocessorFacts &pp,
                         TranslationUnitResult &result, ScanAction::Mode mode);

/// Follow mode: analyses each requested function of the main file in the
/// calling context of the request.
void followInTranslationUnit(clang::ASTContext &ctx, const class PreprocessorFacts &pp,
                             const std::vector<FollowRequest> &requests,
                             TranslationUnitResult &result);

} // namespace sockopt
