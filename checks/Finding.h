// The rules of `check` (CheckFinding is in model/Report.h).
#pragma once

#include "model/Report.h"

#include "analysis/Classifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <optional>
#include <string>
#include <vector>

namespace sockopt {

/// A rule's walk over one function body: `report()` records a finding in
/// that function; `run()` walks the body once.
template <typename Derived> struct RuleVisitor : clang::RecursiveASTVisitor<Derived> {
  clang::ASTContext *ctx = nullptr;
  const clang::FunctionDecl *fn = nullptr;
  std::vector<CheckFinding> *out = nullptr;

  void report(const char *rule, std::string message, clang::SourceLocation loc) {
    out->push_back(
        {rule, std::move(message), fn->getNameAsString(), pointOf(ctx->getSourceManager(), loc)});
  }

  static void run(clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                  std::vector<CheckFinding> &out) {
    Derived visitor;
    visitor.ctx = &ctx;
    visitor.fn = fn;
    visitor.out = &out;
    visitor.TraverseStmt(fn->getBody());
  }
};

/// Whether `t` is a sockopt_t * (or struct sockopt *).
bool isSockoptPointer(clang::QualType t);

/// `opt->NAME` with opt a sockopt_t *.
bool isSockoptMember(const clang::Expr *e, llvm::StringRef name);

/// `&opt->iter_out`.
bool isIterOut(const clang::Expr *e);

/// The rules over getsockopt_iter code (functions taking a sockopt_t *),
/// one file each under checks/.
void checkIterResultIgnored(clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                            std::vector<CheckFinding> &out);
void checkIterDirection(clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                        std::vector<CheckFinding> &out);
void checkIterRawPointer(clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                         std::vector<CheckFinding> &out);
void checkOptlenExceedsWritten(clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                               std::vector<CheckFinding> &out);
void checkIterWidthMismatch(clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                            std::vector<CheckFinding> &out);

/// width-mismatch, over the optval accesses of one function the classifier
/// walked (a legacy implementation or one of its helpers).
void checkWidthMismatch(clang::ASTContext &ctx, const FunctionRecord &record,
                        std::vector<CheckFinding> &out);

/// legacy-getsockopt, for one implementation of the scan, with the reasons
/// its rewrite was blocked (empty when it was not, or was not attempted) and
/// whether the tree has the getsockopt_iter API the rewrite needs.
std::optional<CheckFinding> legacyGetsockoptFinding(const Implementation &impl,
                                                    const std::vector<Reason> &rewrite_blocked,
                                                    bool tree_has_api);

/// Runs every iterator rule over the main file's functions that take a
/// sockopt_t *.
std::vector<CheckFinding> runIterRules(clang::ASTContext &ctx);

/// Stable rule ids with their one-line rationale, for --help, SARIF and the
/// README.
struct RuleInfo {
  const char *id;
  const char *rationale;
};
const std::vector<RuleInfo> &checkRules();

} // namespace sockopt
