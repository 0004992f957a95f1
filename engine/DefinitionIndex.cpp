#include "engine/DefinitionIndex.h"

#include "analysis/Discovery.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/MemoryBuffer.h"

namespace sockopt {

using namespace clang;

namespace {

/// GNU C, the kernel's dialect, as the raw lexer needs to tell tokens apart.
const LangOptions &gnuC() {
  static const LangOptions lang = [] {
    LangOptions l;
    l.C11 = true;
    l.GNUMode = true;
    return l;
  }();
  return lang;
}

} // namespace

DefinitionIndex::DefinitionIndex(const std::vector<std::string> &files) {
  for (const std::string &file : files) {
    auto buffer = llvm::MemoryBuffer::getFile(file);
    if (!buffer)
      continue;
    for (const std::string &name : definitionsIn((*buffer)->getBuffer()))
      files_by_function_[name].push_back(file);
    optval_callees_[file] = optvalCalleesIn((*buffer)->getBuffer());
  }
}

bool DefinitionIndex::registersGetsockoptIn(llvm::StringRef text) {
  Lexer lexer(SourceLocation(), gnuC(), text.begin(), text.begin(), text.end());
  Token before, member, tok;
  before.startToken();
  member.startToken();
  while (!lexer.LexFromRawLexer(tok)) {
    if (beginsRegistration(before, member, tok))
      return true;
    before = member;
    member = tok;
  }
  return false;
}

/// Every open parenthesis remembers the identifier before it; `optval` or
/// `optlen` inside marks every enclosing one (f(g(optval)) hands it to
/// both, as far as a guess goes).
std::set<std::string> DefinitionIndex::optvalCalleesIn(llvm::StringRef text) {
  Lexer lexer(SourceLocation(), gnuC(), text.begin(), text.begin(), text.end());
  std::set<std::string> names;
  struct Open {
    llvm::StringRef callee;
    bool passes = false;
  };
  std::vector<Open> open;
  llvm::StringRef previous;
  Token tok;
  while (!lexer.LexFromRawLexer(tok)) {
    if (tok.is(tok::l_paren)) {
      open.push_back({previous});
    } else if (tok.is(tok::r_paren) && !open.empty()) {
      if (open.back().passes && !open.back().callee.empty())
        names.insert(open.back().callee.str());
      open.pop_back();
    } else if (tok.is(tok::raw_identifier) &&
               (tok.getRawIdentifier() == "optval" || tok.getRawIdentifier() == "optlen")) {
      for (Open &o : open)
        o.passes = true;
    }
    previous = tok.is(tok::raw_identifier) ? tok.getRawIdentifier() : llvm::StringRef();
  }
  return names;
}

const std::vector<std::string> &DefinitionIndex::filesDefining(const std::string &function) const {
  static const std::vector<std::string> none;
  auto it = files_by_function_.find(function);
  return it == files_by_function_.end() ? none : it->second;
}

const std::set<std::string> &DefinitionIndex::optvalCallees(const std::string &file) const {
  static const std::set<std::string> none;
  auto it = optval_callees_.find(file);
  return it == optval_callees_.end() ? none : it->second;
}

/// At brace depth 0, `name ( ... ) {` defines `name`. Between the end of
/// the previous declaration and the body, the first parenthesised group
/// that follows an identifier other than `__attribute__` is the parameter
/// list (`__attribute__((x)) int f(int a) __acquires(l) {` defines f).
/// Preprocessor directives are skipped whole.
std::vector<std::string> DefinitionIndex::definitionsIn(llvm::StringRef text) {
  Lexer lexer(SourceLocation(), gnuC(), text.begin(), text.begin(), text.end());
  std::vector<std::string> names;
  Token tok;
  unsigned braces = 0, parens = 0;
  std::string previous; // the identifier just before the current token
  std::string name;     // the declaration's first identifier followed by '('
  bool in_directive = false;
  while (!lexer.LexFromRawLexer(tok)) {
    if (tok.isAtStartOfLine())
      in_directive = tok.is(tok::hash);
    if (in_directive)
      continue;
    if (tok.is(tok::l_brace)) {
      if (braces == 0 && parens == 0 && !name.empty())
        names.push_back(name);
      ++braces;
      name.clear();
      previous.clear();
      continue;
    }
    if (tok.is(tok::r_brace)) {
      if (braces && --braces == 0)
        name.clear();
      previous.clear();
      continue;
    }
    if (braces)
      continue;
    if (tok.is(tok::l_paren)) {
      if (parens == 0 && name.empty() && !previous.empty() && previous != "__attribute__")
        name = previous;
      ++parens;
    } else if (tok.is(tok::r_paren)) {
      if (parens)
        --parens;
    } else if (parens == 0 && (tok.is(tok::semi) || tok.is(tok::equal))) {
      name.clear();
    }
    previous = tok.is(tok::raw_identifier) ? tok.getRawIdentifier().str() : std::string();
  }
  return names;
}

} // namespace sockopt
