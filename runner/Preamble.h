// The preamble of a main file: the directives before its first declaration,
// where a kernel unit sets up what its headers see (`#define pr_fmt(fmt)
// KBUILD_MODNAME ": " fmt`, `#define DEBUG`) and includes them.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace sockopt {

struct PreambleMacro {
  std::string name;
  /// Its replacement has no (), [] or {} of its own, unbalanced or not:
  /// expanding it inside a body the parser skips cannot move where the
  /// body ends. An #undef has none.
  bool bracket_free = true;
};

struct Preamble {
  unsigned size = 0;                 // bytes, from the start of the file
  std::vector<PreambleMacro> macros; // defined or undefined in it, in order
};

/// Whether `text` holds no bracket outside string and character literals.
bool bracketFree(llvm::StringRef text);

/// Reads the preamble of `source` with the raw lexer (no headers opened).
Preamble readPreamble(llvm::StringRef source);

} // namespace sockopt
