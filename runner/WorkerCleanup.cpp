#include "runner/WorkerCleanup.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

namespace sockopt {

namespace {

// What the handler needs, set up before it is installed: it may only call
// async-signal-safe functions, so no allocation and no std::string there.
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction earlier[std::size(kSignals)];
char dir_path[PATH_MAX];
size_t unit_count;
pid_t *workers;
unsigned worker_slots;

/// Appends `n` in decimal to `out` at `len`.
size_t appendNumber(char *out, size_t len, size_t n) {
  char digits[24];
  size_t k = 0;
  do
    digits[k++] = '0' + n % 10;
  while ((n /= 10) && k < sizeof(digits));
  while (k && len < PATH_MAX - 1)
    out[len++] = digits[--k];
  return len;
}

void removeResult(size_t unit, const char *suffix) {
  char path[PATH_MAX];
  size_t len = strnlen(dir_path, PATH_MAX - 32);
  memcpy(path, dir_path, len);
  path[len++] = '/';
  len = appendNumber(path, len, unit);
  for (const char *s = suffix; *s && len < PATH_MAX - 1; ++s)
    path[len++] = *s;
  path[len] = '\0';
  unlink(path);
}

void onSignal(int sig) {
  int saved_errno = errno;
  for (unsigned i = 0; i < worker_slots; ++i)
    if (workers[i] > 0)
      kill(workers[i], SIGKILL);
  for (unsigned i = 0; i < worker_slots; ++i)
    if (workers[i] > 0)
      waitpid(workers[i], nullptr, 0);
  for (size_t i = 0; i < unit_count; ++i) {
    removeResult(i, ".cbor");
    removeResult(i, ".cbor.tmp");
  }
  rmdir(dir_path);
  // The earlier handler gets the signal as soon as this one returns.
  for (size_t i = 0; i < std::size(kSignals); ++i)
    if (kSignals[i] == sig)
      sigaction(sig, &earlier[i], nullptr);
  raise(sig);
  errno = saved_errno;
}

void restoreEarlier() {
  for (size_t i = 0; i < std::size(kSignals); ++i)
    sigaction(kSignals[i], &earlier[i], nullptr);
}

} // namespace

WorkerCleanup::WorkerCleanup(const std::string &dir, size_t units, unsigned jobs) {
  strncpy(dir_path, dir.c_str(), PATH_MAX - 1);
  unit_count = units;
  worker_slots = jobs;
  workers = new pid_t[jobs]();
  struct sigaction action = {};
  action.sa_handler = onSignal;
  sigemptyset(&action.sa_mask);
  for (int sig : kSignals)
    sigaddset(&action.sa_mask, sig);
  for (size_t i = 0; i < std::size(kSignals); ++i) {
    sigaction(kSignals[i], nullptr, &earlier[i]);
    // A signal the run was started to ignore (nohup, a background job)
    // stays ignored.
    if (earlier[i].sa_handler != SIG_IGN)
      sigaction(kSignals[i], &action, nullptr);
  }
}

WorkerCleanup::~WorkerCleanup() {
  restoreEarlier();
  delete[] workers;
  workers = nullptr;
  worker_slots = 0;
}

pid_t WorkerCleanup::fork() {
  sigset_t interrupts, old;
  sigemptyset(&interrupts);
  for (int sig : kSignals)
    sigaddset(&interrupts, sig);
  sigprocmask(SIG_BLOCK, &interrupts, &old);
  pid_t pid = ::fork();
  if (pid == 0) {
    restoreEarlier();
  } else if (pid > 0) {
    for (unsigned i = 0; i < worker_slots; ++i)
      if (workers[i] <= 0) {
        workers[i] = pid;
        break;
      }
  }
  sigprocmask(SIG_SETMASK, &old, nullptr);
  return pid;
}

void WorkerCleanup::ended(pid_t pid) {
  for (unsigned i = 0; i < worker_slots; ++i)
    if (workers[i] == pid)
      workers[i] = 0;
}

} // namespace sockopt
