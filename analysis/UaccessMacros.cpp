#include "analysis/UaccessMacros.h"

#include "clang/Basic/IdentifierTable.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Token.h"
#include "llvm/ADT/StringSwitch.h"

namespace sockopt {

bool isUaccessMacro(llvm::StringRef name) {
  return llvm::StringSwitch<bool>(name)
      .Cases("get_user", "put_user", "__get_user", "__put_user", true)
      .Default(false);
}

void PreprocessorFacts::MacroExpands(const clang::Token &name, const clang::MacroDefinition &,
                                     clang::SourceRange range, const clang::MacroArgs *args) {
  const clang::IdentifierInfo *ii = name.getIdentifierInfo();
  if (!ii || !args || !isUaccessMacro(ii->getName()))
    return;
  clang::SourceLocation name_loc = sm_.getSpellingLoc(name.getLocation());
  for (const UaccessInvocation &known : invocations_)
    if (known.name_loc == name_loc)
      return; // arguments pre-expanded by an enclosing macro report it twice

  UaccessInvocation inv;
  inv.macro = ii->getName().str();
  inv.name_loc = name_loc;
  auto [fid, begin] = sm_.getDecomposedLoc(name_loc);
  if (fid != sm_.getMainFileID())
    return; // implementations and their helpers live in the main file
  clang::SourceLocation close = sm_.getSpellingLoc(range.getEnd());
  auto [close_fid, close_off] = sm_.getDecomposedLoc(close);
  if (close_fid != fid)
    return;
  inv.whole = {fid, begin, close_off + 1};

  for (unsigned i = 0, n = args->getNumMacroArguments(); i < n; ++i) {
    const clang::Token *tok = args->getUnexpArgument(i);
    FileSpan span{fid, ~0u, 0};
    for (; tok->isNot(clang::tok::eof); ++tok) {
      auto [tfid, off] = sm_.getDecomposedLoc(sm_.getSpellingLoc(tok->getLocation()));
      if (tfid != fid)
        return; // argument text assembled from another file: not ours to read
      span.begin = std::min(span.begin, off);
      span.end = std::max(span.end, off + tok->getLength());
    }
    inv.args.push_back(span);
  }
  invocations_.push_back(std::move(inv));
}

void PreprocessorFacts::SourceRangeSkipped(clang::SourceRange range, clang::SourceLocation) {
  skipped_.push_back(range);
}

static std::string directiveText(const clang::SourceManager &sm, llvm::StringRef directive,
                                 clang::SourceRange condition) {
  bool invalid = false;
  llvm::StringRef text = clang::Lexer::getSourceText(
      clang::CharSourceRange::getCharRange(condition), sm, clang::LangOptions(), &invalid);
  return "#" + directive.str() + " " + (invalid ? std::string("?") : text.trim().str());
}

void PreprocessorFacts::If(clang::SourceLocation loc, clang::SourceRange condition,
                           ConditionValueKind value) {
  conditions_.onIf(loc, directiveText(sm_, "if", condition), value == CVK_True);
}

void PreprocessorFacts::Elif(clang::SourceLocation loc, clang::SourceRange condition,
                             ConditionValueKind value, clang::SourceLocation if_loc) {
  conditions_.onElif(loc, if_loc, directiveText(sm_, "elif", condition), value == CVK_True);
}

void PreprocessorFacts::Ifdef(clang::SourceLocation loc, const clang::Token &name,
                              const clang::MacroDefinition &md) {
  conditions_.onIf(loc, "#ifdef " + name.getIdentifierInfo()->getName().str(), md.getMacroInfo() != nullptr);
}

void PreprocessorFacts::Ifndef(clang::SourceLocation loc, const clang::Token &name,
                               const clang::MacroDefinition &md) {
  conditions_.onIf(loc, "#ifndef " + name.getIdentifierInfo()->getName().str(), md.getMacroInfo() == nullptr);
}

void PreprocessorFacts::Else(clang::SourceLocation loc, clang::SourceLocation if_loc) {
  conditions_.onElse(loc, if_loc);
}

void PreprocessorFacts::Endif(clang::SourceLocation loc, clang::SourceLocation if_loc) {
  conditions_.onEndif(loc, if_loc);
}

const UaccessInvocation *PreprocessorFacts::invocationAt(clang::SourceLocation spelling_loc,
                                                         unsigned *arg) const {
  auto [fid, off] = sm_.getDecomposedLoc(spelling_loc);
  for (const UaccessInvocation &inv : invocations_)
    for (unsigned i = 0; i < inv.args.size(); ++i)
      if (inv.args[i].contains(fid, off)) {
        *arg = i;
        return &inv;
      }
  return nullptr;
}

} // namespace sockopt
