#include "tool/ScanCommand.h"

#include "tool/AtomicFile.h"
#include "tool/CommandSupport.h"
#include "tool/CompilationDatabaseLoader.h"
#include "tool/Options.h"
#include "tool/ReportMerger.h"
#include "tool/TextReport.h"
#include "tool/TranslationUnitPool.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace sockopt {

namespace {

void printSummary(const nlohmann::ordered_json &report) {
  const auto &s = report["summary"];
  llvm::errs() << "sockopt-migrate: " << s["implementations"].get<unsigned>()
               << " getsockopt implementations in " << s["translation_units"].get<unsigned>()
               << " translation units\n";
  for (const auto &[verdict, n] : s["by_verdict"].items())
    llvm::errs() << "  " << verdict << ": " << n.get<unsigned>() << "\n";
  for (const auto &[reason, n] : s["by_reason"].items())
    llvm::errs() << "    " << reason << ": " << n.get<unsigned>() << "\n";
  if (unsigned c = s["behaviour_changes"].get<unsigned>())
    llvm::errs() << "  predicted behaviour changes: " << c << "\n";
  if (unsigned e = s["errors"].get<unsigned>())
    llvm::errs() << "  translation units that failed to parse: " << e
                 << " (see errors[] in the report)\n";
}

} // namespace

int runScan() {
  namespace opt = options;
  if (!opt::format.empty() && opt::format != "json" && opt::format != "text")
    return fail("--format=" + opt::format + ": expected json or text");
  bool to_stdout = opt::output.empty() || opt::output == "-";
  if (!to_stdout)
    if (llvm::Error e = checkWritable(opt::output))
      return fail("cannot write " + llvm::toString(std::move(e)));
  auto loaded = loadDatabase(opt::build_path, opt::sources, opt::extra_args_before, opt::extra_args,
                             opt::root);
  if (!loaded)
    return fail(llvm::toString(loaded.takeError()));
  const std::string &root = loaded->root;

  std::vector<TranslationUnitResult> units = parseAll(*loaded, opt::jobs, ScanAction::Mode::Scan);

  nlohmann::ordered_json report = mergeReport(std::move(units), root);
  std::string text = opt::format == "text" ? formatTextReport(report) : report.dump(2) + "\n";
  if (to_stdout) {
    llvm::outs() << text;
    llvm::outs().flush();
    if (std::error_code ec = llvm::outs().error()) {
      llvm::outs().clear_error();
      return fail("cannot write the report to stdout: " + ec.message());
    }
  } else if (llvm::Error e = writeAtomically(opt::output, text)) {
    return fail("cannot write " + llvm::toString(std::move(e)));
  }
  if (!opt::quiet)
    printSummary(report);
  return report["summary"]["errors"].get<unsigned>() ? 1 : 0;
}

} // namespace sockopt
