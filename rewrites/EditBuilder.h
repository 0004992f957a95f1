// Collects the edits of one rewrite unit (an implementation and its
// helpers) as clang::tooling replacements, refusing any edit that would
// land inside a macro or overlap another, and records why a unit cannot
// be rewritten.
#pragma once

#include "model/Report.h"

#include "clang/AST/ASTContext.h"
#include "clang/Tooling/Core/Replacement.h"

#include <set>
#include <string>
#include <vector>

namespace sockopt {

class EditBuilder {
public:
  explicit EditBuilder(clang::ASTContext &ctx);

  /// Replaces the tokens of `range` (a range the author wrote) with `text`.
  void replaceTokens(clang::SourceRange range, llvm::StringRef text);
  /// Replaces a whole statement, with its `;`, by `text` (may be several
  /// statements separated by `indent`-prefixed newlines).
  void replaceStatement(const clang::Stmt *stmt, llvm::StringRef text);
  /// Removes a whole statement with its line when it stands alone on it.
  void removeStatement(const clang::Stmt *stmt);
  void insert(clang::SourceLocation at, llvm::StringRef text);
  /// replaceChars() for a condition (`copy_to_iter(...) != n`) that
  /// wrapLongLines() may break over two lines.
  void replaceWrappable(clang::CharSourceRange range, llvm::StringRef text);
  /// Breaks the wrappable replacements whose line, with every edit of the
  /// unit made, passes 80 columns (LineWrap.h).
  void wrapLongLines();
  /// Appends to a replacement the comments of the code it replaces that no
  /// edit of the unit carries over (`get_user(len, /* user length */
  /// optlen)`), as `/* ... */`: the author's words outlive the idiom.
  void keepComments();
  void replaceChars(clang::CharSourceRange range, llvm::StringRef text);

  /// The source text of tokens the author wrote, or "" (and a block) when
  /// it comes from a macro.
  std::string text(clang::SourceRange range);
  /// Leading whitespace of the line holding `loc`.
  std::string indentOf(clang::SourceLocation loc) const;
  /// The location just past the `;` that ends `stmt`.
  clang::SourceLocation endOfStatement(const clang::Stmt *stmt) const;

  /// Lets edits land in `file` as well as in the main file (a header that
  /// declares a function converted with its callers).
  void allowFile(clang::FileID file) { allowed_.insert(file); }
  const std::set<clang::FileID> &allowedFiles() const { return allowed_; }

  void block(ReasonCode code, std::string message, clang::SourceLocation loc);
  void note(std::string line) { notes_.push_back(std::move(line)); }

  bool blocked() const { return !blocked_.empty(); }
  const std::vector<Reason> &reasons() const { return blocked_; }
  const std::vector<std::string> &notes() const { return notes_; }
  std::vector<Edit> edits() const;

  clang::ASTContext &context() { return ctx_; }

  /// True the first time it is asked about `key` (an edit made once per
  /// variable, whatever the number of uses leading to it).
  bool firstTime(const void *key) { return once_.insert(key).second; }

  /// The function whose accesses are being rewritten.
  void setFunction(const clang::FunctionDecl *fn) { fn_ = fn; }
  const clang::FunctionDecl *function() const { return fn_; }
  /// Whether `name` is free for a new local of the current function: no
  /// identifier of that name in its text (members after `.`/`->` aside), no
  /// macro, not the sockopt_t parameter.
  bool nameFree(llvm::StringRef name) const;
  /// A local of `type` in the current function, named after the first free
  /// of `names` (an earlier local of the same name and type is reused);
  /// declared by declareLocals(). "" and a block when none is free.
  std::string local(const std::string &type, const std::vector<std::string> &names,
                    clang::SourceLocation loc);
  /// Declares the locals of every function after its leading declarations.
  void declareLocals();

  /// The name of the sockopt_t parameter: "opt", or "sopt" where the
  /// functions of the unit already use "opt" for something else.
  const std::string &opt() const { return opt_; }
  void setOpt(std::string name) { opt_ = std::move(name); }
  const clang::SourceManager &sources() const { return sm_; }

private:
  clang::CharSourceRange fileRange(clang::CharSourceRange range);

  clang::ASTContext &ctx_;
  const clang::SourceManager &sm_;
  std::map<std::string, clang::tooling::Replacements> replacements_;
  std::map<std::string, clang::FileID> file_ids_; // the file of each path edited
  std::set<clang::FileID> allowed_;
  std::vector<Reason> blocked_;
  std::vector<std::string> notes_;
  std::set<const void *> once_;
  std::vector<std::pair<std::string, unsigned>> wrappable_; // file, offset
  const clang::FunctionDecl *fn_ = nullptr;
  /// New locals, per function: (type, name) in order of creation.
  std::map<const clang::FunctionDecl *, std::vector<std::pair<std::string, std::string>>> locals_;
  std::string opt_ = "opt";
};

} // namespace sockopt
