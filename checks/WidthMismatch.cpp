// width-mismatch: a typed get_user()/put_user() on optval moves
// sizeof(*ptr) bytes (arch/x86/include/asm/uaccess.h, do_put_user_call()
// stores through `__typeof__(*(ptr))`), which can differ from what the code
// means to move:
//  - a value written whole at the start of optval has another width than
//    the one the length was checked against on the way there
//    (`if (len < sizeof(int)) ... put_user(v, (u16 __user *)optval)`), or
//    is wider than the one length it was checked to be, even when that
//    length depends on the option, or
//  - the value is wider than the pointee (or, for get_user(), narrower) and
//    is cut down to it: the hci_sock shape, `int opt` stored through
//    `char __user *optval` (net/bluetooth/hci_sock.c,
//    hci_sock_getsockopt_old(), HCI_DATA_DIR) writes one byte of an int.
// A conversion keeps these widths byte for byte, so they are worth a look
// before they become the iterator API's contract.
#include "checks/RuleSupport.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/Support/FormatVariadic.h"

namespace sockopt {

using namespace clang;

namespace {

/// The outermost expression under `root` written inside `span` (one macro
/// argument): the argument as the AST evaluates it.
struct ArgumentFinder : RecursiveASTVisitor<ArgumentFinder> {
  const SourceManager &sm;
  FileSpan span;
  const Expr *found = nullptr;

  ArgumentFinder(const SourceManager &sm, FileSpan span) : sm(sm), span(span) {}

  bool inside(SourceLocation loc) const {
    auto [file, offset] = sm.getDecomposedLoc(sm.getSpellingLoc(loc));
    return span.contains(file, offset);
  }
  bool TraverseStmt(Stmt *s) {
    if (found)
      return false;
    if (const auto *e = dyn_cast_or_null<Expr>(s);
        e && inside(e->getBeginLoc()) && inside(e->getEndLoc())) {
      found = e->IgnoreImpCasts();
      return false;
    }
    return RecursiveASTVisitor::TraverseStmt(s);
  }
};

void checkUse(std::string_view rule, ASTContext &ctx, const FunctionDecl *fn, const Use &use,
              const UseFact &fact, bool fields, std::vector<CheckFinding> &out) {
  if (!use.invocation || !use.width || use.invocation->args.size() != 2)
    return;
  int64_t width = int64_t(*use.width);
  bool is_put = use.kind == UseKind::WriteOptval;
  std::string pointer = use.pointer->IgnoreParens()->getType().getAsString();
  auto report = [&](std::string message) {
    out.push_back({std::string(rule), std::move(message), fn->getNameAsString(),
                   pointOf(ctx.getSourceManager(), use.loc)});
  };

  // Only a value written whole at the start of optval stands for the
  // checked width: a function that also writes elsewhere in optval fills a
  // struct field by field (sctp: `put_user(cnt, &((struct sctp_getaddrs
  // __user *)optval)->addr_num)` after `len < sizeof(struct
  // sctp_getaddrs)`), and a read takes a field of an input struct.
  if (is_put && !fields)
    for (int64_t checked : fact.checked_widths)
      if (checked != width) {
        report(llvm::formatv("put_user() writes {0} bytes through '{1}' after the length was "
                             "checked against {2}",
                             width, pointer, checked));
        return;
      }
  // The length checked to equal a bound that depends on the option, which
  // the classifier evaluated for this write's option (net/atm/common.c
  // vcc_getsockopt(), SO_SETCLP: `len != __SO_SIZE(optname)`, 4 bytes, then
  // an 8-byte put_user()).
  if (is_put && !fact.exact_lengths.empty()) {
    int64_t exact = *fact.exact_lengths.begin();
    report(llvm::formatv("put_user() writes {0} bytes through '{1}' where the length is checked "
                         "to be exactly {2}: {3} byte{4} past the caller's buffer",
                         width, pointer, exact, width - exact, width - exact == 1 ? "" : "s"));
    return;
  }

  ArgumentFinder finder(ctx.getSourceManager(), use.invocation->args[0]);
  finder.TraverseStmt(const_cast<Stmt *>(use.anchor));
  const Expr *value = finder.found;
  if (!value || value->isValueDependent() || value->getType()->isPointerType())
    return;
  int64_t value_size = int64_t(ctx.getTypeSizeInChars(value->getType()).getQuantity());
  if (is_put && value_size > width) {
    // A constant that fits (put_user(1, optval)) loses nothing.
    if (auto c = value->getIntegerConstantExpr(ctx);
        c && c->getSignificantBits() <= unsigned(width) * 8)
      return;
    report(llvm::formatv("put_user() stores the {0}-byte '{1}' value in {2} byte{3} through '{4}'",
                         value_size, value->getType().getAsString(), width, width == 1 ? "" : "s",
                         pointer));
  } else if (!is_put && value_size < width) {
    report(llvm::formatv("get_user() reads {0} bytes through '{1}' into the {2}-byte '{3}'", width,
                         pointer, value_size, value->getType().getAsString()));
  }
}

} // namespace

void checkWidthMismatch(std::string_view rule, ASTContext &ctx, const FunctionRecord &record,
                        std::vector<CheckFinding> &out) {
  bool fields = false;
  for (const Use &use : record.accesses.uses)
    fields |= use.kind == UseKind::WriteOptval && (use.address.cursor || use.address.offset != 0);
  for (const Use &use : record.accesses.uses) {
    if (use.kind != UseKind::WriteOptval && use.kind != UseKind::ReadOptval)
      continue;
    auto fact = record.facts.find(&use);
    if (fact != record.facts.end())
      checkUse(rule, ctx, record.fn, use, fact->second, fields, out);
  }
}

} // namespace sockopt
