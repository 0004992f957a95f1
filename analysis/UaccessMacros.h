// Preprocessor facts the AST does not keep: where the uaccess macros
// (get_user, put_user, ...) were invoked with which argument text, which
// source ranges the preprocessor skipped (#if branches not compiled) and
// which #if branches it took (ConfigConditions).
//
// On x86, get_user()/put_user() are macros that expand to a statement
// expression around inline asm (arch/x86/include/asm/uaccess.h,
// do_get_user_call/do_put_user_call); the AST holds no call to either, so the
// accesses are recognised from the macro invocations recorded here.
#pragma once

#include "analysis/ConfigConditions.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/PPCallbacks.h"

#include <string>
#include <vector>

namespace sockopt {

/// A half-open range of file offsets in one file.
struct FileSpan {
  clang::FileID file;
  unsigned begin = 0;
  unsigned end = 0;
  bool contains(clang::FileID f, unsigned offset) const {
    return f == file && offset >= begin && offset < end;
  }
};

struct UaccessInvocation {
  std::string macro;              // "get_user", "put_user", ...
  clang::SourceLocation name_loc; // spelling location of the macro name
  FileSpan whole;                 // from the name to the closing parenthesis
  std::vector<FileSpan> args;
};

/// True for the uaccess macros whose invocations are recorded.
bool isUaccessMacro(llvm::StringRef name);

class PreprocessorFacts : public clang::PPCallbacks {
public:
  explicit PreprocessorFacts(const clang::SourceManager &sm) : sm_(sm), conditions_(sm) {}

  void MacroExpands(const clang::Token &name, const clang::MacroDefinition &md,
                    clang::SourceRange range, const clang::MacroArgs *args) override;
  void SourceRangeSkipped(clang::SourceRange range, clang::SourceLocation endif_loc) override;
  void If(clang::SourceLocation loc, clang::SourceRange condition,
          ConditionValueKind value) override;
  void Elif(clang::SourceLocation loc, clang::SourceRange condition, ConditionValueKind value,
            clang::SourceLocation if_loc) override;
  void Ifdef(clang::SourceLocation loc, const clang::Token &name,
             const clang::MacroDefinition &md) override;
  void Ifndef(clang::SourceLocation loc, const clang::Token &name,
              const clang::MacroDefinition &md) override;
  void Else(clang::SourceLocation loc, clang::SourceLocation if_loc) override;
  void Endif(clang::SourceLocation loc, clang::SourceLocation if_loc) override;

  /// The invocation whose argument `arg` holds the spelling location `loc`.
  const UaccessInvocation *invocationAt(clang::SourceLocation spelling_loc, unsigned *arg) const;
  const std::vector<clang::SourceRange> &skippedRanges() const { return skipped_; }
  const ConfigConditions &conditions() const { return conditions_; }
  ConfigConditions &conditions() { return conditions_; }

private:
  const clang::SourceManager &sm_;
  std::vector<UaccessInvocation> invocations_;
  std::vector<clang::SourceRange> skipped_;
  ConfigConditions conditions_;
};

} // namespace sockopt
