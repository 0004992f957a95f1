#include "engine/FastBodySkip.h"

#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"

#include <vector>

namespace sockopt {

using namespace clang;

namespace {

/// Macros within macros deeper than this are not followed: not safe.
constexpr unsigned kMaxDepth = 32;

bool changesState(llvm::StringRef name) {
  return name == "_Pragma" || name == "__pragma";
}

} // namespace

bool FastBodySkip::isSafeName(llvm::StringRef name, unsigned depth) {
  if (on_name_)
    on_name_(name);
  if (changesState(name))
    return false;
  // getIdentifierInfo() also finds the macros of a precompiled header.
  IdentifierInfo *ii = pp_.getIdentifierInfo(name);
  if (!ii->hasMacroDefinition())
    return true;
  const MacroInfo *macro = pp_.getMacroInfo(ii);
  return !macro || isSafeMacro(macro, depth + 1);
}

bool FastBodySkip::isSafeMacro(const MacroInfo *macro, unsigned depth) {
  if (depth > kMaxDepth)
    return false;
  auto [it, inserted] = safe_.try_emplace(macro, true); // true while in progress: a
  if (!inserted)                                         // macro never expands itself
    return it->second;
  int parens = 0, squares = 0, braces = 0;
  bool safe = true;
  for (const Token &tok : macro->tokens()) {
    parens += tok.is(tok::l_paren) - tok.is(tok::r_paren);
    squares += tok.is(tok::l_square) - tok.is(tok::r_square);
    braces += tok.is(tok::l_brace) - tok.is(tok::r_brace);
    if (parens < 0 || squares < 0 || braces < 0 ||
        (tok.getIdentifierInfo() && !isSafeName(tok.getIdentifierInfo()->getName(), depth))) {
      safe = false;
      break;
    }
  }
  safe &= parens == 0 && squares == 0 && braces == 0;
  safe_[macro] = safe;
  return safe;
}

bool FastBodySkip::skipToClosingBrace() {
  // Null while a macro expands or cached lookahead tokens are replayed.
  auto *file = static_cast<Lexer *>(pp_.getCurrentLexer());
  if (!file)
    return false;
  llvm::StringRef buffer = file->getBuffer();
  unsigned offset = file->getCurrentBufferOffset();
  if (offset == 0 || buffer[offset - 1] != '{')
    return false;
  Lexer raw(SourceLocation(), pp_.getLangOpts(), buffer.begin(), buffer.begin() + offset,
            buffer.end());
  std::vector<tok::TokenKind> closers{tok::r_brace};
  Token tok;
  for (;;) {
    raw.LexFromRawLexer(tok);
    if (tok.is(tok::eof) || (tok.is(tok::hash) && tok.isAtStartOfLine()))
      return false;
    switch (tok.getKind()) {
    case tok::l_paren:
      closers.push_back(tok::r_paren);
      break;
    case tok::l_square:
      closers.push_back(tok::r_square);
      break;
    case tok::l_brace:
      closers.push_back(tok::r_brace);
      break;
    case tok::r_paren:
    case tok::r_square:
    case tok::r_brace:
      if (closers.back() != tok.getKind())
        return false;
      closers.pop_back();
      break;
    case tok::raw_identifier:
      if (!isSafeName(tok.getRawIdentifier(), 0))
        return false;
      break;
    default:
      break;
    }
    if (closers.empty())
      break;
  }
  unsigned close = raw.getBufferLocation() - buffer.begin() - tok.getLength();
  file->seek(close, tok.isAtStartOfLine());
  return true;
}

} // namespace sockopt
