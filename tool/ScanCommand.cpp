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

void printSummary(const MergedReport &report) {
  const ReportSummary &s = report.summary;
  // sockptr_t helpers (do_tcp_getsockopt(), ...) and the inner helpers of
  // struct proto hooks are counted apart from the functions a struct proto
  // or proto_ops registers.
  auto count = [&](Kind kind) {
    auto found = s.by_kind.find(nameString(kind));
    return found == s.by_kind.end() ? size_t(0) : found->second;
  };
  size_t helpers = count(Kind::Sockptr), inner = count(Kind::Inner);
  llvm::errs() << "sockopt-migrate: " << s.implementations << " getsockopt implementations in "
               << s.translation_units << " translation units: "
               << s.implementations - helpers - inner << " registered, " << helpers
               << " sockptr_t helpers" << (inner ? ", " + std::to_string(inner) + " inner helpers" : "")
               << "\n";
  std::string kinds;
  for (const auto &[kind, n] : s.by_kind)
    kinds += (kinds.empty() ? "" : ", ") + kind + " " + std::to_string(n);
  llvm::errs() << "  by kind: " << kinds << "\n";
  // What the tree lacks for the layer below proto_ops (include/net/sock.h).
  if (size_t hooks = count(Kind::Proto);
      hooks && report.sockopt_type && !report.sockopt_type->proto_has_getsockopt_iter)
    llvm::errs() << "  struct proto has no getsockopt_iter: its " << hooks
                 << " getsockopt keep their __user pointers, and so does "
                    "sock_common_getsockopt(); only their inner helpers convert\n";
  for (const auto &[verdict, n] : s.by_verdict)
    llvm::errs() << "  " << verdict << ": " << n << "\n";
  for (const auto &[reason, n] : s.by_reason)
    llvm::errs() << "    " << reason << ": " << n << "\n";
  if (s.followed_functions)
    llvm::errs() << "  followed into other units: " << s.followed_functions << " functions in "
                 << s.followed_parses << " units, depth " << s.followed_rounds << "\n";
  if (s.behaviour_changes)
    llvm::errs() << "  predicted behaviour changes: " << s.behaviour_changes << "\n";
  if (size_t hidden = report.hidden_registrations.size())
    llvm::errs() << "  registrations in #if branches this configuration does not compile: "
                 << hidden << " (hidden_registrations[] in the report)\n";
  if (s.errors)
    llvm::errs() << "  translation units that failed to parse: " << s.errors
                 << " (see errors[] in the report)\n";
}

/// The functions that receive optval/optlen on some chain and that no unit
/// of the database defines: what scripts/linux-tree.sh adds to it next.
std::string undefinedCallees(const MergedReport &report) {
  std::set<std::string> names;
  for (const Implementation &impl : report.implementations)
    for (const ExternalCall &call : impl.external_calls)
      if (call.resolution == Resolution::Undefined)
        names.insert(call.callee);
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
  MergedReport report = mergeReport(std::move(tree), root);
  if (opt::list_undefined) {
    llvm::outs() << undefinedCallees(report);
    llvm::outs().flush();
    return 0;
  }
  std::string text =
      opt::format == "text" ? formatTextReport(report) : jsonText(reportJson(report));
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
  if (!report.hasApi() && !report.implementations.empty())
    noteNoApi(root, "the verdicts describe the code, and rewrite refuses this tree until the "
                    "API is there");
  return report.summary.errors ? 1 : 0;
}

} // namespace sockopt
