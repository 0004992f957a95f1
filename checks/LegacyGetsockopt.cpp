// legacy-getsockopt: a struct proto_ops implementation not on getsockopt_iter
// yet, or an inner helper of a struct proto getsockopt (kind inner) not on
// sockopt_t yet. The message says what to do about it: rewrite converts it (with the
// --accept its predicted behaviour changes need), or the reasons it needs a
// person: the scan's, or the rewrite's when an edit cannot be made safely.
// On a tree without the getsockopt_iter API (a stable branch before it) the
// rule is silent: nothing there can be converted, and a gate that fails on
// every legacy implementation would fail forever. The caller says so once.
#include "checks/RuleSupport.h"
#include "model/Verdict.h"

#include "llvm/ADT/StringExtras.h"

#include <set>

namespace sockopt {

std::optional<CheckFinding> checkLegacyGetsockopt(std::string_view rule,
                                                  const Implementation &impl,
                                                  const std::vector<Reason> &rewrite_blocked,
                                                  bool tree_has_api) {
  bool inner = impl.kind == Kind::Inner;
  if (!tree_has_api || (impl.kind != Kind::ProtoOps && !inner) ||
      impl.verdict == Verdict::AlreadyConverted)
    return std::nullopt;
  std::string message = inner ? "legacy getsockopt helper of the struct proto getsockopt " +
                                    impl.hook + "(): "
                              : "legacy getsockopt in struct proto_ops: ";
  if (!rewrite_blocked.empty()) {
    // The analysis finds nothing against it, but an edit cannot be made
    // safely (the verdict is manual with these reasons).
    const Reason &first = rewrite_blocked.front();
    message += "sockopt-migrate rewrite leaves it for manual conversion (" +
               nameString(first.code) + " at line " + std::to_string(first.where.line) + ")";
  } else if (impl.verdict == Verdict::Convertible) {
    std::set<std::string> changes;
    for (const BehaviourChange &c : impl.behaviour_changes)
      changes.insert(nameString(c.code));
    std::string can = inner ? "sockopt-migrate rewrite can convert it to sockopt_t"
                            : "sockopt-migrate rewrite can convert it";
    message += changes.empty() ? can : can + " with --accept " + llvm::join(changes, " --accept ");
  } else {
    std::set<std::string> codes;
    for (const Reason &r : impl.reasons)
      codes.insert(nameString(r.code));
    message += "needs manual conversion (" + llvm::join(codes, ", ") + ")";
    // A chain into another file: point at the first access there; or else
    // say why the function there cannot be converted with this one
    // (engine/CrossFileConversions.h).
    bool pointed = false;
    for (const Reason &r : impl.reasons)
      if (r.where.file != impl.where.file && r.via.size() > 1) {
        message += "; in " + r.where.file + ":" + std::to_string(r.where.line) + ": " +
                   nameString(r.code) + " via " + llvm::join(r.via, " -> ");
        pointed = true;
        break;
      }
    for (const Reason &r : impl.reasons)
      if (!pointed && !r.cross_file_cause.empty()) {
        message += "; " + r.cross_file_cause;
        break;
      }
    // One unit at a time (the clang plugin) cannot follow a hand-off into
    // another unit: the whole-tree analysis is the standalone command's.
    for (const ExternalCall &call : impl.external_calls)
      if (call.resolution == Resolution::Pending) {
        message += "; optval reaches " + call.callee +
                   "() in another translation unit: run sockopt-migrate check for the whole "
                   "chain";
        break;
      }
  }
  return CheckFinding{std::string(rule), message, impl.function, impl.where};
}

} // namespace sockopt
