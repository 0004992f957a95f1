#include "rewrites/LineWrap.h"

#include <vector>

namespace sockopt {

unsigned advanceColumn(unsigned col, char ch) { return ch == '\t' ? (col / 8 + 1) * 8 : col + 1; }

unsigned columnsOf(llvm::StringRef text) {
  unsigned col = 0;
  for (char ch : text)
    col = advanceColumn(col, ch);
  return col;
}

std::optional<std::string> wrapAfterComparison(llvm::StringRef prefix, llvm::StringRef call,
                                               llvm::StringRef suffix) {
  size_t split = call.rfind(" != ");
  unsigned width = columnsOf(prefix) + call.size() + suffix.size();
  if (split == llvm::StringRef::npos || width <= 80)
    return std::nullopt;
  std::string first = prefix.str() + call.substr(0, split).str() + " !=";
  std::vector<unsigned> open;
  unsigned col = 0;
  for (char ch : first) {
    if (ch == '(')
      open.push_back(col + 1);
    else if (ch == ')' && !open.empty())
      open.pop_back();
    col = advanceColumn(col, ch);
  }
  // Outside every parenthesis (`return copy_to_iter(...) != n ? ...`), the
  // line is broken only past checkpatch's 100 columns, the continuation
  // lined up with the start of the expression.
  if (open.empty() && width <= 100)
    return std::nullopt;
  unsigned align = open.empty() ? columnsOf(prefix) : open.back();
  std::string indent(align / 8, '\t');
  indent.append(align % 8, ' ');
  return call.substr(0, split).str() + " !=\n" + indent + call.substr(split + 4).str();
}

} // namespace sockopt
