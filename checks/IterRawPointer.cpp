// iter-raw-user-pointer: opt->iter_out.ubuf, .__ubuf_iovec, .iov, ... The
// iterators may be kvec-backed (io_uring and BPF pass kernel buffers through
// iov_iter_kvec() in net/socket.c), so a user pointer taken out of them is
// wrong for those callers.
#include "checks/RuleSupport.h"

#include "llvm/ADT/StringSwitch.h"

namespace sockopt {

using namespace clang;

namespace {

struct RawPointer : RuleVisitor<RawPointer> {
  bool VisitMemberExpr(MemberExpr *member) {
    StringRef field = member->getMemberDecl()->getName();
    bool raw = llvm::StringSwitch<bool>(field)
                   .Cases("ubuf", "__ubuf_iovec", "__iov", "iov", "kvec", true)
                   .Default(false);
    if (!raw)
      return true;
    const auto *base = dyn_cast<MemberExpr>(member->getBase()->IgnoreParenImpCasts());
    // struct iov_iter keeps ubuf in an anonymous union.
    while (base && isa<FieldDecl>(base->getMemberDecl()) &&
           cast<FieldDecl>(base->getMemberDecl())->isAnonymousStructOrUnion())
      base = dyn_cast<MemberExpr>(base->getBase()->IgnoreParenImpCasts());
    if (!base)
      return true;
    StringRef iter = base->getMemberDecl()->getName();
    if (iter != "iter_in" && iter != "iter_out")
      return true;
    report((iter + "." + field +
            " reaches through the iterator to its buffer; use "
            "copy_to_iter()/copy_from_iter()")
               .str(),
           member->getBeginLoc());
    return true;
  }
};

} // namespace

void checkIterRawPointer(std::string_view rule, ASTContext &ctx, const FunctionDecl *fn,
                         std::vector<CheckFinding> &out) {
  RawPointer::run(rule, ctx, fn, out);
}

} // namespace sockopt
