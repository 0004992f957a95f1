// The rules of `check` (CheckFinding is in matchers/Report.h).
#pragma once

#include "matchers/Report.h"

#include "clang/AST/ASTContext.h"

#include <string>
#include <vector>

namespace sockopt {

/// The rules over getsockopt_iter code (functions taking a sockopt_t *),
/// one file each under checks/.
void checkIterResultIgnored(clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                            std::vector<CheckFinding> &out);
void checkIterDirection(clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                        std::vector<CheckFinding> &out);
void checkIterRawPointer(clang::ASTContext &ctx, const clang::FunctionDecl *fn,
                         std::vector<CheckFinding> &out);

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
