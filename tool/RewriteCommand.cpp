#include "tool/RewriteCommand.h"

#include "engine/CrossFileConversions.h"
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

} // namespace

int runRewrite() {
  namespace opt = options;
  // Everything the options can get wrong is found before the parse.
  for (const std::string &code : opt::accept)
    if (!named<ChangeCode>(code)) {
      std::vector<std::string> known;
      for (const Term<ChangeCode> &t : vocabulary<ChangeCode>())
        known.emplace_back(t.name);
      return fail("--accept " + code + ": not a behaviour-change code (known: " +
                  llvm::join(known, ", ") + ")");
    }
  if (opt::apply && !opt::patches.empty())
    return fail("--apply and --patches exclude each other");
  if (!opt::patches.empty())
    if (llvm::Error e = checkSeriesDirectory(opt::patches))
      return fail("--patches " + llvm::toString(std::move(e)));
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
  RunSettings settings = runSettingsFromOptions(cache->get(), progress);
  settings.after_parse = [](const std::string &file) {
    // Fault injection for the test suite: the file changes between the
    // parse and the write (test/rewrite/refuse-changed.test).
    if (const char *victim = std::getenv("SOCKOPT_MIGRATE_TOUCH_AFTER_PARSE");
        victim && llvm::StringRef(file).ends_with(victim)) {
      std::error_code ec;
      llvm::raw_fd_ostream out(file, ec, llvm::sys::fs::OF_Append);
      out << "\n";
    }
  };
  auto parsed = parseAll(*loaded, ScanAction::Mode::Rewrite, settings);
  progress.clear();
  if (!parsed)
    return fail(llvm::toString(parsed.takeError()));
  std::vector<TranslationUnitResult> units = std::move(*parsed);
  settleCrossFileConversions(units, loaded->db->getAllFiles(), root);

  // The target API comes from the tree: sockopt_t and proto_ops::getsockopt_iter.
  bool has_api = false, any_parsed = false;
  for (const TranslationUnitResult &unit : units) {
    any_parsed |= !unit.failed;
    has_api |= unit.sockopt_type && unit.sockopt_type->proto_ops_has_getsockopt_iter;
  }
  if (any_parsed && !has_api)
    return fail(noApiMessage(root));

  // Units in file order; each one's edits go in whole or not at all, and so
  // do those of units converted together across files
  // (engine/CrossFileConversions.h), which share a patch key. A patch holds
  // the units of one file, or of one such group.
  std::map<std::string, clang::tooling::Replacements> by_file;
  std::map<std::string, std::vector<const RewriteUnit *>> units_by_patch;
  std::map<std::string, std::string> patch_of_file;
  std::map<std::string, std::string> digests;
  unsigned converted = 0, errors = 0;
  std::vector<std::string> left;
  std::vector<std::string> manual; // from the scan, for the cover letter
  std::vector<std::string> order; // groups converted whole, in file order
  std::map<std::string, std::vector<std::pair<const RewriteUnit *, const TranslationUnitResult *>>>
      groups;
  for (const TranslationUnitResult &unit : units) {
    if (unit.failed) {
      ++errors;
      llvm::errs() << "sockopt-migrate: " << relativeTo(unit.file, root)
                   << ": not parsed: " << (unit.diagnostics.empty() ? "" : unit.diagnostics[0])
                   << "\n";
      continue;
    }
    std::set<std::string> blocked; // listed below with the rewrite's reason
    for (const RewriteUnit &r : unit.rewrites)
      if (!r.blocked.empty())
        blocked.insert(r.function);
    for (const Implementation &impl : unit.implementations) {
      if (impl.verdict != Verdict::Manual || blocked.count(impl.function))
        continue;
      std::set<std::string> codes;
      for (const Reason &reason : impl.reasons)
        codes.insert(nameString(reason.code));
      manual.push_back(relativeTo(impl.where.file, root) + ": " + impl.function + "() (" +
                       nameString(impl.kind) + "): " + llvm::join(codes, ", "));
    }
    for (const RewriteUnit &r : unit.rewrites) {
      std::string group = r.patch.empty() ? functionKey(r.file, r.function) : r.patch;
      if (!groups.count(group))
        order.push_back(group);
      groups[group].emplace_back(&r, &unit);
    }
  }
  for (const std::string &group : order) {
    const auto &members = groups[group];
    const std::string &key = members.front().first->patch.empty()
                                 ? members.front().first->file
                                 : members.front().first->patch;
    std::vector<std::string> wheres;
    for (const auto &[r, unit] : members)
      if (!r->shared_helper)
        wheres.push_back(relativeTo(r->file, root) + ": " + r->function + "()");
    const RewriteUnit &first = *members.front().first;
    if (!first.blocked.empty()) { // a unit alone: groups are settled unblocked
      left.push_back(wheres.front() + " stays manual: " + nameString(first.blocked.front().code) +
                     " at line " + std::to_string(first.blocked.front().where.line) + ": " +
                     first.blocked.front().message);
      continue;
    }
    std::vector<std::string> refused;
    for (const auto &[r, unit] : members)
      for (const BehaviourChange &c : r->behaviour_changes)
        if (!accepted.count(nameString(c.code)))
          refused.push_back(nameString(c.code) + " (" + c.optionLabel() + ")");
    if (!refused.empty()) {
      for (const std::string &where : wheres)
        left.push_back(where + " not converted: it would change what userspace sees: " +
                       llvm::join(refused, ", ") + "; see --accept");
      continue;
    }
    std::map<std::string, clang::tooling::Replacements> trial = by_file;
    bool conflict = false;
    for (const auto &[r, unit] : members)
      for (const Edit &e : r->edits) {
        // An identical edit (a helper two implementations share, the
        // <linux/uio.h> both of a file's implementations need) is made once:
        // Replacements::add() would concatenate two insertions at one offset.
        clang::tooling::Replacement rep(e.file, e.offset, e.length, e.text);
        if (llvm::is_contained(trial[e.file], rep))
          continue;
        if (llvm::Error err = trial[e.file].add(rep)) {
          llvm::consumeError(std::move(err));
          conflict = true;
        }
      }
    if (conflict) {
      for (const std::string &where : wheres)
        left.push_back(where + " not converted: its edits overlap another conversion's");
      continue;
    }
    by_file = std::move(trial);
    for (const auto &[r, unit] : members) {
      for (const Edit &e : r->edits) {
        digests[e.file] = unit->digests.at(e.file);
        // A file edited by two patches makes them one.
        auto [it, inserted] = patch_of_file.try_emplace(e.file, key);
        if (!inserted && it->second != key) {
          std::string other = it->second;
          for (const RewriteUnit *moved : units_by_patch[other])
            units_by_patch[key].push_back(moved);
          units_by_patch.erase(other);
          for (auto &[file, patch] : patch_of_file)
            if (patch == other)
              patch = key;
        }
      }
      units_by_patch[key].push_back(r);
    }
    converted += wheres.size();
  }

  // Every file as it is now must be the file that was parsed.
  std::map<std::string, std::string> before, after;
  for (const auto &[file, replacements] : by_file) {
    auto text = readFile(file);
    if (!text)
      return fail(relativeTo(file, root) + ": cannot be read");
    if (digest(*text) != digests[file])
      return fail(relativeTo(file, root) +
                  ": changed since it was analysed; nothing was written, run again");
    auto result = clang::tooling::applyAllReplacements(*text, replacements);
    if (!result)
      return fail(relativeTo(file, root) + ": " + llvm::toString(result.takeError()));
    before[file] = *text;
    after[file] = keepLineEndings(*text, *result);
  }

  if (!opt::patches.empty()) {
    SeriesInfo info;
    info.identity = identity;
    info.left = left;
    info.manual = manual;
    info.accepted.assign(accepted.begin(), accepted.end());
    std::vector<ProtocolPatch> series;
    for (const auto &[key, patch_units] : units_by_patch) {
      ProtocolPatch patch{relativeTo(key, root), "", patch_units};
      for (const auto &[file, text] : after) {
        if (patch_of_file[file] != key)
          continue;
        auto diff = unifiedDiff(relativeTo(file, root), before[file], text);
        if (!diff)
          return fail(llvm::toString(diff.takeError()));
        patch.diff += *diff;
      }
      series.push_back(std::move(patch));
    }
    if (llvm::Error e = writePatchSeries(opt::patches, series, info))
      return fail("cannot write the series: " + llvm::toString(std::move(e)));
  } else if (opt::apply) {
    for (const auto &[file, text] : after) {
      auto now = readFile(file);
      if (!now || *now != before[file])
        return fail(relativeTo(file, root) +
                    ": changed since it was analysed; nothing was written, run again");
    }
    if (llvm::Error e = writeAllOrNothing(after))
      return fail(llvm::toString(std::move(e)));
  } else {
    for (const auto &[file, text] : after) {
      auto diff = unifiedDiff(relativeTo(file, root), before[file], text);
      if (!diff)
        return fail(llvm::toString(diff.takeError()));
      llvm::outs() << *diff;
    }
    llvm::outs().flush();
    if (std::error_code ec = llvm::outs().error()) {
      llvm::outs().clear_error();
      return fail("cannot write the diff to stdout: " + ec.message());
    }
  }

  llvm::errs() << "sockopt-migrate: " << converted << " implementations converted in "
               << after.size() << " files"
               << (opt::apply             ? ""
                   : opt::patches.empty() ? " (diff on stdout)"
                                          : " (series in " + opt::patches + ")")
               << "\n";
  for (const std::string &line : left)
    llvm::errs() << "  " << line << "\n";
  return errors ? 1 : 0;
}

} // namespace sockopt
