#include "runner/AnalysisInvocation.h"

#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Lex/HeaderSearchOptions.h"

namespace sockopt {

void withoutSideOutputs(clang::CompilerInvocation &invocation) {
  // Each of these is written by the CompilerInstance of the parse:
  // createPreprocessor() attaches the dependency collectors,
  // createDiagnostics() the serializer and the log, ExecuteAction() the
  // statistics (clang/lib/Frontend/CompilerInstance.cpp).
  invocation.getDependencyOutputOpts() = clang::DependencyOutputOptions();
  invocation.getDiagnosticOpts().DiagnosticSerializationFile.clear();
  invocation.getDiagnosticOpts().DiagnosticLogFile.clear();
  clang::FrontendOptions &frontend = invocation.getFrontendOpts();
  frontend.StatsFile.clear();
  frontend.TimeTracePath.clear();
  frontend.OutputFile.clear();
  frontend.Plugins.clear();
  frontend.AddPluginActions.clear();
  frontend.PluginArgs.clear();
  frontend.ActionName.clear();
  // -fmodules would build modules into a cache: the kernel uses none.
  invocation.getLangOpts().Modules = false;
  invocation.getLangOpts().ImplicitModules = false;
  invocation.getHeaderSearchOpts().ModuleCachePath.clear();
}

} // namespace sockopt
