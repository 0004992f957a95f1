// What the rules of `check` share: the walk of one function body, the
// sockopt_t shapes they look for, and each rule's entry points, which the
// registry (checks/Registry.h) calls with the rule's id.
#pragma once

#include "analysis/Classifier.h"
#include "model/Report.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sockopt {

/// A rule's walk over one function body: `report()` records a finding in
/// that function; `run()` walks the body once.
template <typename Derived> struct RuleVisitor : clang::RecursiveASTVisitor<Derived> {
  std::string_view rule;
  clang::ASTContext *ctx = nullptr;
  const clang::FunctionDecl *fn = nullptr;
  std::vector<CheckFinding> *out = nullptr;

  void report(std::string message, clang::SourceLocation loc) {
    out->push_back({std::string(rule), std::move(message), fn->getNameAsString(),
                    pointOf(ctx->getSourceManager(), loc)});
  }

  /// A visitor set up to walk `fn`'s body for `rule`.
  static Derived over(std::string_view rule, clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                      std::vector<CheckFinding> &out) {
    Derived visitor;
    visitor.rule = rule;
    visitor.ctx = &ctx;
    visitor.fn = fn;
    visitor.out = &out;
    return visitor;
  }

  static void run(std::string_view rule, clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                  std::vector<CheckFinding> &out) {
    over(rule, ctx, fn, out).TraverseStmt(fn->getBody());
  }
};

/// Whether `t` is a sockopt_t * (or struct sockopt *).
bool isSockoptPointer(clang::QualType t);

/// `opt->NAME` with opt a sockopt_t *.
bool isSockoptMember(const clang::Expr *e, llvm::StringRef name);

/// `&opt->iter_out`.
bool isIterOut(const clang::Expr *e);

// Each rule's entry points (checks/Registry.cpp lists them), one file each.
void checkIterResultIgnored(std::string_view rule, clang::ASTContext &ctx,
                            const clang::FunctionDecl *fn, std::vector<CheckFinding> &out);
void checkIterDirection(std::string_view rule, clang::ASTContext &ctx,
                        const clang::FunctionDecl *fn, std::vector<CheckFinding> &out);
void checkIterRawPointer(std::string_view rule, clang::ASTContext &ctx,
                         const clang::FunctionDecl *fn, std::vector<CheckFinding> &out);
void checkOptlenExceedsWritten(std::string_view rule, clang::ASTContext &ctx,
                               const clang::FunctionDecl *fn, std::vector<CheckFinding> &out);
void checkIterWidthMismatch(std::string_view rule, clang::ASTContext &ctx,
                            const clang::FunctionDecl *fn, std::vector<CheckFinding> &out);
void checkWidthMismatch(std::string_view rule, clang::ASTContext &ctx,
                        const FunctionRecord &record, std::vector<CheckFinding> &out);
std::optional<CheckFinding> checkLegacyGetsockopt(std::string_view rule,
                                                  const Implementation &impl,
                                                  const std::vector<Reason> &rewrite_blocked,
                                                  bool tree_has_api);

} // namespace sockopt
