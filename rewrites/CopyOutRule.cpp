// Writes to optval become copy_to_iter() on opt->iter_out:
//   copy_to_user(optval, src, n)      → copy_to_iter(src, n, &opt->iter_out) != n
//   put_user(v, (T __user *)optval)   → copy_to_iter(&(T){ v }, sizeof(T), &opt->iter_out) != sizeof(T)
// The compound literal has exactly type T, so the number of bytes written
// is the one put_user() wrote. copy_to_iter() stops at the caller's optlen
// (the iterator's length), which is the short-buffer behaviour change the
// scan predicts.
#include "rewrites/CopyRules.h"

namespace sockopt {

using namespace clang;

void rewriteOptvalWrite(EditBuilder &b, const Use &use, const UseFact &fact) {
  if (!checkSequential(b, use, fact))
    return;
  std::string call;
  if (use.invocation) {
    QualType type = use.pointer->getType()->getPointeeType().getUnqualifiedType();
    const FileSpan &value = use.invocation->args[0];
    std::string v = b.sources().getBufferData(value.file).substr(value.begin, value.end - value.begin).str();
    std::string t = type.getAsString(b.context().getPrintingPolicy());
    call = "copy_to_iter(&(" + t + "){ " + v + " }, sizeof(" + t + "), &" + b.opt() + "->iter_out) != sizeof(" +
           t + ")";
  } else {
    const auto *copy = cast<CallExpr>(use.anchor);
    if (copy->getArg(2)->HasSideEffects(b.context())) {
      b.block("unsupported-access", "the size of copy_to_user() has side effects", use.loc);
      return;
    }
    std::string src = b.text(copy->getArg(1)->getSourceRange());
    std::string n = b.text(copy->getArg(2)->getSourceRange());
    call = "copy_to_iter(" + src + ", " + n + ", &" + b.opt() + "->iter_out) != " + n;
  }
  replaceAccess(b, use, call);
}

} // namespace sockopt
