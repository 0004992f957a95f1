#include "support/Paths.h"

#include "llvm/ADT/StringRef.h"

namespace sockopt {

std::string relativeTo(const std::string &path, const std::string &root) {
  llvm::StringRef p(path);
  std::string prefix = root;
  if (!prefix.empty() && prefix.back() != '/')
    prefix += '/';
  if (p.starts_with(prefix))
    return p.substr(prefix.size()).str();
  return path;
}

} // namespace sockopt
