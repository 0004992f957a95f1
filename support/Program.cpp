#include "support/Program.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"

namespace sockopt {

llvm::Expected<ProgramResult> runProgram(const std::string &program,
                                         const std::vector<std::string> &args) {
  auto path = llvm::sys::findProgramByName(program);
  if (!path)
    return llvm::createStringError(path.getError(), program + " not found");
  llvm::SmallString<128> out, err;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("sockopt-" + program, "out", out))
    return llvm::createStringError(ec, "cannot create a temporary file");
  llvm::sys::RemoveFileOnSignal(out);
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("sockopt-" + program, "err", err)) {
    llvm::sys::fs::remove(out);
    llvm::sys::DontRemoveFileOnSignal(out);
    return llvm::createStringError(ec, "cannot create a temporary file");
  }
  llvm::sys::RemoveFileOnSignal(err);
  std::vector<llvm::StringRef> argv = {*path};
  argv.insert(argv.end(), args.begin(), args.end());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(out),
                                                llvm::StringRef(err)};
  ProgramResult result;
  result.status = llvm::sys::ExecuteAndWait(*path, argv, std::nullopt, redirects);
  if (auto text = llvm::MemoryBuffer::getFile(out))
    result.out = (*text)->getBuffer().str();
  if (auto text = llvm::MemoryBuffer::getFile(err))
    result.err = (*text)->getBuffer().str();
  for (const auto &path : {out, err}) {
    llvm::sys::fs::remove(path);
    llvm::sys::DontRemoveFileOnSignal(path);
  }
  return result;
}

} // namespace sockopt
