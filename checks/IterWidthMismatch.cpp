// width-mismatch, iterator form: a value cut down to a narrower local that
// is then copied out whole through opt->iter_out. It is what a typed
// put_user() of a wider value becomes after the conversion: hci_sock's
// `put_user(opt, optval)` with `int opt` and `char __user *optval`
// (net/bluetooth/hci_sock.c, hci_sock_getsockopt_old(), HCI_DATA_DIR) turns
// into
//     char val;
//     val = opt;
//     copy_to_iter(&val, sizeof(val), &opt->iter_out)
// and the caller still gets one byte of an int. The legacy form is reported
// by WidthMismatch.cpp; this one keeps the finding after a rewrite.
//
// Reported: `v = e` or `char v = e` where v is a local plain char, e an
// integer of more bytes that is not a constant fitting in v, and `&v` the
// source of a copy_to_iter() into iter_out in the same function. Plain char
// is the width the buffer's type gave (`char __user *optval` without a
// cast), not one the author chose: a sized local is the option's declared
// width and is left alone (net/bluetooth/l2cap_sock.c, BT_MODE: `u8 mval`,
// `mval = mode`).
#include "checks/RuleSupport.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"

namespace sockopt {

using namespace clang;

namespace {

bool isPlainChar(QualType type) {
  return type->isSpecificBuiltinType(BuiltinType::Char_S) ||
         type->isSpecificBuiltinType(BuiltinType::Char_U);
}

const VarDecl *localChar(const Expr *e) {
  const auto *ref = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  return var && var->hasLocalStorage() && isPlainChar(var->getType()) ? var : nullptr;
}

struct IterNarrowing : RuleVisitor<IterNarrowing> {
  /// Locals whose address is the source of a copy_to_iter() into iter_out.
  llvm::DenseSet<const VarDecl *> copied_out;
  /// Narrowing stores into locals, in source order.
  struct Store {
    const VarDecl *var;
    const Expr *value;
    SourceLocation at;
  };
  std::vector<Store> stores;

  bool VisitCallExpr(CallExpr *call) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (!callee || !callee->getIdentifier() || callee->getName() != "copy_to_iter" ||
        call->getNumArgs() != 3 || !isIterOut(call->getArg(2)))
      return true;
    if (const auto *addr = dyn_cast<UnaryOperator>(call->getArg(0)->IgnoreParenImpCasts());
        addr && addr->getOpcode() == UO_AddrOf)
      if (const VarDecl *var = localChar(addr->getSubExpr()))
        copied_out.insert(var);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *assign) {
    if (assign->getOpcode() == BO_Assign)
      if (const VarDecl *var = localChar(assign->getLHS()))
        noteStore(var, assign->getRHS(), assign->getBeginLoc());
    return true;
  }

  bool VisitVarDecl(VarDecl *var) {
    if (var->hasLocalStorage() && isPlainChar(var->getType()) && var->getInit())
      noteStore(var, var->getInit(), var->getLocation());
    return true;
  }

  void noteStore(const VarDecl *var, const Expr *value, SourceLocation at) {
    const Expr *source = value->IgnoreParenImpCasts();
    if (source->isValueDependent() || !source->getType()->isIntegerType())
      return;
    uint64_t to = ctx->getTypeSize(var->getType());
    if (ctx->getTypeSize(source->getType()) <= to)
      return;
    // A constant that fits (`val = opt ? 1 : 0` folds to no constant, but
    // `val = 1` does) loses nothing.
    if (auto c = source->getIntegerConstantExpr(*ctx); c && c->getSignificantBits() <= to)
      return;
    stores.push_back({var, value, at});
  }

  void finish() {
    for (const auto &[var, value, at] : stores) {
      if (!copied_out.count(var))
        continue;
      const Expr *source = value->IgnoreParenImpCasts();
      int64_t from = ctx->getTypeSizeInChars(source->getType()).getQuantity();
      int64_t to = ctx->getTypeSizeInChars(var->getType()).getQuantity();
      report(llvm::formatv("the {0}-byte '{1}' value is stored in the {2}-byte '{3}' '{4}' that "
                           "copy_to_iter() writes out: only {2} byte{5} of it reach{6} the caller",
                           from, source->getType().getAsString(), to,
                           var->getType().getAsString(), var->getName(), to == 1 ? "" : "s",
                           to == 1 ? "es" : ""),
             at);
    }
  }
};

} // namespace

void checkIterWidthMismatch(std::string_view rule, ASTContext &ctx, const FunctionDecl *fn,
                            std::vector<CheckFinding> &out) {
  IterNarrowing visitor = IterNarrowing::over(rule, ctx, fn, out);
  visitor.TraverseStmt(fn->getBody());
  visitor.finish();
}

} // namespace sockopt
