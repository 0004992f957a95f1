// Skipping a header function body without expanding it.
//
// The parse skips the bodies of header functions (engine/ScanAction.cpp),
// but clang's parser finds where a skipped body ends by reading it token by
// token through the preprocessor, every macro expanded: a third of a
// unit's parse. When the raw text of the body shows where it ends, and no
// macro the body uses can change that, the lexer jumps to the closing
// brace instead.
#pragma once

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

#include <functional>

namespace clang {
class MacroInfo;
class Preprocessor;
} // namespace clang

namespace sockopt {

class FastBodySkip {
public:
  /// `on_name`, if given, hears every name the checks look at: those of
  /// the body and of the macros it uses (the build of a shared precompiled
  /// header records which macros its skipped bodies use).
  explicit FastBodySkip(clang::Preprocessor &pp,
                        std::function<void(llvm::StringRef)> on_name = {})
      : pp_(pp), on_name_(std::move(on_name)) {}

  /// Called when the parser is about to skip the body whose `{` it just
  /// read. Moves the file lexer to the matching `}` when that is exactly
  /// where the parser's own skipping would stop, which holds when:
  ///  - the `{` came straight from the file lexer (no macro, no lookahead);
  ///  - the raw text up to the `}` has (), [] and {} properly nested and
  ///    no preprocessor directive;
  ///  - every macro the text names, and every macro those name in turn,
  ///    has a replacement whose brackets balance, and none expands _Pragma
  ///    (whose effect would be lost).
  /// The __COUNTER__ increments of a skipped body are lost: the unique
  /// names built from it later in the unit differ from a compiler's, and
  /// nothing the analysis reports depends on them.
  /// Otherwise leaves everything as it was; the parser skips as usual.
  bool skipToClosingBrace();

private:
  bool isSafeMacro(const clang::MacroInfo *macro, unsigned depth);
  bool isSafeName(llvm::StringRef name, unsigned depth);

  clang::Preprocessor &pp_;
  std::function<void(llvm::StringRef)> on_name_;
  llvm::DenseMap<const clang::MacroInfo *, bool> safe_;
};

} // namespace sockopt
