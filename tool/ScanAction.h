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
  enum class Mode { Scan, Rewrite, Check };
  ScanAction(TranslationUnitResult &result, Mode mode) : result_(result), mode_(mode) {}

protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &ci,
                                                        llvm::StringRef file) override;

private:
  TranslationUnitResult &result_;
  Mode mode_;
};

/// Fills `result` from a parsed translation unit.
void scanTranslationUnit(clang::ASTContext &ctx, const class PreprocessorFacts &pp,
                         TranslationUnitResult &result, ScanAction::Mode mode);

} // namespace sockopt
