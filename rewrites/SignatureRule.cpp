// The optval/optlen parameters become one `sockopt_t *opt`, in the
// definition and every prototype of the function in the file (and in the
// headers, for a function converted with its callers in other files), and
// in each call that hands them to a helper.
#include "rewrites/Rules.h"

#include "clang/AST/TypeLoc.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>

namespace sockopt {

using namespace clang;

namespace {

/// Replaces the first of `items` (parameters or arguments, by index) with
/// `replacement` and removes the others with the comma before them.
template <typename GetRange>
void collapse(EditBuilder &b, std::vector<unsigned> indices, GetRange range,
              const std::string &replacement) {
  std::sort(indices.begin(), indices.end());
  const SourceManager &sm = b.sources();
  const LangOptions &lo = b.context().getLangOpts();
  for (size_t k = 0; k < indices.size(); ++k) {
    unsigned i = indices[k];
    if (k == 0) {
      b.replaceTokens(range(i), replacement);
      continue;
    }
    // From the end of the previous item: ", int __user *optlen".
    SourceLocation prev_end =
        Lexer::getLocForEndOfToken(sm.getExpansionLoc(range(i - 1).getEnd()), 0, sm, lo);
    SourceLocation end =
        Lexer::getLocForEndOfToken(sm.getExpansionLoc(range(i).getEnd()), 0, sm, lo);
    b.replaceChars(CharSourceRange::getCharRange(prev_end, end), "");
  }
}

} // namespace

void rewriteSignature(EditBuilder &b, const FunctionRecord &record, bool every_declaration) {
  std::vector<unsigned> indices;
  for (const auto &[param, role] : record.seeds.pointers)
    indices.push_back(param->getFunctionScopeIndex());
  const SourceManager &sm = b.sources();
  for (const FunctionDecl *decl : record.fn->redecls()) {
    // EXPORT_SYMBOL(f)'s `extern typeof(f) f;` has no parameters to edit.
    if (decl->getFunctionTypeLoc().isNull())
      continue;
    SourceLocation at = sm.getExpansionLoc(decl->getLocation());
    if (!sm.isWrittenInMainFile(at)) {
      if (!every_declaration)
        continue;
      b.allowFile(sm.getFileID(at));
    }
    collapse(
        b, indices, [&](unsigned i) { return decl->getParamDecl(i)->getSourceRange(); },
        "sockopt_t *" + b.opt());
  }
}

void rewriteHelperCall(EditBuilder &b, const Use &use) {
  std::vector<unsigned> indices;
  for (const auto &[index, role] : use.callee_pointers)
    indices.push_back(index);
  collapse(
      b, indices, [&](unsigned i) { return use.call->getArg(i)->getSourceRange(); }, b.opt());
}

} // namespace sockopt
