// The per-translation-unit work as a clang FrontendAction: discovery,
// classification and the sockopt_t lookup, producing a TranslationUnitResult.
#pragma once

#include "matchers/Report.h"

#include "clang/Frontend/FrontendAction.h"

namespace sockopt {

class ScanAction : public clang::ASTFrontendAction {
public:
  /// With `rewrite`, also builds the rewrite unit of every convertible
  /// struct proto_ops implementation (see rewrites/).
  ScanAction(TranslationUnitResult &result, bool rewrite) : result_(result), rewrite_(rewrite) {}

protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &ci,
                                                        llvm::StringRef file) override;

private:
  TranslationUnitResult &result_;
  bool rewrite_;
};

/// Fills `result` from a parsed translation unit.
void scanTranslationUnit(clang::ASTContext &ctx, const class PreprocessorFacts &pp,
                         TranslationUnitResult &result, bool rewrite);

} // namespace sockopt
