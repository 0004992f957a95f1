#include "tool/ScanCommand.h"

#include "engine/ReportMerger.h"
#include "output/JsonText.h"
#include "output/TextReport.h"
#include "runner/CompilationDatabaseLoader.h"
#include "runner/TranslationUnitPool.h"
#include "runner/TreeScheduler.h"
#include "support/AtomicFile.h"
#include "tool/CommonOptions.h"
#include "tool/Messages.h"
#include "tool/Options.h"
#include "tool/TargetApi.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <set>

namespace sockopt {

namespace {

void printSummary(const nlohmann::ordered_json &report) {
  const auto &s = report["summary"];
  // sockptr_t helpers (do_tcp_getsockopt(), ...) are counted apart from the
  // functions a struct proto or proto_ops registers.
  unsigned total = s["implementations"].get<unsigned>();
  unsigned helpers = s["by_kind"].value("sockptr", 0u);
  llvm::errs() << "sockopt-migrate: " << total << " getsockopt implementations in "
               << s["translation_units"].get<unsigned>() << " translation units: "
               << total - helpers << " registered, " << helpers << " sockptr_t helpers\n";
  std::string kinds;
  for (const auto &[kind, n] : s["by_kind"].items())
    kinds += (kinds.empty() ? "" : ", ") + kind + " " + std::to_string(n.get<unsigned>());
  llvm::errs() << "  by kind: " << kinds << "\n";
  for (const auto &[verdict, n] : s["by_verdict"].items())
    llvm::errs() << "  " << verdict << ": " << n.get<unsigned>() << "\n";
  for (const auto &[reason, n] : s["by_reason"].items())
    llvm::errs() << "    " << reason << ": " << n.get<unsigned>() << "\n";
  if (unsigned n = s["followed"]["functions"].get<unsigned>())
    llvm::errs() << "  followed into other units: " << n << " functions in "
                 << s["followed"]["parses"].get<unsigned>() << " units, depth "
                 << s["followed"]["rounds"].get<unsigned>() << "\n";
  if (unsigned c = s["behaviour_changes"].get<unsigned>())
    llvm::errs() << "  predicted behaviour changes: " << c << "\n";
  if (unsigned e = s["errors"].get<unsigned>())
    llvm::errs() << "  translation units that failed to parse: " << e
                 << " (see errors[] in the report)\n";
}

/// The functions that receive optval/optlen on some chain and that no unit
/// of the database defines: what scripts/linux-tree.sh adds to it next.
std::string undefinedCallees(const nlohmann::ordered_json &report) {
  std::set<std::string> names;
  for (const auto &impl : report["implementations"])
    for (const auto &call : impl["external_calls"])
      if (call["resolution"] == "undefined")
        names.insert(call["callee"].get<std::string>());
  std::string out;
  for (const std::string &name : names)
    out += name + "\n";
  return out;
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
  auto loaded = loadDatabaseFromOptions();
  if (!loaded)
    return fail(llvm::toString(loaded.takeError()));
  const std::string &root = loaded->root;

  auto cache = openCacheFromOptions();
  if (!cache)
    return fail(llvm::toString(cache.takeError()));

  Progress progress;
  auto analysed = analyseTree(*loaded, ScanAction::Mode::Scan,
                              runSettingsFromOptions(cache->get(), progress));
  progress.clear();
  if (!analysed)
    return fail(llvm::toString(analysed.takeError()));
  TreeAnalysis tree = std::move(*analysed);
  unsigned precompiled = tree.precompiled;
  nlohmann::ordered_json report = mergeReport(std::move(tree), root);
  if (opt::list_undefined) {
    llvm::outs() << undefinedCallees(report);
    llvm::outs().flush();
    return 0;
  }
  std::string text = opt::format == "text" ? formatTextReport(report) : jsonText(report);
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
  if (!opt::quiet) {
    printSummary(report);
    if (*cache && (*cache)->hits())
      llvm::errs() << "  from the result cache: " << (*cache)->hits() << " of "
                   << (*cache)->lookups() << " analyses (" << (*cache)->directory() << ")\n";
    if (precompiled)
      llvm::errs() << "  parsed with a shared precompiled <net/sock.h>: " << precompiled
                   << " units\n";
  }
  if (!treeHasApi(report) && !report["implementations"].empty())
    noteNoApi(root, "the verdicts describe the code, and rewrite refuses this tree until the "
                    "API is there");
  return report["summary"]["errors"].get<unsigned>() ? 1 : 0;
}

} // namespace sockopt
