#include "tool/AtomicFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace sockopt {

llvm::Error checkWritable(const std::string &path) {
  if (llvm::sys::fs::is_directory(path))
    return llvm::createStringError(path + ": is a directory");
  llvm::StringRef dir = llvm::sys::path::parent_path(path);
  if (!dir.empty() && !llvm::sys::fs::is_directory(dir))
    return llvm::createStringError(path + ": no such directory " + dir.str());
  return llvm::Error::success();
}

llvm::Error writeAtomically(const std::string &path, llvm::StringRef text) {
  if (llvm::Error e = checkWritable(path))
    return e;
  llvm::SmallString<256> tmp;
  int fd = -1;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(path + ".%%%%%%.tmp", fd, tmp))
    return llvm::createStringError(path + ": cannot create a temporary file: " + ec.message());
  std::error_code ec;
  {
    llvm::raw_fd_ostream out(fd, /*shouldClose=*/true);
    out << text;
    out.close();
    ec = out.error();
    out.clear_error();
  }
  if (!ec)
    ec = llvm::sys::fs::rename(tmp, path);
  if (ec) {
    llvm::sys::fs::remove(tmp);
    return llvm::createStringError(path + ": " + ec.message());
  }
  return llvm::Error::success();
}

} // namespace sockopt
