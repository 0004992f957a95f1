// iter-direction: copy_to_iter() into opt->iter_in, or copy_from_iter() out
// of opt->iter_out. net/socket.c sets iter_in up as ITER_SOURCE and
// iter_out as ITER_DEST (sockptr_to_sockopt()).
#include "checks/RuleSupport.h"

namespace sockopt {

using namespace clang;

namespace {

struct Direction : RuleVisitor<Direction> {
  bool VisitCallExpr(CallExpr *call) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (!callee || call->getNumArgs() != 3)
      return true;
    StringRef name = callee->getName();
    StringRef wrong = name == "copy_to_iter"     ? "iter_in"
                      : name == "copy_from_iter" ? "iter_out"
                                                 : "";
    if (wrong.empty())
      return true;
    const Expr *iter = call->getArg(2)->IgnoreParenImpCasts();
    if (const auto *addr = dyn_cast<UnaryOperator>(iter); addr && addr->getOpcode() == UO_AddrOf)
      if (const auto *member = dyn_cast<MemberExpr>(addr->getSubExpr()->IgnoreParens());
          member && member->getMemberDecl()->getName() == wrong)
        report((name + "() on " + wrong + ": " +
                (wrong == "iter_in" ? "write the value through iter_out"
                                    : "read the input through iter_in"))
                   .str(),
               call->getBeginLoc());
    return true;
  }
};

} // namespace

void checkIterDirection(std::string_view rule, ASTContext &ctx, const FunctionDecl *fn,
                        std::vector<CheckFinding> &out) {
  Direction::run(rule, ctx, fn, out);
}

} // namespace sockopt
