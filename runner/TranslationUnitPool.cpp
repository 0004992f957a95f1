#include "runner/TranslationUnitPool.h"

#include "engine/ScanAction.h"
#include "runner/AnalysisInvocation.h"
#include "runner/CompilationDatabaseLoader.h"
#include "runner/RecordingFileSystem.h"
#include "runner/ResultCache.h"
#include "runner/SharedPch.h"
#include "runner/WorkerCleanup.h"
#include "support/AtomicFile.h"
#include "support/Paths.h"
#include "support/TestHooks.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <map>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace sockopt {

namespace {

/// A worker's exit status when it could not write its result: this plus
/// the errno of the failed write.
constexpr int kCannotHandBack = 100;

/// Keeps the first error diagnostics of a translation unit, GCC style.
class FirstErrors : public clang::DiagnosticConsumer {
public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic &info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error || messages.size() >= 5)
      return;
    llvm::SmallString<256> text;
    info.FormatDiagnostic(text);
    std::string where;
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      clang::PresumedLoc p = info.getSourceManager().getPresumedLoc(
          info.getSourceManager().getExpansionLoc(info.getLocation()));
      if (p.isValid())
        where = llvm::formatv("{0}:{1}:{2}: ", p.getFilename(), p.getLine(), p.getColumn());
    }
    messages.push_back(where +
                       (level == clang::DiagnosticsEngine::Fatal ? "fatal error: " : "error: ") +
                       std::string(text));
  }
  std::vector<std::string> messages;
};

class ScanFactory : public clang::tooling::FrontendActionFactory {
public:
  ScanFactory(TranslationUnitResult &result, ScanAction::Mode mode,
              const std::vector<FollowRequest> &requests, SharedPchUse *prefix)
      : result_(result), mode_(mode), requests_(requests), prefix_(prefix) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<ScanAction>(result_, mode_, requests_, prefix_);
  }
  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation,
                     clang::FileManager *files,
                     std::shared_ptr<clang::PCHContainerOperations> pch,
                     clang::DiagnosticConsumer *diagnostics) override {
    withoutSideOutputs(*invocation);
    return FrontendActionFactory::runInvocation(std::move(invocation), files, std::move(pch),
                                                diagnostics);
  }

private:
  TranslationUnitResult &result_;
  ScanAction::Mode mode_;
  const std::vector<FollowRequest> &requests_;
  SharedPchUse *prefix_;
};

} // namespace

bool isDepfileArgument(llvm::StringRef arg) {
  return arg.starts_with("-Wp,-MD,") || arg.starts_with("-Wp,-MMD,");
}

void adjustForAnalysis(clang::tooling::ClangTool &tool) {
  // Kernel builds use -Werror (CONFIG_WERROR); only errors matter here.
  // -fno-caret-diagnostics also keeps clang's "N errors generated." away:
  // the diagnostics go to the report, not to stderr.
  tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      {"-w", "-Wno-error", "-fno-caret-diagnostics"}, clang::tooling::ArgumentInsertPosition::END));
  tool.appendArgumentsAdjuster(
      [](const clang::tooling::CommandLineArguments &args, llvm::StringRef) {
        clang::tooling::CommandLineArguments kept;
        for (const std::string &arg : args)
          if (!isDepfileArgument(arg))
            kept.push_back(arg);
        return kept;
      });
  tool.setPrintErrorMessage(false);
}

/// One parse of `file`, loading `prefix` first if given.
static TranslationUnitResult parseOnce(const clang::tooling::CompilationDatabase &db,
                                       const std::string &file, ScanAction::Mode mode,
                                       const std::vector<FollowRequest> &requests,
                                       bool record_inputs, SharedPchUse *prefix) {
  TranslationUnitResult result;
  result.file = file;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> files =
      record_inputs ? recordingFileSystem(result.inputs) : llvm::vfs::getRealFileSystem();
  if (prefix) {
    // The precompiled header and its main file exist in memory only; the
    // header's modification time must be the one its build saw (0).
    auto memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
    memory->addFile(prefix->pch, 0,
                    llvm::MemoryBuffer::getMemBuffer(prefix->pch_bytes->getMemBufferRef(),
                                                     /*RequiresNullTerminator=*/false));
    memory->addFile(prefix->header, 0, llvm::MemoryBuffer::getMemBuffer(prefix->header_source));
    auto overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(files);
    overlay->pushOverlay(memory);
    files = overlay;
  }
  clang::tooling::ClangTool tool(db, {file}, std::make_shared<clang::PCHContainerOperations>(),
                                 files);
  adjustForAnalysis(tool);
  if (prefix)
    tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        {"-include-pch", prefix->pch}, clang::tooling::ArgumentInsertPosition::END));
  FirstErrors errors;
  tool.setDiagnosticConsumer(&errors);
  ScanFactory factory(result, mode, requests, prefix);
  int status = tool.run(&factory);
  if (status != 0 || errors.getNumErrors() > 0) {
    TranslationUnitResult failed;
    failed.file = file;
    failed.failed = true;
    failed.diagnostics = std::move(errors.messages);
    if (failed.diagnostics.empty())
      failed.diagnostics.push_back("the compiler could not run this compile command");
    return failed;
  }
  return result;
}

TranslationUnitResult scanOneFile(const clang::tooling::CompilationDatabase &db,
                                  const std::string &file, ScanAction::Mode mode,
                                  const std::vector<FollowRequest> &requests,
                                  bool record_inputs, std::optional<SharedPchUse> prefix) {
  if (prefix) {
    TranslationUnitResult result = parseOnce(db, file, mode, requests, record_inputs, &*prefix);
    if (!result.failed && prefix->includes_shared_header) {
      result.precompiled_prefix = true;
      // The parse read the precompiled header, not the headers in it: it
      // only opened them (an empty digest), and the build of the header
      // read them. Its digests are the ones an edit must change.
      if (record_inputs && prefix->inputs) {
        for (const auto &[path, digest] : prefix->inputs->files)
          if (std::string &recorded = result.inputs.files[path]; recorded.empty())
            recorded = digest;
        result.inputs.missing.insert(prefix->inputs->missing.begin(),
                                     prefix->inputs->missing.end());
        result.inputs.complete &= prefix->inputs->complete;
      }
      return result;
    }
  }
  return parseOnce(db, file, mode, requests, record_inputs, nullptr);
}

RunUnitCache::RunUnitCache(ResultCache *cache, const LoadedDatabase &loaded,
                           ScanAction::Mode mode)
    : cache_(cache), loaded_(loaded), mode_(mode), keys_(loaded.files.size()) {}

std::vector<size_t> RunUnitCache::takeCached(std::vector<TranslationUnitResult> &results) {
  std::vector<size_t> to_parse;
  for (size_t i = 0; i < loaded_.files.size(); ++i) {
    if (cache_) {
      keys_[i] = analysisKey(modeName(mode_), *loaded_.db, loaded_.files[i]);
      if (std::optional<nlohmann::json> payload = cache_->lookup(keys_[i])) {
        try {
          results[i] = payload->get<TranslationUnitResult>();
          continue;
        } catch (const nlohmann::json::exception &) {
          // Written by a build with another layout: parse again.
        }
      }
    }
    to_parse.push_back(i);
  }
  return to_parse;
}

void RunUnitCache::store(size_t i, const UnitInputs &inputs, const TranslationUnitResult &result) {
  if (cache_ && !result.failed)
    cache_->store(keys_[i], inputs, result);
}

const char *modeName(ScanAction::Mode mode) {
  switch (mode) {
  case ScanAction::Mode::Scan:
    return "scan";
  case ScanAction::Mode::Rewrite:
    return "rewrite";
  case ScanAction::Mode::Check:
    return "check";
  case ScanAction::Mode::Follow:
    return "follow";
  }
  return "?";
}

unsigned RunSettings::workers() const {
  return jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

llvm::Expected<std::vector<TranslationUnitResult>>
parseAll(const LoadedDatabase &loaded, ScanAction::Mode mode, const RunSettings &settings) {
  unsigned jobs = settings.workers();
  ResultCache *cache = settings.cache;
  std::vector<TranslationUnitResult> results(loaded.files.size());
  RunUnitCache cached(cache, loaded, mode);
  std::vector<size_t> slot = cached.takeCached(results); // of each file to parse, in `results`
  std::vector<std::string> to_parse;
  for (size_t i : slot)
    to_parse.push_back(loaded.files[i]);
  std::optional<SharedPchSet> prefixes;
  if (settings.share_pch)
    prefixes.emplace(*loaded.db, to_parse, to_parse, jobs, cache);
  auto parsed = runInWorkers(
      to_parse, jobs,
      [&](const std::string &file) {
        TranslationUnitResult result = scanOneFile(*loaded.db, file, mode, {}, cache,
                                                   prefixes ? prefixes->forUnit(file)
                                                            : std::nullopt);
        testhooks::afterParse(file);
        return result;
      },
      [&](size_t done, size_t total, const std::string &file) {
        if (settings.progress)
          settings.progress(done, total, relativeTo(file, loaded.root));
      });
  if (!parsed)
    return parsed.takeError();
  for (size_t k = 0; k < parsed->size(); ++k) {
    TranslationUnitResult &result = (*parsed)[k];
    UnitInputs inputs = std::move(result.inputs);
    result.inputs = {};
    result.precompiled_prefix = false;
    cached.store(slot[k], inputs, result);
    results[slot[k]] = std::move(result);
  }
  return results;
}


llvm::Expected<std::vector<TranslationUnitResult>>
runInWorkers(const std::vector<std::string> &files, unsigned jobs,
             const std::function<TranslationUnitResult(const std::string &)> &work,
             const ProgressSink &progress) {
  std::vector<TranslationUnitResult> results(files.size());
  size_t next = 0, finished = 0;
  Schedule schedule;
  schedule.capacity = files.size();
  schedule.name = [&](size_t i) { return files[i]; };
  schedule.next = [&](bool) -> std::optional<size_t> {
    if (next == files.size())
      return std::nullopt;
    return next++;
  };
  schedule.work = [&](size_t i) { return work(files[i]); };
  schedule.done = [&](size_t i, TranslationUnitResult result) {
    results[i] = std::move(result);
    ++finished;
    if (progress)
      progress(finished, files.size(), files[i]);
  };
  if (llvm::Error e = runScheduled(jobs, schedule))
    return std::move(e);
  return results;
}

// Long on purpose: everything between fork() and the worker's _exit(), and
// the parent's wait loop it pairs with, reads best in one place.
llvm::Error runScheduled(unsigned jobs, const Schedule &schedule) {
  llvm::SmallString<128> dir;
  if (std::error_code ec = llvm::sys::fs::createUniqueDirectory("sockopt-migrate", dir))
    return llvm::createStringError(ec, "cannot create a temporary directory: " + ec.message());
  auto result_path = [&](size_t i) {
    llvm::SmallString<128> p(dir);
    llvm::sys::path::append(p, std::to_string(i) + ".cbor");
    return std::string(p);
  };

  WorkerCleanup cleanup(std::string(dir), schedule.capacity, jobs);
  std::map<pid_t, size_t> running;
  std::string cannot_hand_back; // why results could not come back, once

  auto collect = [&](pid_t pid, int status) {
    size_t i = running.at(pid);
    running.erase(pid);
    cleanup.ended(pid);
    std::string path = result_path(i);
    auto buffer = llvm::MemoryBuffer::getFile(path);
    TranslationUnitResult result;
    // Not the unit's failure: the run cannot go on without its results
    // (a full disk, or the file size limit, `ulimit -f`).
    if (WIFEXITED(status) && WEXITSTATUS(status) >= kCannotHandBack && cannot_hand_back.empty())
      cannot_hand_back = "cannot hand results from the parsing processes back through " +
                         std::string(dir) + ": " +
                         std::strerror(WEXITSTATUS(status) - kCannotHandBack);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && buffer) {
      result = nlohmann::json::from_cbor((*buffer)->getBufferStart(), (*buffer)->getBufferEnd())
                   .get<TranslationUnitResult>();
    } else {
      result.file = schedule.name(i);
      result.failed = true;
      result.diagnostics.push_back(
          WIFSIGNALED(status)
              ? llvm::formatv("the parser crashed on this file ({0})", strsignal(WTERMSIG(status)))
                    .str()
              : llvm::formatv("the parser exited with status {0}", WEXITSTATUS(status)).str());
    }
    llvm::sys::fs::remove(path);
    schedule.done(i, std::move(result));
  };

  pid_t parent = getpid();
  for (;;) {
    while (running.size() < jobs) {
      std::optional<size_t> next = schedule.next(running.empty());
      if (!next)
        break;
      llvm::outs().flush();
      llvm::errs().flush();
      pid_t pid = cleanup.fork();
      if (pid < 0) {
        std::string why = strerror(errno);
        for (const auto &[running_pid, i] : running) {
          kill(running_pid, SIGKILL);
          waitpid(running_pid, nullptr, 0);
          cleanup.ended(running_pid);
        }
        llvm::sys::fs::remove_directories(dir);
        return llvm::createStringError("fork failed: " + why);
      }
      if (pid == 0) {
        // A worker does not outlive the run: killed when the parent dies,
        // also by SIGKILL (the parent may be gone before prctl() ran).
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
          _exit(4);
        llvm::setBugReportMsg("sockopt-migrate: a worker crashed while parsing one translation "
                              "unit; the run goes on and lists it in errors[].\n");
        testhooks::beforeParse(schedule.name(*next));
        TranslationUnitResult r = schedule.work(*next);
        // CBOR, not JSON text: it carries paths and source text that are
        // not valid UTF-8 unchanged (a JSON dump would throw on them).
        std::vector<std::uint8_t> bytes = nlohmann::json::to_cbor(nlohmann::json(r));
        llvm::StringRef text(reinterpret_cast<const char *>(bytes.data()), bytes.size());
        std::error_code written = writeThroughTemporary(result_path(*next), text);
        _exit(written ? kCannotHandBack + std::min(written.value(), 255 - kCannotHandBack) : 0);
      }
      running[pid] = *next;
    }
    if (running.empty())
      break;
    int status = 0;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid > 0 && running.count(pid))
      collect(pid, status);
  }
  llvm::sys::fs::remove(dir);
  if (!cannot_hand_back.empty())
    return llvm::createStringError(cannot_hand_back);
  return llvm::Error::success();
}

} // namespace sockopt

