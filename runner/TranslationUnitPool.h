// Parses translation units in parallel worker processes. A crash or a fatal
// error in one translation unit loses nothing of the others: each unit runs
// in its own forked child, which hands its result back through a file.
#pragma once

#include "engine/ScanAction.h"
#include "model/Report.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sockopt {

/// Where a run reports its progress: `done` of `total` parses finished,
/// the last being `what`. The command line draws it on a terminal.
using ProgressSink = std::function<void(size_t done, size_t total, const std::string &what)>;

/// How a run parses: `jobs` at a time (0: all cores); with a `cache`, a
/// unit whose inputs are unchanged is taken from it and not parsed; with
/// `share_pch`, units share a precompiled <net/sock.h> (runner/SharedPch.h).
struct RunSettings {
  unsigned jobs = 0;
  class ResultCache *cache = nullptr;
  bool share_pch = true;
  ProgressSink progress;

  /// `jobs`, or the number of cores when 0.
  unsigned workers() const;
};

/// Runs `work` for every file, at most `jobs` at a time, and returns one
/// result per file in the order of `files`. A child that dies yields a
/// failed result naming the signal or exit status; an error means no
/// worker could be started.
llvm::Expected<std::vector<TranslationUnitResult>>
runInWorkers(const std::vector<std::string> &files, unsigned jobs,
             const std::function<TranslationUnitResult(const std::string &)> &work,
             const ProgressSink &progress);

/// What runScheduled() runs: items numbered below `capacity`, each started
/// when `next` names it, until `next` names none while nothing runs.
struct Schedule {
  size_t capacity = 0;
  /// The next item to start, or nullopt to wait until a running one ends;
  /// when `idle` (nothing runs), nullopt ends the schedule.
  std::function<std::optional<size_t>(bool idle)> next;
  /// Runs in the worker, which sees the parent's state as it was when the
  /// item started.
  std::function<TranslationUnitResult(size_t)> work;
  /// Runs in the parent as each item ends, in the order they end.
  std::function<void(size_t, TranslationUnitResult)> done;
  /// The file of an item, for the failure of a worker that died.
  std::function<std::string(size_t)> name;
};

/// Runs `schedule` in forked workers, at most `jobs` at a time. An error
/// (no temporary directory, fork() failing) ends it early.
llvm::Error runScheduled(unsigned jobs, const Schedule &schedule);

/// Parses every file of `loaded` in `mode`, as `settings` say.
llvm::Expected<std::vector<TranslationUnitResult>>
parseAll(const struct LoadedDatabase &loaded, ScanAction::Mode mode, const RunSettings &settings);

/// The units of a run in the result cache: each is looked up, before any
/// parse, under the key of its analysis in `mode`, and stored under the
/// same key once parsed. Without a cache every unit is parsed and nothing
/// is stored.
class RunUnitCache {
public:
  RunUnitCache(class ResultCache *cache, const struct LoadedDatabase &loaded,
               ScanAction::Mode mode);

  /// Puts in results[i] each unit i of the run that the cache holds with
  /// its inputs unchanged; returns the others, to be parsed, in order.
  std::vector<size_t> takeCached(std::vector<TranslationUnitResult> &results);
  /// Stores the parse of unit `i` with the inputs it read (stripped from
  /// `result` beforehand); a failed parse is not stored.
  void store(size_t i, const UnitInputs &inputs, const TranslationUnitResult &result);

private:
  class ResultCache *cache_;
  const struct LoadedDatabase &loaded_;
  ScanAction::Mode mode_;
  std::vector<std::string> keys_; // by unit of the run
};

/// The name of `mode` in cache keys.
const char *modeName(ScanAction::Mode mode);

/// Kbuild asks the preprocessor for its depfile with -Wp,-MMD,dir/.x.o.d
/// (scripts/Makefile.lib, depfile), which ClangTool's own dependency-file
/// stripping does not recognise: left in, every parse would write that
/// file into the kernel tree.
bool isDepfileArgument(llvm::StringRef arg);

/// The arguments and settings every parse of the analysis adds to a
/// compile command: warnings off, no depfile, errors kept for the report.
void adjustForAnalysis(clang::tooling::ClangTool &tool);

/// Parses one file with the scan action in `mode` (answering `requests`,
/// the follow mode's) and collects its diagnostics; with `record_inputs`,
/// also what the parse read, for the result cache. With a `prefix`, the
/// parse loads that precompiled header first; when the unit cannot use it
/// after all, it is parsed again without.
TranslationUnitResult scanOneFile(const clang::tooling::CompilationDatabase &db,
                                  const std::string &file, ScanAction::Mode mode,
                                  const std::vector<FollowRequest> &requests,
                                  bool record_inputs, std::optional<SharedPchUse> prefix = {});

} // namespace sockopt
