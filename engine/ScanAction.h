// The per-translation-unit work as a clang FrontendAction: discovery,
// classification and the sockopt_t lookup, producing a TranslationUnitResult.
#pragma once

#include "analysis/ConfigConditions.h"
#include "analysis/Discovery.h"
#include "analysis/FunctionReferences.h"
#include "model/Report.h"

#include "clang/Frontend/FrontendAction.h"
#include "llvm/Support/MemoryBuffer.h"

namespace sockopt {

/// A precompiled header the parse loads before the unit (runner/SharedPch.h).
struct SharedPchUse {
  std::string pch;    // the path of the precompiled header, held in memory
  const llvm::MemoryBuffer *pch_bytes = nullptr;
  std::string header;        // the path of its main file, also in memory only
  llvm::StringRef header_source;
  std::string shared_header; // the absolute path of the header it holds
  unsigned preamble_size = 0; // of the unit's main file
  /// The #if chains of the precompiled headers (for config-stub reasons).
  const ConfigConditions::FileChains *chains = nullptr;
  /// The function references in the precompiled headers.
  const HeaderReferences *references = nullptr;
  /// The sockopt_t definition, if the precompiled headers have one.
  const SockoptTypeSearch *sockopt_type = nullptr;
  /// The getsockopt_iter rules' findings in the precompiled headers'
  /// functions, which the unit's own walk does not see.
  const std::vector<CheckFinding> *iter_findings = nullptr;
  /// What the build of the precompiled header read, for the result cache.
  const UnitInputs *inputs = nullptr;
  /// Set by the parse: the unit includes the shared header from its preamble, so
  /// loading it first changed nothing. Otherwise its result is discarded.
  bool includes_shared_header = false;
};

class ScanAction : public clang::ASTFrontendAction {
public:
  /// Rewrite also builds the rewrite unit of every convertible struct
  /// proto_ops implementation (rewrites/); Check also runs the iterator
  /// rules (checks/).
  /// Follow analyses only the functions other units handed optval/optlen
  /// to (the whole-tree analysis, runner/TreeScheduler.h); in the other modes,
  /// `requests` are answered too, in the same parse.
  enum class Mode { Scan, Rewrite, Check, Follow };
  ScanAction(TranslationUnitResult &result, Mode mode,
             std::vector<FollowRequest> requests = {}, SharedPchUse *prefix = nullptr)
      : result_(result), mode_(mode), requests_(std::move(requests)), prefix_(prefix) {}

protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &ci,
                                                        llvm::StringRef file) override;

private:
  TranslationUnitResult &result_;
  Mode mode_;
  std::vector<FollowRequest> requests_;
  SharedPchUse *prefix_;
};

/// Fills `result` from a parsed translation unit.
/// With a precompiled header, `prefix` holds what its build found.
void scanTranslationUnit(clang::ASTContext &ctx, const class PreprocessorFacts &pp,
                         TranslationUnitResult &result, ScanAction::Mode mode,
                         const SharedPchUse *prefix = nullptr);

/// Restricts AST traversals to the main file's declarations
/// (engine/ScanAction.cpp says why).
void limitTraversalToMainFile(clang::ASTContext &ctx);

/// Follow mode: analyses each requested function of the main file in the
/// calling context of the request.
void followInTranslationUnit(clang::ASTContext &ctx, const class PreprocessorFacts &pp,
                             const std::vector<FollowRequest> &requests,
                             TranslationUnitResult &result);

} // namespace sockopt
