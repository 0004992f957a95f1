// Reads of optval become copy_from_iter() on opt->iter_in, a cursor of its
// own (writes through iter_out do not move it):
//   copy_from_user(dst, optval, n)   → copy_from_iter(dst, n, &opt->iter_in) != n
//   get_user(v, (T __user *)optval)  → copy_from_iter(&v, sizeof(T), &opt->iter_in) != sizeof(T)
// The get_user form needs v to be of type T: get_user() converts, a byte
// copy does not.
#include "rewrites/CopyRules.h"

namespace sockopt {

using namespace clang;

void rewriteOptvalRead(EditBuilder &b, const Use &use, const UseFact &fact) {
  if (!checkSequential(b, use, fact))
    return;
  std::string call;
  ASTContext &ctx = b.context();
  if (use.invocation) {
    QualType type = use.pointer->getType()->getPointeeType();
    std::string v = macroArgument(b, use, 0);
    std::string t = type.getUnqualifiedType().getAsString(ctx.getPrintingPolicy());
    // The destination must be a plain variable of the pointee type.
    if (!use.var || v != use.var->getName() ||
        !ctx.hasSameUnqualifiedType(use.var->getType(), type)) {
      b.block(ReasonCode::UnsupportedAccess,
              "get_user() converts to the type of '" + v +
                  "'; a byte copy from the iterator would not",
              use.loc);
      return;
    }
    call = "copy_from_iter(&" + v + ", sizeof(" + t + "), &" + b.opt() + "->iter_in) != sizeof(" +
           t + ")";
  } else {
    call = copyCall(b, use, "copy_from_iter", "iter_in", 0);
  }
  if (!call.empty())
    replaceAccess(b, use, call);
}

} // namespace sockopt
