// Writes to optval become copy_to_iter() on opt->iter_out:
//   copy_to_user(optval, src, n)
//     → copy_to_iter(src, n, &opt->iter_out) != n
//   put_user(v, (T __user *)optval)
//     → copy_to_iter(&(T){ v }, sizeof(T), &opt->iter_out) != sizeof(T)
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
    std::string v = macroArgument(b, use, 0);
    std::string t = type.getAsString(b.context().getPrintingPolicy());
    call = "copy_to_iter(&(" + t + "){ " + v + " }, sizeof(" + t + "), &" + b.opt() +
           "->iter_out) != sizeof(" + t + ")";
  } else {
    call = copyCall(b, use, "copy_to_iter", "iter_out", 1);
  }
  if (!call.empty())
    replaceAccess(b, use, call);
}

} // namespace sockopt
