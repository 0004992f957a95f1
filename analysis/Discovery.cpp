#include "analysis/Discovery.h"

#include "analysis/AccessCollector.h"
#include "analysis/Classifier.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

namespace sockopt {

using namespace clang;

namespace {

/// The callback tables that store a legacy getsockopt: struct proto_ops and
/// struct proto, and the per-family tables the transport protocols forward
/// to (struct inet_connection_sock_af_ops in
/// include/net/inet_connection_sock.h, struct sctp_af in
/// include/net/sctp/structs.h): any record whose `getsockopt` member points
/// to a function with the legacy signature.
std::string structKind(QualType type) {
  const RecordDecl *rd = type->getAsRecordDecl();
  if (!rd || !rd->getDefinition())
    return "";
  for (const FieldDecl *f : rd->getDefinition()->fields()) {
    if (f->getName() != "getsockopt" && f->getName() != "getsockopt_iter")
      continue;
    QualType pointee = f->getType()->getPointeeType();
    if (!pointee.isNull() && pointee->isFunctionType())
      return rd->getName().str();
  }
  return "";
}

class RegistrationFinder : public RecursiveASTVisitor<RegistrationFinder> {
public:
  explicit RegistrationFinder(ASTContext &ctx) : ctx_(ctx), sm_(ctx.getSourceManager()) {}

  bool VisitVarDecl(VarDecl *var) {
    const Expr *init = var->getInit();
    if (!init || !sm_.isInMainFile(sm_.getExpansionLoc(var->getLocation())))
      return true;
    if (const auto *list = dyn_cast<InitListExpr>(init->IgnoreImplicit()))
      visitList(var, list);
    return true;
  }

  /// `prot[TLS_BASE][TLS_BASE].getsockopt = tls_getsockopt;` in
  /// net/tls/tls_main.c:build_protos() registers at run time.
  bool VisitBinaryOperator(BinaryOperator *assign) {
    if (assign->getOpcode() != BO_Assign ||
        !sm_.isInMainFile(sm_.getExpansionLoc(assign->getOperatorLoc())))
      return true;
    const auto *member = dyn_cast<MemberExpr>(assign->getLHS()->IgnoreParens());
    if (!member)
      return true;
    const auto *field = dyn_cast<FieldDecl>(member->getMemberDecl());
    std::string kind = field ? structKind(ctx_.getRecordType(field->getParent())) : "";
    if (kind.empty())
      return true;
    std::string base =
        Lexer::getSourceText(sm_.getExpansionRange(member->getBase()->getSourceRange()), sm_,
                             ctx_.getLangOpts())
            .str();
    recordRegistration(kind, field, assign->getRHS(), base, member->getMemberLoc());
    return true;
  }

  std::vector<FoundRegistration> found;

private:
  void recordRegistration(const std::string &kind, const FieldDecl *field, const Expr *value,
                          const std::string &variable, SourceLocation field_loc) {
    if (field->getName() != "getsockopt" && field->getName() != "getsockopt_iter")
      return;
    const Expr *target = value->IgnoreParenImpCasts();
    if (const auto *addr = dyn_cast<UnaryOperator>(target); addr && addr->getOpcode() == UO_AddrOf)
      target = addr->getSubExpr()->IgnoreParenImpCasts();
    const auto *ref = dyn_cast<DeclRefExpr>(target);
    const auto *fn = ref ? dyn_cast<FunctionDecl>(ref->getDecl()) : nullptr;
    if (!fn)
      return; // NULL, or not a function we can name
    Registration reg;
    reg.struct_type = kind;
    reg.field = field->getName().str();
    reg.variable = variable;
    reg.where = pointOf(sm_, value->getExprLoc());
    found.push_back({fn, std::move(reg), field_loc});
  }

  /// Where `.field =` is written in the initializer `list`, if designated.
  static SourceLocation designatorOf(const InitListExpr *list, const FieldDecl *field) {
    const InitListExpr *syntactic = list->isSemanticForm() ? list->getSyntacticForm() : list;
    if (!syntactic)
      return {};
    for (const Expr *init : syntactic->inits())
      if (const auto *d = dyn_cast<DesignatedInitExpr>(init))
        if (d->size() == 1 && d->getDesignator(0)->isFieldDesignator() &&
            d->getDesignator(0)->getFieldName() == field->getIdentifier())
          return d->getDesignator(0)->getFieldLoc();
    return {};
  }

  void visitList(const VarDecl *var, const InitListExpr *list) {
    if (!list->isSemanticForm())
      list = list->getSemanticForm();
    if (!list)
      return;
    std::string kind = structKind(list->getType());
    const RecordDecl *record = kind.empty() ? nullptr : list->getType()->getAsRecordDecl();
    for (unsigned i = 0; i < list->getNumInits(); ++i) {
      const Expr *value = list->getInit(i);
      if (!value)
        continue;
      if (const auto *nested = dyn_cast<InitListExpr>(value->IgnoreImplicit())) {
        visitList(var, nested);
        continue;
      }
      if (!record)
        continue;
      const FieldDecl *field = nullptr;
      if (list->getInitializedFieldInUnion())
        field = list->getInitializedFieldInUnion();
      else
        for (const FieldDecl *f : record->fields())
          if (f->getFieldIndex() == i)
            field = f;
      if (field)
        recordRegistration(kind, field, value, var->getNameAsString(), designatorOf(list, field));
    }
  }

  ASTContext &ctx_;
  const SourceManager &sm_;
};

} // namespace

// Registrations are looked for in the main file only, which a unit always
// parses itself.
bool beginsRegistration(const Token &lead, const Token &member, const Token &op) {
  bool named = member.is(tok::raw_identifier) && (member.getRawIdentifier() == "getsockopt" ||
                                                  member.getRawIdentifier() == "getsockopt_iter");
  return named && ((lead.isOneOf(tok::period, tok::arrow) && op.is(tok::equal)) ||
                   (lead.isOneOf(tok::l_brace, tok::comma) && op.is(tok::colon)));
}

std::vector<FoundRegistration> findRegistrations(ASTContext &ctx) {
  RegistrationFinder finder(ctx);
  for (Decl *d : localDecls(ctx))
    finder.TraverseDecl(d);
  return std::move(finder.found);
}

const RecordDecl *firstParamRecord(const FunctionDecl *fn) {
  if (fn->getNumParams() == 0)
    return nullptr;
  QualType t = fn->getParamDecl(0)->getType();
  return t->isPointerType() ? t->getPointeeType()->getAsRecordDecl() : nullptr;
}

bool hasLegacyGetsockoptSignature(const FunctionDecl *fn) {
  if (fn->getNumParams() != 5)
    return false;
  auto pointee = [&](unsigned i) {
    QualType t = fn->getParamDecl(i)->getType();
    return t->isPointerType() ? t->getPointeeType() : QualType();
  };
  const RecordDecl *rd = firstParamRecord(fn);
  if (!rd || (rd->getName() != "socket" && rd->getName() != "sock"))
    return false;
  QualType optval = pointee(3), optlen = pointee(4);
  return !optval.isNull() && optval->isCharType() && !optlen.isNull() &&
         optlen->isSpecificBuiltinType(BuiltinType::Int) &&
         fn->getParamDecl(1)->getType()->isIntegerType() &&
         fn->getParamDecl(2)->getType()->isIntegerType();
}

bool hasSockptrGetsockoptSignature(const FunctionDecl *fn) {
  if (fn->getNumParams() != 5)
    return false;
  QualType first = fn->getParamDecl(0)->getType();
  const RecordDecl *rd = first->isPointerType() ? first->getPointeeType()->getAsRecordDecl() : nullptr;
  return rd && (rd->getName() == "socket" || rd->getName() == "sock") &&
         fn->getParamDecl(1)->getType()->isIntegerType() &&
         fn->getParamDecl(2)->getType()->isIntegerType() &&
         isSockptrType(fn->getParamDecl(3)->getType()) &&
         isSockptrType(fn->getParamDecl(4)->getType());
}

SockoptTypeSearch searchSockoptType(ASTContext &ctx) {
  const SourceManager &sm = ctx.getSourceManager();
  SockoptTypeSearch found;
  for (const Decl *d : localDecls(ctx)) {
    if (const auto *td = dyn_cast<TypedefNameDecl>(d); td && td->getName() == "sockopt_t") {
      const RecordDecl *rd = td->getUnderlyingType()->getAsRecordDecl();
      if (!rd || !rd->getDefinition())
        continue;
      SockoptTypeInfo &info = found.sockopt_t.emplace();
      SourcePoint at = pointOf(sm, td->getLocation());
      info.file = at.file;
      info.line = at.line;
      for (const FieldDecl *f : rd->getDefinition()->fields())
        info.fields.emplace_back(f->getNameAsString(), f->getType().getAsString());
    }
    if (const auto *rd = dyn_cast<RecordDecl>(d);
        rd && (rd->getName() == "proto_ops" || rd->getName() == "proto") &&
        rd->isThisDeclarationADefinition())
      for (const FieldDecl *f : rd->fields())
        (rd->getName() == "proto" ? found.proto_has_getsockopt_iter
                                  : found.proto_ops_has_getsockopt_iter) |=
            f->getName() == "getsockopt_iter";
  }
  return found;
}

std::optional<SockoptTypeInfo> findSockoptType(ASTContext &ctx,
                                               const SockoptTypeSearch *precompiled) {
  SockoptTypeSearch found = searchSockoptType(ctx);
  if (precompiled) {
    // The precompiled headers came first.
    if (!found.sockopt_t)
      found.sockopt_t = precompiled->sockopt_t;
    found.proto_ops_has_getsockopt_iter |= precompiled->proto_ops_has_getsockopt_iter;
    found.proto_has_getsockopt_iter |= precompiled->proto_has_getsockopt_iter;
  }
  if (found.sockopt_t) {
    found.sockopt_t->proto_ops_has_getsockopt_iter = found.proto_ops_has_getsockopt_iter;
    found.sockopt_t->proto_has_getsockopt_iter = found.proto_has_getsockopt_iter;
  }
  return found.sockopt_t;
}

} // namespace sockopt
