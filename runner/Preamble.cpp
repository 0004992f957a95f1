#include "runner/Preamble.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"

namespace sockopt {

namespace {

clang::LangOptions cLanguage() {
  clang::LangOptions lang;
  lang.C11 = true;
  return lang;
}

bool isBracket(const clang::Token &tok) {
  return tok.isOneOf(clang::tok::l_paren, clang::tok::r_paren, clang::tok::l_square,
                     clang::tok::r_square, clang::tok::l_brace, clang::tok::r_brace);
}

} // namespace

bool bracketFree(llvm::StringRef source) {
  // The lexer reads up to a NUL at the end of its buffer.
  std::string text = source.str();
  clang::LangOptions lang = cLanguage();
  clang::Lexer lexer(clang::SourceLocation(), lang, text.data(), text.data(),
                     text.data() + text.size());
  clang::Token tok;
  for (bool at_end = false; !at_end;) {
    at_end = lexer.LexFromRawLexer(tok);
    if (isBracket(tok))
      return false;
  }
  return true;
}

Preamble readPreamble(llvm::StringRef source) {
  clang::LangOptions lang = cLanguage();
  Preamble preamble;
  preamble.size = clang::Lexer::ComputePreamble(source, lang).Size;
  // The lexer reads up to a NUL at the end of its buffer.
  std::string text = source.take_front(preamble.size).str();
  clang::Lexer lexer(clang::SourceLocation(), lang, text.data(), text.data(),
                     text.data() + text.size());
  // A directive ends at the end of its line; the raw lexer marks the first
  // token of each line.
  enum class State { Line, Hash, Name, AfterName, Parameters, Replacement } state = State::Line;
  bool define = false;
  clang::Token tok;
  for (bool at_end = false; !at_end;) {
    at_end = lexer.LexFromRawLexer(tok);
    if (tok.is(clang::tok::eof))
      break;
    if (tok.isAtStartOfLine())
      state = tok.is(clang::tok::hash) ? State::Hash : State::Line;
    else if (state == State::Hash) {
      llvm::StringRef word = tok.is(clang::tok::raw_identifier) ? tok.getRawIdentifier() : "";
      define = word == "define";
      state = define || word == "undef" ? State::Name : State::Line;
    } else if (state == State::Name && tok.is(clang::tok::raw_identifier)) {
      preamble.macros.push_back({tok.getRawIdentifier().str(), true});
      state = define ? State::AfterName : State::Line;
    } else if (state == State::AfterName) {
      // A function-like macro's `(` follows its name with no space between.
      state = tok.is(clang::tok::l_paren) && !tok.hasLeadingSpace() ? State::Parameters
                                                                     : State::Replacement;
      if (state == State::Replacement && isBracket(tok))
        preamble.macros.back().bracket_free = false;
    } else if (state == State::Parameters) {
      if (tok.is(clang::tok::r_paren))
        state = State::Replacement;
    } else if (state == State::Replacement && isBracket(tok)) {
      preamble.macros.back().bracket_free = false;
    }
  }
  return preamble;
}

} // namespace sockopt
