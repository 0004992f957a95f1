#include "tool/CommandSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

namespace sockopt {

int fail(const llvm::Twine &message) {
  llvm::errs() << "sockopt-migrate: error: " << message << "\n";
  return 2;
}

bool treeHasApi(const nlohmann::ordered_json &report) {
  const auto &type = report["sockopt_t"];
  return type.is_object() && type.value("proto_ops_has_getsockopt_iter", false);
}

std::string noApiMessage(const std::string &root) {
  return root + " lacks the getsockopt_iter API: include/linux/net.h defines no sockopt_t "
                "with a struct proto_ops getsockopt_iter member";
}

void noteNoApi(const std::string &root, llvm::StringRef consequence) {
  llvm::errs() << "sockopt-migrate: note: " << noApiMessage(root) << "; " << consequence << "\n";
}

/// `int (*getsockopt_iter)(` in the tree's include/linux/net.h, read as
/// text: enough to refuse a tree before parsing it. The parse reads the
/// definition itself (ScanAction's sockopt_t) and has the last word.
bool netHeaderLacksApi(const std::string &root) {
  auto text = llvm::MemoryBuffer::getFile(root + "/include/linux/net.h");
  if (!text)
    return false; // not a kernel tree's layout: the parse decides
  llvm::Regex member("\\([ \t]*\\*[ \t]*getsockopt_iter[ \t]*\\)[ \t\n]*\\(");
  return !member.match((*text)->getBuffer());
}

std::string relativeTo(const std::string &path, const std::string &root) {
  llvm::StringRef p(path);
  std::string prefix = root;
  if (!prefix.empty() && prefix.back() != '/')
    prefix += '/';
  if (p.starts_with(prefix))
    return p.substr(prefix.size()).str();
  return path;
}

std::string jsonText(const nlohmann::ordered_json &j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

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
