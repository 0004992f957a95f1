// The rules of `check`, listed once: each rule's id, its rationale (for
// --help, SARIF and docs/rules.md) and where it looks. A rule's own file
// never spells its id; the registry hands it over.
#pragma once

#include "model/Report.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace sockopt {

struct FunctionRecord;

struct CheckRule {
  std::string_view id;
  std::string_view rationale;
  /// Over a function that takes a sockopt_t *: getsockopt_iter code, in
  /// the main file or a header (a `static inline` helper).
  void (*on_iter_function)(std::string_view rule, clang::ASTContext &ctx,
                           const clang::FunctionDecl *fn, std::vector<CheckFinding> &out) = nullptr;
  /// Over the optval accesses of a legacy implementation or one of its
  /// helpers, as the classifier walked them.
  void (*on_legacy_function)(std::string_view rule, clang::ASTContext &ctx,
                             const FunctionRecord &record,
                             std::vector<CheckFinding> &out) = nullptr;
  /// Over one implementation of the scan, with the reasons its rewrite was
  /// blocked (empty when it was not, or was not attempted) and whether the
  /// tree has the getsockopt_iter API the rewrite needs.
  std::optional<CheckFinding> (*on_implementation)(std::string_view rule,
                                                   const Implementation &impl,
                                                   const std::vector<Reason> &rewrite_blocked,
                                                   bool tree_has_api) = nullptr;
};

/// Every rule, in the order they run.
std::span<const CheckRule> checkRules();

/// Whether the getsockopt_iter rules look at `fn`: it takes a sockopt_t *.
/// The parse keeps the bodies of such functions in headers, which it
/// otherwise skips (engine/ScanAction.cpp, runner/SharedPch.cpp).
bool isIterFunction(const clang::FunctionDecl *fn);

/// The functions with a body that `runIterRules()` walks: those of
/// `isIterFunction()` that the unit parsed itself (a precompiled header's
/// are walked when it is built), in the main file or in a header.
std::vector<clang::FunctionDecl *> iterFunctions(clang::ASTContext &ctx);

/// Runs every getsockopt_iter rule over `iterFunctions()`. The traversal
/// scope (clang::ASTContext::setTraversalScope()) must hold them.
std::vector<CheckFinding> runIterRules(clang::ASTContext &ctx);

/// Runs every rule over legacy code on `record`.
void runLegacyRules(clang::ASTContext &ctx, const FunctionRecord &record,
                    std::vector<CheckFinding> &out);

/// Runs every rule over implementations on `impl`.
std::vector<CheckFinding> runImplementationRules(const Implementation &impl,
                                                 const std::vector<Reason> &rewrite_blocked,
                                                 bool tree_has_api);

} // namespace sockopt
