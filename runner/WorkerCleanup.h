// While parse workers run, SIGINT, SIGTERM or SIGHUP to the main process
// first kills the workers and removes the run's temporary directory, then
// takes its usual course (LLVM's handler, which removes the files it was
// given, and death by the signal). Workers also die with the main process
// when it is killed outright (PR_SET_PDEATHSIG, in TranslationUnitPool).
#pragma once

#include <string>
#include <sys/types.h>

namespace sockopt {

class WorkerCleanup {
public:
  /// `dir` holds the results "0.cbor" .. "<units - 1>.cbor" (and their
  /// ".tmp"); at most `jobs` workers run at a time.
  WorkerCleanup(const std::string &dir, size_t units, unsigned jobs);
  ~WorkerCleanup();
  WorkerCleanup(const WorkerCleanup &) = delete;
  WorkerCleanup &operator=(const WorkerCleanup &) = delete;

  /// fork(), with no signal in between that could find the worker
  /// unrecorded or, in the worker, this cleanup still installed: in the
  /// worker the signals get back their earlier handlers.
  pid_t fork();
  /// The worker `pid` has been waited for.
  void ended(pid_t pid);
};

} // namespace sockopt
