#include "checks/RuleSupport.h"

namespace sockopt {

using namespace clang;

bool isSockoptPointer(QualType t) {
  if (!t->isPointerType())
    return false;
  QualType pointee = t->getPointeeType();
  if (const auto *td = pointee->getAs<TypedefType>(); td && td->getDecl()->getName() == "sockopt_t")
    return true;
  const RecordDecl *rd = pointee->getAsRecordDecl();
  return rd && rd->getName() == "sockopt";
}

bool isSockoptMember(const Expr *e, StringRef name) {
  const auto *member = dyn_cast<MemberExpr>(e->IgnoreParenImpCasts());
  return member && member->getMemberDecl()->getName() == name &&
         isSockoptPointer(member->getBase()->IgnoreParenImpCasts()->getType());
}

bool isIterOut(const Expr *e) {
  const auto *addr = dyn_cast<UnaryOperator>(e->IgnoreParenImpCasts());
  return addr && addr->getOpcode() == UO_AddrOf && isSockoptMember(addr->getSubExpr(), "iter_out");
}

} // namespace sockopt
