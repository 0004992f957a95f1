#include "rewrites/ImplementationRewriter.h"

#include "rewrites/Rules.h"

#include "clang/AST/TypeLoc.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <map>
#include <set>

namespace sockopt {

using namespace clang;

namespace {

/// Lines for the patch body: the function, then which accesses became what.
std::vector<std::string> describe(const FunctionRecord &record, const std::string &opt) {
  std::map<std::string, unsigned> counts;
  std::set<const CallExpr *> calls; // an external call has a use per pointer
  for (const Use &use : record.accesses.uses) {
    if (use.kind == UseKind::ExternalCall && !calls.insert(use.call).second)
      continue;
    switch (use.kind) {
    case UseKind::ReadOptlen:
      ++counts[use.op + "() of optlen -> " + opt + "->optlen"];
      break;
    case UseKind::WriteOptlen:
      ++counts[use.op + "() of optlen -> store to " + opt + "->optlen"];
      break;
    case UseKind::WriteOptval:
      ++counts[use.op + "() to optval -> copy_to_iter(&" + opt + "->iter_out)"];
      break;
    case UseKind::ReadOptval:
      ++counts[use.op + "() from optval -> copy_from_iter(&" + opt + "->iter_in)"];
      break;
    case UseKind::CursorInit:
    case UseKind::CursorAdvance:
      ++counts["cursor over optval removed (the iterator advances itself)"];
      break;
    case UseKind::HelperCall:
    case UseKind::ExternalCall:
      ++counts["call of " + use.callee->getNameAsString() + "() passes " + opt];
      break;
    case UseKind::Finding:
      break;
    }
  }
  std::vector<std::string> lines = {record.fn->getNameAsString() +
                                    "(): optval, optlen -> sockopt_t *" + opt};
  for (const auto &[what, n] : counts)
    lines.push_back(
        llvm::formatv("  - {0}{1}", what, n > 1 ? llvm::formatv(" ({0}x)", n).str() : std::string())
            .str());
  return lines;
}

/// Where `fn` is declared with its parameters: EXPORT_SYMBOL(f)'s
/// `extern typeof(f) f;` is a declaration without any.
std::vector<SourcePoint> prototypesOf(const SourceManager &sm, const FunctionDecl *fn) {
  std::vector<SourcePoint> points;
  for (const FunctionDecl *decl : fn->redecls())
    if (!decl->getFunctionTypeLoc().isNull())
      points.push_back(pointOf(sm, decl->getLocation()));
  return points;
}

/// A call passing optval/optlen unchanged to a function of another unit
/// passes `opt`; that function is converted in the same patch.
void rewriteCrossFileCall(EditBuilder &b, const Use &use, const UseFact &fact,
                          RewriteUnit &unit) {
  // The first use of a call carries both pointers (analysis/AccessCollector.cpp).
  if (!b.firstTime(use.call))
    return;
  if (!fact.sequential)
    return b.block(ReasonCode::NotSequential,
                   "opt would be passed to " + use.callee->getNameAsString() +
                       "() after optval was accessed on the same path, or accessed after it: "
                       "the iterators would not be where each side expects them",
                   use.loc);
  rewriteHelperCall(b, use);
  CrossFileCallee callee{use.callee->getNameAsString(), prototypesOf(b.sources(), use.callee)};
  for (const CrossFileCallee &known : unit.callees)
    if (known.function == callee.function)
      return;
  unit.callees.push_back(std::move(callee));
}

void rewriteFunction(EditBuilder &b, const FunctionRecord &record, RewriteUnit &unit) {
  b.setFunction(record.fn);
  rewriteSignature(b, record, unit.shared_helper);
  rewriteKernelDoc(b, record);
  for (const Use &use : record.accesses.uses) {
    auto fact = record.facts.find(&use);
    UseFact none;
    const UseFact &f = fact == record.facts.end() ? none : fact->second;
    switch (use.kind) {
    case UseKind::ReadOptlen:
    case UseKind::WriteOptlen:
      rewriteOptlenAccess(b, use);
      break;
    case UseKind::WriteOptval:
      rewriteOptvalWrite(b, use, f);
      break;
    case UseKind::ReadOptval:
      rewriteOptvalRead(b, use, f);
      break;
    case UseKind::CursorInit:
    case UseKind::CursorAdvance:
      rewriteCursor(b, use, f);
      break;
    case UseKind::HelperCall:
      rewriteHelperCall(b, use);
      break;
    case UseKind::ExternalCall:
      rewriteCrossFileCall(b, use, f, unit);
      break;
    case UseKind::Finding:
      b.block(use.code, use.message, use.loc);
      break;
    }
  }
  for (std::string &line : describe(record, b.opt()))
    b.note(std::move(line));
}

/// Whether `name` appears as an identifier anywhere in the text of `fn`
/// (a local, a parameter, a global or a macro it uses).
bool mentions(ASTContext &ctx, const FunctionDecl *fn, StringRef name) {
  const SourceManager &sm = ctx.getSourceManager();
  CharSourceRange range = sm.getExpansionRange(fn->getSourceRange());
  StringRef file = sm.getBufferData(sm.getFileID(range.getBegin()));
  unsigned begin = sm.getFileOffset(range.getBegin());
  unsigned end = sm.getFileOffset(range.getEnd());
  Lexer lexer(sm.getLocForStartOfFile(sm.getFileID(range.getBegin())), ctx.getLangOpts(),
              file.begin(), file.begin() + begin, file.end());
  Token tok;
  while (!lexer.LexFromRawLexer(tok) && sm.getFileOffset(tok.getLocation()) <= end)
    if (tok.is(tok::raw_identifier) && tok.getRawIdentifier() == name)
      return true;
  return false;
}

/// Whether the unit calls copy_to_iter()/copy_from_iter() (declared in
/// <linux/uio.h>); a function that only passes `opt` on does not.
bool usesIterators(Classifier &classifier, const std::vector<const FunctionDecl *> &functions) {
  for (const FunctionDecl *f : functions)
    if (const FunctionRecord *record = classifier.record(f))
      for (const Use &use : record->accesses.uses)
        if (use.kind == UseKind::ReadOptval || use.kind == UseKind::WriteOptval)
          return true;
  return false;
}

/// The name of the sockopt_t parameter: the first of opt, sopt and sockopt
/// that none of `functions` mentions.
void chooseOptName(EditBuilder &b, const std::vector<const FunctionDecl *> &functions) {
  for (const char *name : {"opt", "sopt", "sockopt"}) {
    bool taken = false;
    for (const FunctionDecl *f : functions)
      taken |= mentions(b.context(), f, name);
    if (!taken)
      return b.setOpt(name);
  }
  b.block(ReasonCode::NameCollision, "opt, sopt and sockopt are all taken in this function",
          functions.front()->getLocation());
}

/// The author's comments kept, the long lines wrapped, and the unit's
/// edits, or why it has none.
void takeEdits(EditBuilder &b, RewriteUnit &unit) {
  b.keepComments();
  b.wrapLongLines();
  unit.blocked = b.reasons();
  unit.notes = b.notes();
  if (unit.blocked.empty())
    unit.edits = b.edits();
}

/// The rules over `functions`, then the includes their new code needs.
void finishUnit(EditBuilder &b, Classifier &classifier,
                const std::vector<const FunctionDecl *> &functions, RewriteUnit &unit) {
  b.declareLocals();
  if (usesIterators(classifier, functions))
    addUioInclude(b);
  addNetIncludes(b);
  takeEdits(b, unit);
}

/// In the struct proto hook `hook`, the wrapper around `call`, its call of
/// `helper()`, converted to sockopt_t.
void wrapHookCall(EditBuilder &b, const FunctionDecl *hook, const Use &call,
                  const std::string &helper) {
  b.setFunction(hook);
  b.setOpt(""); // the hook's own names: its sockopt_t is a local
  rewriteWrappedCall(b, call);
  b.note(hook->getNameAsString() + "(): sets up a sockopt_t with sockopt_init_user() for " +
         helper + "() and copies its optlen back");
}

} // namespace

RewriteUnit rewriteImplementation(Classifier &classifier, const FunctionDecl *fn,
                                  const Implementation &report,
                                  const std::vector<FoundRegistration> &registrations,
                                  bool shared_helper) {
  RewriteUnit unit;
  unit.function = report.function;
  unit.file = report.where.file;
  unit.behaviour_changes = report.behaviour_changes;
  unit.shared_helper = shared_helper;
  if (shared_helper)
    unit.declarations = prototypesOf(classifier.context().getSourceManager(), fn);
  EditBuilder b(classifier.context());
  std::vector<const FunctionDecl *> functions = {fn};
  for (const FunctionDecl *helper : classifier.helpersOf(fn))
    functions.push_back(helper);
  chooseOptName(b, functions);

  unsigned here = 0;
  for (const FoundRegistration &r : registrations)
    if (r.function->getCanonicalDecl() == fn->getCanonicalDecl()) {
      rewriteRegistration(b, r);
      ++here;
    }
  if (here != report.registrations.size())
    b.block(ReasonCode::RegisteredElsewhere, "registered in another file as well",
            fn->getLocation());

  for (const FunctionDecl *f : functions)
    if (const FunctionRecord *record = classifier.record(f))
      rewriteFunction(b, *record, unit);
  finishUnit(b, classifier, functions, unit);
  return unit;
}

RewriteUnit rewriteInnerHelper(Classifier &classifier, const FunctionDecl *hook,
                               const Use &call, const std::vector<const FunctionDecl *> &helpers,
                               const Implementation &inner, bool across_files) {
  RewriteUnit unit;
  unit.layer = RewriteLayer::InnerHelper;
  unit.function = inner.function;
  unit.file = inner.where.file;
  unit.hook = inner.hook;
  unit.behaviour_changes = inner.behaviour_changes;
  unit.shared_helper = across_files;
  if (across_files)
    unit.declarations =
        prototypesOf(classifier.context().getSourceManager(), helpers.front());
  EditBuilder b(classifier.context());
  chooseOptName(b, helpers);
  for (const FunctionDecl *f : helpers)
    if (const FunctionRecord *record = classifier.record(f))
      rewriteFunction(b, *record, unit);
  wrapHookCall(b, hook, call, unit.function);
  finishUnit(b, classifier, helpers, unit);
  return unit;
}

RewriteUnit wrapCallOfInnerHelper(ASTContext &ctx, const FunctionDecl *hook, const Use &call) {
  RewriteUnit unit;
  unit.layer = RewriteLayer::HookWrapper;
  unit.function = unit.hook = hook->getNameAsString();
  unit.file = pointOf(ctx.getSourceManager(), hook->getLocation()).file;
  unit.callees.push_back(
      {call.callee->getNameAsString(), prototypesOf(ctx.getSourceManager(), call.callee)});
  EditBuilder b(ctx);
  wrapHookCall(b, hook, call, unit.callees.front().function);
  b.declareLocals();
  takeEdits(b, unit);
  return unit;
}

RewriteUnit addCoreHelper(clang::ASTContext &ctx) {
  RewriteUnit unit;
  unit.layer = RewriteLayer::CoreHelper;
  unit.function = "sockopt_init_user";
  EditBuilder b(ctx);
  addSockoptInitUser(b);
  unit.blocked = b.reasons();
  if (unit.blocked.empty()) {
    unit.edits = b.edits();
    unit.file = unit.patch = unit.edits.front().file;
  }
  return unit;
}

} // namespace sockopt
