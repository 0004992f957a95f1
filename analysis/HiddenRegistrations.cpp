#include "analysis/HiddenRegistrations.h"

#include "analysis/Classifier.h"
#include "analysis/Discovery.h"

#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

namespace sockopt {

using namespace clang;

namespace {

/// The line at `offset` with its whitespace collapsed: `#if IS_ENABLED(CONFIG_IPV6)`.
std::string lineAt(llvm::StringRef buffer, size_t offset) {
  llvm::SmallVector<llvm::StringRef, 8> words;
  llvm::SplitString(buffer.substr(offset).take_until([](char c) { return c == '\n'; }), words);
  return llvm::join(words, " ");
}

/// The directive word of a line starting with `#` (`# if` spelt apart too),
/// or "".
llvm::StringRef directiveWord(llvm::StringRef line) {
  if (!line.consume_front("#"))
    return "";
  return line.ltrim().take_while([](char c) { return llvm::isAlpha(c); });
}

/// The #if, #ifdef or #ifndef that opens the chain of the #else or #elif at
/// `offset`: the nearest one above it not closed by an #endif in between.
std::string openingIf(llvm::StringRef buffer, size_t offset) {
  unsigned depth = 0;
  while (offset > 0) {
    size_t start = buffer.rfind('\n', offset - 1);
    start = start == llvm::StringRef::npos ? 0 : start + 1;
    llvm::StringRef word = directiveWord(buffer.substr(start).ltrim(" \t"));
    if (word == "endif")
      ++depth;
    else if (word.starts_with("if") && depth-- == 0)
      return lineAt(buffer, start);
    offset = start;
  }
  return "";
}

/// Why the branch whose directive is at `offset` was skipped, in words:
/// its own line, and for an #else the #if it is the other branch of.
std::string skippedBecause(llvm::StringRef buffer, size_t offset) {
  std::string line = lineAt(buffer, offset);
  if (directiveWord(line) != "else")
    return line;
  std::string opening = openingIf(buffer, offset);
  return opening.empty() ? line : line + " of " + opening;
}

} // namespace

std::vector<HiddenRegistration>
findHiddenRegistrations(const SourceManager &sm, const LangOptions &lang,
                        const std::vector<SourceRange> &skipped) {
  std::vector<HiddenRegistration> found;
  FileID main = sm.getMainFileID();
  llvm::StringRef buffer = sm.getBufferData(main);
  for (const SourceRange &range : skipped) {
    auto [begin_file, begin] = sm.getDecomposedLoc(range.getBegin());
    auto [end_file, end] = sm.getDecomposedLoc(range.getEnd());
    if (begin_file != main || end_file != main || begin >= end || end > buffer.size())
      continue;
    // The branch that hid a registration is the one of the outermost chain
    // of the range: a range may run over several skipped branches of one
    // chain (`#if A ... #elif 0 ... #endif`), and nested chains inside it do
    // not decide.
    std::string directive = skippedBecause(buffer, begin);
    unsigned depth = 0;
    // The file's own buffer, NUL-terminated as the lexer wants, lexed from
    // the range's start until its end.
    Lexer lexer(sm.getLocForStartOfFile(main), lang, buffer.begin(), buffer.begin() + begin,
                buffer.end());
    // The last three tokens before `tok`: `.` `getsockopt` `=` then `f`.
    Token window[3], tok;
    for (Token &t : window)
      t.startToken();
    while (!lexer.LexFromRawLexer(tok)) {
      unsigned at = sm.getFileOffset(tok.getLocation());
      if (at >= end)
        break;
      if (tok.is(tok::hash) && tok.isAtStartOfLine()) {
        llvm::StringRef word = directiveWord(buffer.substr(at));
        if (word.starts_with("if") && at != begin)
          ++depth;
        else if (word == "endif" && depth > 0)
          --depth;
        else if ((word.starts_with("elif") || word == "else") && depth == 0 && at != begin)
          directive = skippedBecause(buffer, at);
      }
      if (tok.is(tok::raw_identifier) && beginsRegistration(window[0], window[1], window[2]))
        found.push_back({tok.getRawIdentifier().str(), window[1].getRawIdentifier().str(),
                         pointOf(sm, window[1].getLocation()), directive});
      window[0] = window[1];
      window[1] = window[2];
      window[2] = tok;
    }
  }
  return found;
}

} // namespace sockopt
