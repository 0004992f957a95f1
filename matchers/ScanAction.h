// The per-translation-unit scan as a clang FrontendAction: discovery,
// classification and the sockopt_t lookup, producing a TranslationUnitResult.
#pragma once

#include "matchers/Report.h"

#include "clang/Frontend/FrontendAction.h"

namespace sockopt {

class ScanAction : public clang::ASTFrontendAction {
public:
  explicit ScanAction(TranslationUnitResult &result) : result_(result) {}

protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &ci,
                                                        llvm::StringRef file) override;

private:
  TranslationUnitResult &result_;
};

/// Fills `result` from a parsed translation unit.
void scanTranslationUnit(clang::ASTContext &ctx, const class PreprocessorFacts &pp,
                         TranslationUnitResult &result);

} // namespace sockopt
