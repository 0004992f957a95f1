#include "tool/RewriteCommand.h"

#include "engine/CrossFileConversions.h"
#include "engine/RewritePlan.h"
#include "output/PatchSeries.h"
#include "output/UnifiedDiff.h"
#include "runner/CompilationDatabaseLoader.h"
#include "runner/TranslationUnitPool.h"
#include "support/AtomicFile.h"
#include "support/Paths.h"
#include "support/Program.h"
#include "tool/CommonOptions.h"
#include "tool/Messages.h"
#include "tool/Options.h"
#include "tool/TargetApi.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <map>
#include <set>

namespace sockopt {

namespace {

std::optional<std::string> readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return std::nullopt;
  return (*buffer)->getBuffer().str();
}

/// The rules write "\n"; a file whose every line ends in "\r\n" keeps that.
std::string keepLineEndings(llvm::StringRef original, llvm::StringRef rewritten) {
  size_t lines = original.count('\n');
  if (lines == 0 || original.count("\r\n") != lines)
    return rewritten.str();
  std::string out;
  for (size_t i = 0; i < rewritten.size(); ++i) {
    if (rewritten[i] == '\n' && (i == 0 || rewritten[i - 1] != '\r'))
      out += '\r';
    out += rewritten[i];
  }
  return out;
}

std::string digest(llvm::StringRef text) { return llvm::utohexstr(llvm::xxh3_64bits(text)); }

/// "Name <email>" from git config, run in the tree; "" when unset.
std::string gitIdentity(const std::string &root) {
  auto value = [&](const std::string &key) -> std::string {
    auto run = runProgram("git", {"-C", root, "config", key});
    return run && run->status == 0 ? llvm::StringRef(run->out).trim().str() : "";
  };
  std::string name = value("user.name"), email = value("user.email");
  return name.empty() || email.empty() ? "" : name + " <" + email + ">";
}

/// What the options can get wrong, found before the parse.
llvm::Error checkOptions() {
  namespace opt = options;
  for (const std::string &code : opt::accept)
    if (!named<ChangeCode>(code))
      return llvm::createStringError("--accept " + code +
                                     ": not a behaviour-change code (known: " +
                                     llvm::join(namesOf<ChangeCode>(), ", ") + ")");
  if (opt::apply && !opt::patches.empty())
    return llvm::createStringError("--apply and --patches exclude each other");
  if (!opt::patches.empty())
    if (llvm::Error e = checkSeriesDirectory(opt::patches))
      return llvm::createStringError("--patches " + llvm::toString(std::move(e)));
  return llvm::Error::success();
}

/// Every edited file before and after its edits.
struct EditedFiles {
  std::map<std::string, std::string> before, after;
};

/// Reads every file the plan edits; each must be the file that was parsed.
llvm::Expected<EditedFiles> applyPlan(const RewritePlan &plan, const std::string &root) {
  EditedFiles files;
  for (const auto &[file, replacements] : plan.by_file) {
    auto text = readFile(file);
    if (!text)
      return llvm::createStringError(relativeTo(file, root) + ": cannot be read");
    if (digest(*text) != plan.digests.at(file))
      return llvm::createStringError(
          relativeTo(file, root) +
          ": changed since it was analysed; nothing was written, run again");
    auto result = clang::tooling::applyAllReplacements(*text, replacements);
    if (!result)
      return llvm::createStringError(relativeTo(file, root) + ": " +
                                     llvm::toString(result.takeError()));
    files.before[file] = *text;
    files.after[file] = keepLineEndings(*text, *result);
  }
  return files;
}

/// --patches: one patch per protocol, and a cover letter.
llvm::Error writeSeries(const RewritePlan &plan, const EditedFiles &files,
                        const std::set<std::string> &accepted, const std::string &identity,
                        const std::string &root, bool proto_has_getsockopt_iter) {
  SeriesInfo info;
  info.proto_has_getsockopt_iter = proto_has_getsockopt_iter;
  info.identity = identity;
  info.left = plan.left;
  info.manual = plan.manual;
  info.accepted.assign(accepted.begin(), accepted.end());
  std::vector<ProtocolPatch> series;
  for (const auto &[key, patch_units] : plan.units_by_patch) {
    ProtocolPatch patch{relativeTo(key, root), "", patch_units};
    for (const auto &[file, text] : files.after) {
      if (plan.patch_of_file.at(file) != key)
        continue;
      auto diff = unifiedDiff(relativeTo(file, root), files.before.at(file), text);
      if (!diff)
        return diff.takeError();
      patch.diff += *diff;
    }
    series.push_back(std::move(patch));
  }
  // The core helper first: the patches after it call it.
  auto is_core = [](const ProtocolPatch &patch) {
    return llvm::any_of(patch.units,
                        [](const RewriteUnit *u) { return u->layer == RewriteLayer::CoreHelper; });
  };
  std::vector<ProtocolPatch> ordered;
  for (bool core : {true, false})
    for (const ProtocolPatch &patch : series)
      if (is_core(patch) == core)
        ordered.push_back(patch);
  series = std::move(ordered);
  if (llvm::Error e = writePatchSeries(options::patches, series, info))
    return llvm::createStringError("cannot write the series: " + llvm::toString(std::move(e)));
  return llvm::Error::success();
}

/// --apply: every file or none, each still as it was read.
llvm::Error applyInPlace(const EditedFiles &files, const std::string &root) {
  for (const auto &[file, text] : files.after) {
    auto now = readFile(file);
    if (!now || *now != files.before.at(file))
      return llvm::createStringError(
          relativeTo(file, root) +
          ": changed since it was analysed; nothing was written, run again");
  }
  return writeAllOrNothing(files.after);
}

/// The default: a unified diff on stdout.
llvm::Error printDiff(const EditedFiles &files, const std::string &root) {
  for (const auto &[file, text] : files.after) {
    auto diff = unifiedDiff(relativeTo(file, root), files.before.at(file), text);
    if (!diff)
      return diff.takeError();
    llvm::outs() << *diff;
  }
  llvm::outs().flush();
  if (std::error_code ec = llvm::outs().error()) {
    llvm::outs().clear_error();
    return llvm::createStringError("cannot write the diff to stdout: " + ec.message());
  }
  return llvm::Error::success();
}

} // namespace

int runRewrite() {
  namespace opt = options;
  if (llvm::Error e = checkOptions())
    return fail(llvm::toString(std::move(e)));
  auto loaded = loadDatabaseFromOptions();
  if (!loaded)
    return fail(llvm::toString(loaded.takeError()));
  const std::string &root = loaded->root;
  if (netHeaderLacksApi(root))
    return fail(noApiMessage(root));
  auto cache = openCacheFromOptions();
  if (!cache)
    return fail(llvm::toString(cache.takeError()));
  std::set<std::string> accepted(opt::accept.begin(), opt::accept.end());
  std::string identity;
  if (!opt::patches.empty()) {
    identity = opt::signoff.empty() ? gitIdentity(root) : std::string(opt::signoff);
    if (identity.empty())
      return fail("--patches needs an identity: pass --signoff \"Name <email>\" or set git "
                  "config user.name and user.email");
  }

  Progress progress;
  auto parsed = parseAll(*loaded, ScanAction::Mode::Rewrite,
                         runSettingsFromOptions(cache->get(), progress));
  progress.clear();
  if (!parsed)
    return fail(llvm::toString(parsed.takeError()));
  std::vector<TranslationUnitResult> units = std::move(*parsed);
  settleCrossFileConversions(units, loaded->db->getAllFiles(), root);

  // The target API comes from the tree: sockopt_t and proto_ops::getsockopt_iter.
  bool has_api = false, any_parsed = false, proto_has_iter = false;
  for (const TranslationUnitResult &unit : units) {
    any_parsed |= !unit.failed;
    has_api |= unit.sockopt_type && unit.sockopt_type->proto_ops_has_getsockopt_iter;
    proto_has_iter |= unit.sockopt_type && unit.sockopt_type->proto_has_getsockopt_iter;
  }
  if (any_parsed && !has_api)
    return fail(noApiMessage(root));

  RewritePlan plan = planRewrite(units, accepted, root);
  for (const TranslationUnitResult *unit : plan.unparsed)
    llvm::errs() << "sockopt-migrate: " << relativeTo(unit->file, root)
                 << ": not parsed: " << (unit->diagnostics.empty() ? "" : unit->diagnostics[0])
                 << "\n";
  auto files = applyPlan(plan, root);
  if (!files)
    return fail(llvm::toString(files.takeError()));
  llvm::Error written = !opt::patches.empty() ? writeSeries(plan, *files, accepted, identity, root, proto_has_iter)
                        : opt::apply         ? applyInPlace(*files, root)
                                             : printDiff(*files, root);
  if (written)
    return fail(llvm::toString(std::move(written)));

  llvm::errs() << "sockopt-migrate: " << plan.converted << " implementations "
               << (plan.inner_converted
                       ? "and " + std::to_string(plan.inner_converted) + " inner helpers "
                       : "")
               << "converted in " << files->after.size() << " files"
               << (opt::apply             ? ""
                   : opt::patches.empty() ? " (diff on stdout)"
                                          : " (series in " + opt::patches + ")")
               << "\n";
  for (const std::string &line : plan.left)
    llvm::errs() << "  " << line << "\n";
  if (proto_has_iter && plan.inner_converted)
    llvm::errs() << "sockopt-migrate: note: struct proto has getsockopt_iter in this tree, but "
                    "struct proto getsockopt are not converted to it (not implemented): their "
                    "inner helpers take a sockopt_t behind sockopt_init_user() instead\n";
  return plan.unparsed.empty() ? 0 : 1;
}

} // namespace sockopt
