#include "tool/UnifiedDiff.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
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
  llvm::SmallString<128> out_path;
  llvm::sys::fs::createTemporaryFile("sockopt-diff", "txt", out_path);
  auto diff = llvm::sys::findProgramByName("diff");
  if (!diff)
    return llvm::createStringError(diff.getError(), "diff(1) not found");
  std::string a = "a/" + relative_path, b = "b/" + relative_path;
  std::vector<llvm::StringRef> args = {*diff,     "-u", "--label", a,
                                       "--label", b,    *old_file, *new_file};
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(out_path),
                                                std::nullopt};
  int status = llvm::sys::ExecuteAndWait(*diff, args, std::nullopt, redirects);
  auto text = llvm::MemoryBuffer::getFile(out_path);
  llvm::sys::fs::remove(*old_file);
  llvm::sys::fs::remove(*new_file);
  llvm::sys::fs::remove(out_path);
  if (status != 1 || !text) // diff exits 1 when the files differ
    return llvm::createStringError("diff(1) failed on " + relative_path);
  return (*text)->getBuffer().str();
}

} // namespace sockopt
