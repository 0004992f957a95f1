#include "support/AtomicFile.h"

#include "support/TestHooks.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace sockopt {

namespace {

llvm::Error failure(const llvm::Twine &message) { return llvm::createStringError(message.str()); }

/// Holds back SIGINT, SIGTERM and SIGHUP for its lifetime.
class BlockInterrupts {
public:
  BlockInterrupts() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
      sigaddset(&set, sig);
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~BlockInterrupts() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

private:
  sigset_t old_;
};

/// A new content written to a temporary file, not yet renamed.
struct Staged {
  std::string target; // the file that will be replaced (symbolic links resolved)
  std::string tmp;
};

/// Writes `text` to a new temporary file beside the file `path` names,
/// carrying over the mode and owner of an existing target.
llvm::Expected<Staged> stage(const std::string &path, llvm::StringRef text) {
  Staged staged;
  staged.target = path;
  struct stat st;
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (!exists && errno != ENOENT)
    return failure(path + ": " + std::strerror(errno));
  if (exists) {
    llvm::SmallString<256> real;
    if (std::error_code ec = llvm::sys::fs::real_path(path, real))
      return failure(path + ": " + ec.message());
    staged.target = std::string(real);
    if (S_ISDIR(st.st_mode))
      return failure(path + ": is a directory");
    if (!S_ISREG(st.st_mode))
      return failure(path + ": not a regular file");
    // A file nobody may write is refused, also when running as root
    // (for whom access() would allow it).
    if ((st.st_mode & 0222) == 0 || ::access(staged.target.c_str(), W_OK) != 0)
      return failure(path + ": read-only; make it writable to let the tool replace it");
  }
  llvm::SmallString<256> tmp;
  int fd = -1;
  std::error_code ec;
  {
    // No signal between the creation of the file and its registration for
    // removal on a signal.
    BlockInterrupts blocked;
    ec = llvm::sys::fs::createUniqueFile(staged.target + ".%%%%%%.tmp", fd, tmp);
    if (!ec)
      llvm::sys::RemoveFileOnSignal(tmp);
  }
  if (ec)
    return failure(path + ": cannot create a temporary file beside it: " + ec.message());
  staged.tmp = std::string(tmp);
  std::string problem;
  // Owner first: a change of owner clears the set-id bits of the mode.
  struct stat made;
  if (exists && ::fstat(fd, &made) == 0 && (made.st_uid != st.st_uid || made.st_gid != st.st_gid) &&
      ::fchown(fd, st.st_uid, st.st_gid) != 0)
    problem = std::string("cannot keep its owner: ") + std::strerror(errno);
  if (problem.empty() && exists && ::fchmod(fd, st.st_mode & 07777) != 0)
    problem = std::string("cannot keep its mode: ") + std::strerror(errno);
  {
    llvm::raw_fd_ostream out(fd, /*shouldClose=*/true);
    out << text;
    out.flush();
    // On disk before the rename makes it the file: a crash of the machine
    // then leaves the old content or the new, not an empty file.
    if (problem.empty() && !out.has_error() && ::fsync(fd) != 0)
      problem = std::string("cannot write it to disk: ") + std::strerror(errno);
    out.close();
    if (problem.empty() && out.error())
      problem = out.error().message();
    out.clear_error();
  }
  if (!problem.empty()) {
    llvm::sys::fs::remove(staged.tmp);
    llvm::sys::DontRemoveFileOnSignal(staged.tmp);
    return failure(path + ": " + problem);
  }
  return staged;
}

void discard(const std::vector<Staged> &staged) {
  for (const Staged &s : staged) {
    llvm::sys::fs::remove(s.tmp);
    llvm::sys::DontRemoveFileOnSignal(s.tmp);
  }
}

} // namespace

llvm::Error checkWritable(const std::string &path) {
  if (llvm::sys::fs::is_directory(path))
    return failure(path + ": is a directory");
  llvm::StringRef dir = llvm::sys::path::parent_path(path);
  if (!dir.empty() && !llvm::sys::fs::is_directory(dir))
    return failure(path + ": no such directory " + dir);
  if (::access(dir.empty() ? "." : dir.str().c_str(), W_OK) != 0)
    return failure(path + ": directory " + (dir.empty() ? "." : dir) + " not writable");
  return llvm::Error::success();
}

llvm::Error checkCanCreate(const std::string &dir) {
  llvm::SmallString<256> ancestor(dir);
  llvm::sys::fs::make_absolute(ancestor);
  while (!ancestor.empty() && !llvm::sys::fs::exists(ancestor))
    llvm::sys::path::remove_filename(ancestor);
  if (!llvm::sys::fs::is_directory(ancestor))
    return failure(dir + ": cannot be created: " + ancestor + " is not a directory");
  if (::access(ancestor.c_str(), W_OK) != 0)
    return failure(dir + ": cannot be created: " + ancestor + " not writable");
  return llvm::Error::success();
}

llvm::Error writeAtomically(const std::string &path, llvm::StringRef text) {
  if (llvm::Error e = checkWritable(path))
    return e;
  // `-o /dev/null`, a FIFO: there is nothing to replace atomically, and a
  // rename would put a regular file in place of the device.
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    std::error_code ec;
    llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_Append);
    if (ec)
      return failure(path + ": " + ec.message());
    out << text;
    out.close();
    if (out.has_error()) {
      std::error_code write_error = out.error();
      out.clear_error();
      return failure(path + ": " + write_error.message());
    }
    return llvm::Error::success();
  }
  return writeAllOrNothing({{path, text.str()}});
}

llvm::Error writeAllOrNothing(const std::map<std::string, std::string> &files) {
  std::vector<Staged> staged;
  std::vector<std::string> problems;
  std::map<std::string, std::string> named; // target → the path that named it first
  for (const auto &[path, text] : files) {
    auto s = stage(path, text);
    if (!s) {
      problems.push_back(llvm::toString(s.takeError()));
      continue;
    }
    // Two names of one file (a symbolic link and its target): one new
    // content would silently replace the other.
    if (auto [it, first] = named.emplace(s->target, path); !first)
      problems.push_back(path + ": the same file as " + it->second);
    staged.push_back(std::move(*s));
  }
  if (!problems.empty()) {
    discard(staged);
    if (files.size() == 1)
      return failure(problems.front());
    return failure("nothing was written; " + llvm::Twine(problems.size()) + " of " +
                   llvm::Twine(files.size()) + " files cannot be:\n  " +
                   llvm::join(problems, "\n  "));
  }
  testhooks::beforeRename();
  // The renames are quick; a signal waits for them, so that the tree holds
  // either every old file or every new one.
  BlockInterrupts blocked;
  for (size_t i = 0; i < staged.size(); ++i) {
    if (std::error_code ec = llvm::sys::fs::rename(staged[i].tmp, staged[i].target)) {
      // Cannot happen short of the file system failing under us: the
      // temporary file sits in the target's directory.
      std::vector<std::string> written, not_written;
      for (size_t j = 0; j < staged.size(); ++j)
        (j < i ? written : not_written).push_back(staged[j].target);
      discard({staged.begin() + i, staged.end()});
      return failure(staged[i].target + ": " + ec.message() + "; already replaced: " +
                     (written.empty() ? "none" : llvm::join(written, ", ")) +
                     "; left as they were: " + llvm::join(not_written, ", "));
    }
    llvm::sys::DontRemoveFileOnSignal(staged[i].tmp);
  }
  return llvm::Error::success();
}

std::error_code writeThroughTemporary(const std::string &path, llvm::StringRef bytes) {
  std::string temporary = path + ".tmp";
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(temporary, ec);
    if (ec)
      return ec;
    out << bytes;
    out.close();
    if (out.has_error()) {
      ec = out.error();
      out.clear_error();
      return ec;
    }
  }
  return llvm::sys::fs::rename(temporary, path);
}

} // namespace sockopt
