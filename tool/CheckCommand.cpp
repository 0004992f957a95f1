#include "tool/CheckCommand.h"
#include "tool/Baseline.h"

#include "checks/Registry.h"
#include "engine/DefinitionIndex.h"

#include "engine/ReportMerger.h"
#include "output/CheckOutput.h"
#include "output/JsonText.h"
#include "runner/CompilationDatabaseLoader.h"
#include "runner/TranslationUnitPool.h"
#include "runner/TreeScheduler.h"
#include "support/AtomicFile.h"
#include "support/GitChanges.h"
#include "support/Paths.h"
#include "tool/CommonOptions.h"
#include "tool/Messages.h"
#include "tool/Options.h"
#include "tool/TargetApi.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace sockopt {

namespace {

using Blocked =
    std::map<std::pair<std::string, std::string>, std::vector<Reason>>; // file, function

/// The rules over implementations (legacy-getsockopt) on the merged
/// report, where registrations made in other files are attached; `blocked`
/// holds the rewrites that could not be made, by tree-relative file and
/// function.
std::vector<CheckFinding> implementationFindings(const MergedReport &report,
                                                 const Blocked &blocked) {
  std::vector<CheckFinding> out;
  for (const Implementation &impl : report.implementations) {
    auto it = blocked.find({impl.where.file, impl.function});
    for (CheckFinding &finding : runImplementationRules(
             impl, it == blocked.end() ? std::vector<Reason>{} : it->second, report.hasApi()))
      out.push_back(std::move(finding));
  }
  return out;
}

/// A changed C file that registers a getsockopt (`.getsockopt =`,
/// `->getsockopt =`) but has no compile command cannot be checked: the gate
/// must not pass it unseen. Files that only call or mention getsockopt
/// (net/socket.c, io_uring) are no concern of the gate.
llvm::Error checkUncompiled(const Changes &changes, const std::vector<std::string> &compiled,
                            const std::string &root) {
  std::set<std::string> known(compiled.begin(), compiled.end());
  std::vector<std::string> unseen, unchecked;
  for (const auto &[file, lines] : changes.files) {
    if (known.count(file) || !llvm::StringRef(file).ends_with(".c"))
      continue;
    auto text = llvm::MemoryBuffer::getFile(file);
    if (text && DefinitionIndex::registersGetsockoptIn((*text)->getBuffer()))
      unseen.push_back(relativeTo(file, root));
    else
      unchecked.push_back(relativeTo(file, root));
  }
  // Not an error (a file of another architecture, a host tool), but the
  // gate says what it did not look at.
  if (!unchecked.empty())
    note(llvm::Twine(unchecked.size()) + " changed C file" + (unchecked.size() == 1 ? "" : "s") +
         " with no compile command, not checked: " + llvm::join(unchecked, ", "));
  if (unseen.empty())
    return llvm::Error::success();
  return llvm::createStringError(
      "changed files that register a getsockopt have no compile command, so they cannot be "
      "checked: " +
      llvm::join(unseen, ", ") + "; regenerate compile_commands.json");
}

/// Writes `text` to stdout; a failed write is a tool error, never a finding.
llvm::Error printOut(llvm::StringRef text) {
  llvm::outs() << text;
  llvm::outs().flush();
  if (std::error_code ec = llvm::outs().error()) {
    llvm::outs().clear_error();
    return llvm::createStringError("cannot write to stdout: " + ec.message());
  }
  return llvm::Error::success();
}

/// --format, and the files --sarif and --write-baseline name, before the
/// parse.
llvm::Error checkOptions(const std::string &format) {
  namespace opt = options;
  if (format != "text" && format != "json")
    return llvm::createStringError("--format=" + format + ": expected text or json");
  for (const std::string *path : {&opt::sarif.getValue(), &opt::write_baseline.getValue()})
    if (!path->empty())
      if (llvm::Error e = checkWritable(*path))
        return llvm::createStringError("cannot write " + llvm::toString(std::move(e)));
  return llvm::Error::success();
}

/// --changed-since: the changes, and the run's files cut to the changed
/// ones. A changed file that registers a getsockopt without a compile
/// command is an error. A changed header keeps every file: any unit may
/// include it, and only the parse knows which do.
llvm::Expected<Changes> narrowToChanges(LoadedDatabase &loaded) {
  namespace opt = options;
  auto changes = changesSince(loaded.root, opt::changed_since, loaded.files);
  if (!changes)
    return changes.takeError();
  if (opt::sources.empty())
    if (llvm::Error e = checkUncompiled(*changes, loaded.files, loaded.root))
      return std::move(e);
  std::vector<std::string> headers;
  for (const auto &[file, lines] : changes->files)
    if (llvm::StringRef(file).ends_with(".h"))
      headers.push_back(relativeTo(file, loaded.root));
  if (!headers.empty()) {
    note(llvm::Twine(headers.size()) + " changed header" + (headers.size() == 1 ? "" : "s") +
         " (" + llvm::join(headers, ", ") + "): every unit of the database is parsed");
    return changes;
  }
  std::vector<std::string> kept;
  for (const std::string &file : loaded.files)
    if (changes->files.count(file))
      kept.push_back(file);
  loaded.files = std::move(kept);
  return changes;
}

/// Every finding of the analysis, sorted by place; `report` gets the
/// merged report the rules over implementations read.
std::vector<CheckFinding> allFindings(TreeAnalysis tree, const std::string &root,
                                      MergedReport &report) {
  std::vector<CheckFinding> iter_findings;
  Blocked blocked;
  for (TranslationUnitResult &unit : tree.units) {
    for (CheckFinding &f : unit.findings) {
      f.where.file = relativeTo(f.where.file, root);
      iter_findings.push_back(std::move(f));
    }
    for (const RewriteUnit &r : unit.rewrites)
      if (!r.blocked.empty())
        blocked[{relativeTo(r.file, root), r.function}] = r.blocked;
  }
  report = mergeReport(std::move(tree), root);
  std::vector<CheckFinding> findings = implementationFindings(report, blocked);
  findings.insert(findings.end(), iter_findings.begin(), iter_findings.end());
  auto key = [](const CheckFinding &f) {
    return std::tie(f.where.file, f.where.line, f.where.column, f.rule, f.message);
  };
  std::sort(findings.begin(), findings.end(),
            [&](const CheckFinding &a, const CheckFinding &b) { return key(a) < key(b); });
  // A header's helper is walked by every unit that includes it.
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [&](const CheckFinding &a, const CheckFinding &b) {
                               return key(a) == key(b);
                             }),
                 findings.end());
  return findings;
}

/// The findings on stdout in `format`, and as SARIF with --sarif.
llvm::Error writeFindings(const std::vector<CheckFinding> &findings,
                          const std::vector<UnparsedUnit> &unparsed, const std::string &format,
                          const std::string &root) {
  std::vector<std::string> errors;
  for (const UnparsedUnit &u : unparsed)
    errors.push_back(u.file + ": " + u.diagnostic);
  if (llvm::Error e = printOut(format == "json" ? jsonText(formatFindingsJson(findings, errors))
                                                : formatFindingsText(findings)))
    return e;
  if (!options::sarif.empty())
    if (llvm::Error e = writeAtomically(options::sarif,
                                        jsonText(formatFindingsSarif(findings, unparsed, root))))
      return llvm::createStringError("cannot write " + llvm::toString(std::move(e)));
  return llvm::Error::success();
}

} // namespace

int runCheck() {
  namespace opt = options;
  std::string format = opt::format.empty() ? "text" : std::string(opt::format);
  if (llvm::Error e = checkOptions(format))
    return fail(llvm::toString(std::move(e)));
  std::optional<Baseline> baseline;
  if (!opt::baseline.empty()) {
    auto read = Baseline::read(opt::baseline);
    if (!read)
      return fail(llvm::toString(read.takeError()));
    baseline = std::move(*read);
    if (baseline->keyedByFunction())
      note(opt::baseline + " is a version 1 baseline, keyed by function: it hides new findings "
                           "in the functions it names; write it again with --write-baseline");
  }
  auto loaded = loadDatabaseFromOptions();
  if (!loaded)
    return fail(llvm::toString(loaded.takeError()));
  const std::string &root = loaded->root;
  auto cache = openCacheFromOptions();
  if (!cache)
    return fail(llvm::toString(cache.takeError()));

  // --changed-since: parse only the translation units that changed, and
  // keep only findings on changed lines (a legacy implementation counts
  // when the line declaring it is new or changed).
  std::optional<Changes> changes;
  if (!opt::changed_since.empty()) {
    auto found = narrowToChanges(*loaded);
    if (!found)
      return fail(llvm::toString(found.takeError()));
    changes = std::move(*found);
    if (loaded->files.empty()) {
      if (llvm::Error e = writeFindings({}, {}, format, root))
        return fail(llvm::toString(std::move(e)));
      return 0;
    }
  }

  Progress progress;
  auto analysed = analyseTree(*loaded, ScanAction::Mode::Check,
                              runSettingsFromOptions(cache->get(), progress));
  progress.clear();
  if (!analysed)
    return fail(llvm::toString(analysed.takeError()));
  MergedReport report;
  std::vector<CheckFinding> findings = allFindings(std::move(*analysed), root, report);
  // A gate over a database that holds no implementation checks nothing: the
  // database of a tree after `make prepare` alone lists host tools only.
  if (!changes && opt::sources.empty() && report.implementations.empty() &&
      report.errors.empty())
    return fail("the compilation database holds no getsockopt implementation (" +
                std::to_string(report.summary.translation_units) +
                " units parsed): it lists none of the files that register one, so "
                "nothing would be checked; write it after the objects are compiled, or with "
                "scripts/linux-tree.sh (docs/check-and-ci.md)");

  FindingLines lines(root);
  if (!opt::write_baseline.empty())
    if (llvm::Error e = writeAtomically(opt::write_baseline, Baseline::text(findings, lines)))
      return fail("cannot write " + llvm::toString(std::move(e)));
  std::vector<CheckFinding> remaining;
  for (const CheckFinding &f : findings)
    if (!(baseline && baseline->suppress(f, lines.textOf(f))) &&
        (!changes || changes->touches(root + "/" + f.where.file, f.where.line)))
      remaining.push_back(f);

  std::vector<UnparsedUnit> unparsed;
  for (const UnitError &e : report.errors)
    unparsed.push_back({e.file, e.diagnostics.empty() ? "" : e.diagnostics[0]});
  if (llvm::Error e = writeFindings(remaining, unparsed, format, root))
    return fail(llvm::toString(std::move(e)));
  if (!report.hasApi() && !report.implementations.empty())
    noteNoApi(root, "legacy-getsockopt is not applied, since nothing can be converted before "
                    "the API is there; the other rules are");
  for (const UnparsedUnit &u : unparsed)
    llvm::errs() << "sockopt-migrate: error: not parsed: " << u.file << ": " << u.diagnostic
                 << "\n";
  if (!unparsed.empty())
    return 2;
  return remaining.empty() ? 0 : 1;
}

} // namespace sockopt
