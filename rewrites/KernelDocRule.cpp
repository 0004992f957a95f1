// The kernel-doc above a converted function documents `@opt` instead of
// `@optval` and `@optlen` (Documentation/doc-guide/kernel-doc.rst).
#include "rewrites/Rules.h"

#include "clang/AST/RawCommentList.h"

namespace sockopt {

using namespace clang;

void rewriteKernelDoc(EditBuilder &b, const FunctionRecord &record) {
  ASTContext &ctx = b.context();
  const RawComment *comment = ctx.getRawCommentForDeclNoCache(record.fn);
  if (!comment)
    return;
  const SourceManager &sm = b.sources();
  SourceLocation begin = sm.getExpansionLoc(comment->getBeginLoc());
  StringRef text = comment->getRawText(sm);
  bool first = true;
  std::vector<const ParmVarDecl *> params;
  for (const auto &[param, role] : record.seeds.pointers)
    params.push_back(param);
  std::sort(params.begin(), params.end(), [](const ParmVarDecl *a, const ParmVarDecl *c) {
    return a->getFunctionScopeIndex() < c->getFunctionScopeIndex();
  });
  for (const ParmVarDecl *param : params) {
    std::string tag = "@" + param->getNameAsString() + ":";
    size_t at = text.find(tag);
    if (at == StringRef::npos)
      continue;
    size_t line_start = text.rfind('\n', at);
    line_start = line_start == StringRef::npos ? 0 : line_start + 1;
    size_t line_end = text.find('\n', at);
    if (line_end == StringRef::npos)
      continue;
    SourceLocation from = begin.getLocWithOffset(first ? at : line_start);
    SourceLocation to = begin.getLocWithOffset(first ? line_end : line_end + 1);
    b.replaceChars(CharSourceRange::getCharRange(from, to),
                   first ? "@" + b.opt() +
                               ": the option buffer (iter_in, iter_out) and its "
                               "length (optlen)"
                         : "");
    first = false;
  }
}

} // namespace sockopt
