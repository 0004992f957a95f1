#include "tool/CheckCommand.h"

#include "checks/Finding.h"

#include "tool/AtomicFile.h"
#include "tool/CheckOutput.h"
#include "tool/CommandSupport.h"
#include "tool/CompilationDatabaseLoader.h"
#include "tool/GitChanges.h"
#include "tool/Options.h"
#include "tool/ReportMerger.h"
#include "tool/TranslationUnitPool.h"
#include "tool/WholeTree.h"

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

/// legacy-getsockopt over the merged report, where registrations made in
/// other files are attached; `blocked` holds the rewrites that could not be
/// made, by tree-relative file and function.
std::vector<CheckFinding> legacyFindings(const nlohmann::ordered_json &report,
                                         const Blocked &blocked) {
  std::vector<CheckFinding> out;
  bool has_api = treeHasApi(report);
  for (const auto &entry : report["implementations"]) {
    auto impl = nlohmann::json(entry).get<Implementation>();
    auto it = blocked.find({impl.where.file, impl.function});
    if (auto finding =
            legacyGetsockoptFinding(impl, it == blocked.end() ? std::vector<Reason>{} : it->second,
                                    has_api))
      out.push_back(std::move(*finding));
  }
  return out;
}

using Key = std::tuple<std::string, std::string, std::string>; // rule, file, function
Key keyOf(const CheckFinding &f) { return {f.rule, f.where.file, f.function}; }

llvm::Expected<std::set<Key>> readBaseline(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError(path + ": " + buffer.getError().message());
  nlohmann::json j = nlohmann::json::parse((*buffer)->getBuffer().str(), nullptr, false);
  if (j.is_discarded() || !j.contains("suppressions") || !j["suppressions"].is_array())
    return llvm::createStringError(path + ": not a sockopt-migrate baseline");
  std::set<Key> keys;
  for (const auto &s : j["suppressions"])
    keys.insert({s.value("rule", ""), s.value("file", ""), s.value("function", "")});
  return keys;
}

std::string baselineText(const std::vector<CheckFinding> &findings) {
  std::set<Key> keys;
  for (const CheckFinding &f : findings)
    keys.insert(keyOf(f));
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["suppressions"] = nlohmann::ordered_json::array();
  for (const auto &[rule, file, function] : keys)
    j["suppressions"].push_back({{"rule", rule}, {"file", file}, {"function", function}});
  return j.dump(2) + "\n";
}

} // namespace

int runCheck() {
  namespace opt = options;
  std::string format = opt::format.empty() ? "text" : std::string(opt::format);
  if (format != "text" && format != "json")
    return fail("--format=" + format + ": expected text or json");
  for (const std::string *path : {&opt::sarif.getValue(), &opt::write_baseline.getValue()})
    if (!path->empty())
      if (llvm::Error e = checkWritable(*path))
        return fail("cannot write " + llvm::toString(std::move(e)));
  std::set<Key> suppressed;
  if (!opt::baseline.empty()) {
    auto keys = readBaseline(opt::baseline);
    if (!keys)
      return fail(llvm::toString(keys.takeError()));
    suppressed = std::move(*keys);
  }
  auto loaded = loadDatabase(opt::build_path, opt::sources, opt::extra_args_before, opt::extra_args,
                             opt::root);
  if (!loaded)
    return fail(llvm::toString(loaded.takeError()));
  const std::string &root = loaded->root;

  // --changed-since: parse only the translation units that changed, and
  // keep only findings on changed lines (a legacy implementation counts
  // when the line declaring it is new or changed).
  std::optional<Changes> changes;
  if (!opt::changed_since.empty()) {
    auto found = changesSince(root, opt::changed_since);
    if (!found)
      return fail(llvm::toString(found.takeError()));
    changes = std::move(*found);
    std::vector<std::string> kept;
    for (const std::string &file : loaded->files)
      if (changes->files.count(file))
        kept.push_back(file);
    loaded->files = std::move(kept);
    if (loaded->files.empty()) {
      if (!opt::sarif.empty())
        if (llvm::Error e =
                writeAtomically(opt::sarif, formatFindingsSarif({}, root).dump(2) + "\n"))
          return fail("cannot write " + llvm::toString(std::move(e)));
      if (format == "json")
        llvm::outs() << formatFindingsJson({}, {}).dump(2) << "\n";
      return 0;
    }
  }

  TreeAnalysis tree = analyseTree(*loaded, opt::jobs, ScanAction::Mode::Check);
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
  nlohmann::ordered_json report = mergeReport(std::move(tree), root);
  std::vector<CheckFinding> findings = legacyFindings(report, blocked);
  findings.insert(findings.end(), iter_findings.begin(), iter_findings.end());
  std::sort(findings.begin(), findings.end(), [](const CheckFinding &a, const CheckFinding &b) {
    return std::tie(a.where.file, a.where.line, a.where.column, a.rule, a.message) <
           std::tie(b.where.file, b.where.line, b.where.column, b.rule, b.message);
  });

  if (!opt::write_baseline.empty())
    if (llvm::Error e = writeAtomically(opt::write_baseline, baselineText(findings)))
      return fail("cannot write " + llvm::toString(std::move(e)));
  std::vector<CheckFinding> remaining;
  for (const CheckFinding &f : findings)
    if (!suppressed.count(keyOf(f)) &&
        (!changes || changes->touches(root + "/" + f.where.file, f.where.line)))
      remaining.push_back(f);

  std::vector<std::string> errors;
  for (const auto &e : report["errors"])
    errors.push_back(e["file"].get<std::string>() + ": " +
                     (e["diagnostics"].empty() ? "" : e["diagnostics"][0].get<std::string>()));
  if (format == "json")
    llvm::outs() << formatFindingsJson(remaining, errors).dump(2) << "\n";
  else
    llvm::outs() << formatFindingsText(remaining);
  llvm::outs().flush();
  if (!opt::sarif.empty())
    if (llvm::Error e =
            writeAtomically(opt::sarif, formatFindingsSarif(remaining, root).dump(2) + "\n"))
      return fail("cannot write " + llvm::toString(std::move(e)));
  if (!treeHasApi(report) && !report["implementations"].empty())
    noteNoApi(root);
  for (const std::string &e : errors)
    llvm::errs() << "sockopt-migrate: error: not parsed: " << e << "\n";
  if (!errors.empty())
    return 2;
  return remaining.empty() ? 0 : 1;
}

} // namespace sockopt
