#include "output/UnifiedDiff.h"

#include "support/Program.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace sockopt {

namespace {

llvm::Expected<std::string> temporary(llvm::StringRef prefix, llvm::StringRef text) {
  llvm::SmallString<128> path;
  int fd;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(prefix, "c", fd, path))
    return llvm::createStringError(ec, "cannot create a temporary file");
  llvm::raw_fd_ostream out(fd, /*shouldClose=*/true);
  out << text;
  return std::string(path);
}

} // namespace

llvm::Expected<std::string> unifiedDiff(const std::string &relative_path, const std::string &before,
                                        const std::string &after) {
  if (before == after)
    return "";
  auto old_file = temporary("sockopt-old", before);
  if (!old_file)
    return old_file.takeError();
  auto new_file = temporary("sockopt-new", after);
  if (!new_file)
    return new_file.takeError();
  // --text: a source with a stray NUL byte is still text to the reader.
  auto run = runProgram("diff", {"-u", "--text", "--label", "a/" + relative_path, "--label",
                                 "b/" + relative_path, *old_file, *new_file});
  llvm::sys::fs::remove(*old_file);
  llvm::sys::fs::remove(*new_file);
  if (!run)
    return run.takeError();
  if (run->status != 1) // diff exits 1 when the files differ
    return llvm::createStringError("diff(1) failed on " + relative_path + ": " + run->err);
  return run->out;
}

} // namespace sockopt
