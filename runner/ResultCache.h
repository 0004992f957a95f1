// A persistent cache of per-unit analysis results, so that a rerun parses
// only what changed. An entry is found by its key (this build of the tool,
// the analysis asked for, the exact compile command) and is reused only when
// every file its parse read still holds the bytes it held then and every
// path the parse looked up in vain is still absent: a stale result is never
// returned, whatever changed (the unit, a header it includes, the build of
// the tool). Entries are written atomically, so two runs may share the
// directory; the least recently used are removed beyond a size limit. An
// entry decides verdicts and rewrites, so the directory is used only when
// it is the user's alone (docs/design.md, "Reruns: the result cache").
#pragma once

#include "model/Report.h"
#include "runner/BuildId.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace sockopt {

/// Where a message to the user goes (the command line prints it as a note).
using NoteSink = std::function<void(const std::string &message)>;

class ResultCache {
public:
  /// A failure to write an entry is said once through `note`.
  ResultCache(std::string dir, uint64_t limit_bytes, NoteSink note = {});
  ~ResultCache();

  /// The payload stored under `key`, if its inputs are unchanged.
  std::optional<nlohmann::json> lookup(const std::string &key);
  /// Stores `payload` under `key` with the inputs it was computed from
  /// (nothing when they are incomplete). A failure to write is reported
  /// once and the run goes on.
  void store(const std::string &key, const UnitInputs &inputs, const nlohmann::json &payload);

  unsigned hits() const { return hits_; }
  unsigned lookups() const { return lookups_; }
  const std::string &directory() const { return dir_; }

private:
  std::string pathOf(const std::string &key) const;
  bool unchanged(const nlohmann::json &entry);
  const std::optional<std::string> &currentDigest(const std::string &path);
  bool exists(const std::string &path);
  void trim();
  llvm::Error ownDirectory(const std::string &dir);
  llvm::Error writeEntry(const std::string &path, llvm::StringRef bytes);

  std::string dir_;
  uint64_t limit_;
  NoteSink note_;
  uint64_t written_ = 0;
  bool write_failed_ = false;
  unsigned hits_ = 0, lookups_ = 0;
  /// What each input holds now, read once per run (nullopt: absent).
  std::map<std::string, std::optional<std::string>> digests_;
  std::map<std::string, bool> exists_;
  /// Directories of the cache found to be this user's alone in this run.
  std::set<std::string> checked_dirs_;
};

/// Where the cache lives and how large it may grow.
struct CacheLocation {
  std::string dir;
  /// The user named the directory: one that cannot be used is an error,
  /// where the default one is skipped with a note.
  bool named = false;
  uint64_t limit_bytes = 0;
};

/// Opens the cache at `where`, creating the directory.
llvm::Expected<std::unique_ptr<ResultCache>> openResultCache(const CacheLocation &where,
                                                             const NoteSink &note);

/// The key of one analysis of `file` with its compile commands in `db`:
/// `kind` says which (the mode, or the followed function and its calling
/// context), `build_id` which build of the tool made it.
std::string analysisKey(const std::string &kind, const clang::tooling::CompilationDatabase &db,
                        const std::string &file, const std::string &build_id = buildId());

} // namespace sockopt
