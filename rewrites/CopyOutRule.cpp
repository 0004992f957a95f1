// Writes to optval become copy_to_iter() on opt->iter_out:
//   copy_to_user(optval, src, n)
//     → copy_to_iter(src, n, &opt->iter_out) != n
//   put_user(v, (T __user *)optval)
//     → copy_to_iter(&v, sizeof(v), &opt->iter_out) != sizeof(v)
//       when v is a local of type T, else a local of type T set first:
//     → val = v;
//       if (copy_to_iter(&val, sizeof(val), &opt->iter_out) != sizeof(val))
// The local is declared with the function's other locals and named after
// the value where it reads as one (`mtu` for `hci_pi(sk)->mtu`), as
// net/bluetooth/l2cap_sock.c does. It has exactly type T, so the number of
// bytes written is the one put_user() wrote, and v converts to T as it did
// in put_user(). copy_to_iter() stops at the caller's optlen (the
// iterator's length), which is the short-buffer behaviour change the scan
// predicts.
//
// A put_user() wider than the one length the code checks optlen to be
// (net/atm/common.c vcc_getsockopt(): an unsigned long for SO_SETCLP, where
// `len != __SO_SIZE(optname)` wants the 4 bytes of an int) wrote past the
// caller's buffer on every call; converted as it is, it would fail on every
// call. The local gets the checked width instead (narrowed-store), with the
// signedness of T: `u32 val = v;` writes the bytes a 4-byte caller declared.
#include "rewrites/CopyRules.h"

#include "clang/AST/RecursiveASTVisitor.h"

#include <regex>

namespace sockopt {

using namespace clang;

namespace {

/// A parameter or local of the current function named `name` with type `type`.
bool isLocalOfType(EditBuilder &b, const std::string &name, QualType type) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const std::string *name;
    const VarDecl *found = nullptr;
    bool VisitVarDecl(VarDecl *var) {
      if (var->getName() == *name && !found)
        found = var;
      return true;
    }
  } finder;
  finder.name = &name;
  finder.TraverseDecl(const_cast<FunctionDecl *>(b.function()));
  return finder.found && !finder.found->hasGlobalStorage() &&
         b.context().hasSameUnqualifiedType(finder.found->getType(), type);
}

/// Names for the local, best first: the last identifier of a variable or
/// member access (`sco_pi(sk)->conn->mtu` → mtu), then generic ones.
std::vector<std::string> localNames(const std::string &value) {
  std::vector<std::string> names;
  static const std::regex member(R"((?:^|->|\.)\s*([A-Za-z_]\w*)$)");
  std::smatch m;
  if (std::regex_search(value, m, member) &&
      std::regex_match(value, std::regex(R"([\w\s()\->.]*)")))
    names.push_back(m[1]);
  for (const char *name : {"val", "tmp"})
    names.push_back(name);
  return names;
}

/// The kernel's integer type of `bytes` bytes with the signedness of `like`.
std::string integerOfWidth(int64_t bytes, QualType like) {
  return (like->isSignedIntegerType() ? "s" : "u") + std::to_string(bytes * 8);
}

/// The value on one line: `a,\n\t\t     b` → `a, b`.
std::string oneLine(const std::string &text) {
  return std::regex_replace(text, std::regex(R"(\s*\n\s*)"), " ");
}

} // namespace

void rewriteOptvalWrite(EditBuilder &b, const Use &use, const UseFact &fact) {
  if (!checkSequential(b, use, fact))
    return;
  std::string call;
  if (use.invocation) {
    QualType type = use.pointer->getType()->getPointeeType().getUnqualifiedType();
    std::optional<int64_t> narrowed = fact.narrowedTo();
    std::string type_name = narrowed ? integerOfWidth(*narrowed, type)
                                     : type.getAsString(b.context().getPrintingPolicy());
    std::string v = oneLine(macroArgument(b, use, 0));
    std::string name = v;
    if (narrowed || !isLocalOfType(b, v, type)) {
      name = b.local(type_name, localNames(v), use.loc);
      if (name.empty() || !setBefore(b, use, name + " = " + v + ";"))
        return;
    }
    call = "copy_to_iter(&" + name + ", sizeof(" + name + "), &" + b.opt() +
           "->iter_out) != sizeof(" + name + ")";
  } else {
    call = copyCall(b, use, "copy_to_iter", "iter_out", 1);
  }
  if (!call.empty())
    replaceAccess(b, use, call);
}

} // namespace sockopt
