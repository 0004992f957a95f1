// Which files of the compilation database define which functions, read
// from the source text without preprocessing: the whole-tree analysis asks
// it where to follow optval/optlen when they leave a translation unit.
// The unit it names is then parsed for real, so a wrong guess (a name
// defined under an #if this configuration does not compile) costs a parse
// and ends as "undefined", never as a wrong verdict.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace sockopt {

class DefinitionIndex {
public:
  /// Reads every file; unreadable files define nothing.
  explicit DefinitionIndex(const std::vector<std::string> &files);

  /// The files defining `function` (a definition at file scope: a name
  /// followed by a parameter list and a body).
  const std::vector<std::string> &filesDefining(const std::string &function) const;

  /// The functions `file` calls with `optval` or `optlen` among the
  /// argument tokens: a guess at where its chains lead, good enough to
  /// parse callers before callees (the order never changes a result).
  const std::set<std::string> &optvalCallees(const std::string &file) const;

  /// The names defined by `text`, for the index and its tests.
  static std::vector<std::string> definitionsIn(llvm::StringRef text);
  /// The names called with optval/optlen in `text`.
  static std::set<std::string> optvalCalleesIn(llvm::StringRef text);
  /// Whether `text` stores a function into a getsockopt or getsockopt_iter
  /// member: `.getsockopt = f` in an initializer, `ops->getsockopt = f`,
  /// or the old GNU designator `getsockopt: f`, whatever whitespace,
  /// newlines or comments lie between the tokens.
  static bool registersGetsockoptIn(llvm::StringRef text);

private:
  std::map<std::string, std::vector<std::string>> files_by_function_;
  std::map<std::string, std::set<std::string>> optval_callees_;
};

} // namespace sockopt
