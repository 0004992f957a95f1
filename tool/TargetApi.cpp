#include "tool/TargetApi.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

namespace sockopt {

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

} // namespace sockopt
