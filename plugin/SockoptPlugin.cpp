// The rules of `sockopt-migrate check` inside a normal compilation:
//
//   make LLVM=-19 KCFLAGS=-fplugin=/path/to/sockopt-migrate-plugin.so net/packet/
//
// Each finding is an ordinary clang warning ending in its rule id
// ("[legacy-getsockopt]"), so -Werror turns it into an error. The same rule
// engine as the command line, over the translation unit being compiled: no
// compilation database and no second parse.
#include "analysis/UaccessMacros.h"
#include "checks/Registry.h"
#include "engine/ScanAction.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/Path.h"

namespace sockopt {
namespace {

using namespace clang;

class PluginConsumer : public ASTConsumer {
public:
  PluginConsumer(CompilerInstance &ci, const PreprocessorFacts &pp) : ci_(ci), pp_(pp) {}

  void HandleTranslationUnit(ASTContext &ctx) override {
    TranslationUnitResult result;
    scanTranslationUnit(ctx, pp_, result, ScanAction::Mode::Check);
    DiagnosticsEngine &diags = ci_.getDiagnostics();
    if (diags.getIgnoreAllWarnings())
      return; // -w
    // Custom diagnostics do not go through warning options in clang 19:
    // honour -Werror here.
    unsigned id = diags.getCustomDiagID(diags.getWarningsAsErrors() ? DiagnosticsEngine::Error
                                                                    : DiagnosticsEngine::Warning,
                                        "%0 [%1]");
    auto report = [&](const SourcePoint &at, const std::string &message, const std::string &rule) {
      diags.Report(locationOf(ctx, at), id) << message << rule;
    };
    for (const Implementation &impl : result.implementations) {
      std::vector<Reason> blocked;
      for (const RewriteUnit &r : result.rewrites)
        if (r.function == impl.function && r.file == impl.where.file)
          blocked = r.blocked;
      for (const CheckFinding &finding : runImplementationRules(
               impl, blocked,
               result.sockopt_type && result.sockopt_type->proto_ops_has_getsockopt_iter))
        report(finding.where, finding.message, finding.rule);
    }
    for (const CheckFinding &f : result.findings)
      report(f.where, f.message, f.rule);
  }

private:
  /// Findings carry absolute paths; the diagnostic wants a location.
  SourceLocation locationOf(ASTContext &ctx, const SourcePoint &at) {
    SourceManager &sm = ctx.getSourceManager();
    auto file = sm.getFileManager().getOptionalFileRef(at.file);
    if (!file)
      return {};
    return sm.translateFileLineCol(*file, at.line, at.column);
  }

  CompilerInstance &ci_;
  const PreprocessorFacts &pp_;
};

class PluginAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci, StringRef) override {
    auto facts = std::make_unique<PreprocessorFacts>(ci.getSourceManager());
    const PreprocessorFacts &pp = *facts;
    ci.getPreprocessor().addPPCallbacks(std::move(facts));
    return std::make_unique<PluginConsumer>(ci, pp);
  }
  bool ParseArgs(const CompilerInstance &, const std::vector<std::string> &) override {
    return true;
  }
  ActionType getActionType() override { return AddAfterMainAction; }
};

FrontendPluginRegistry::Add<PluginAction>
    registration("sockopt-migrate", "legacy getsockopt and sockopt_t misuse warnings");

} // namespace
} // namespace sockopt
