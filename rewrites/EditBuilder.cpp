#include "rewrites/EditBuilder.h"

#include "analysis/Classifier.h"
#include "rewrites/LineWrap.h"

#include "clang/Basic/FileManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

namespace sockopt {

using namespace clang;

EditBuilder::EditBuilder(ASTContext &ctx) : ctx_(ctx), sm_(ctx.getSourceManager()) {}

CharSourceRange EditBuilder::fileRange(CharSourceRange range) {
  CharSourceRange file = Lexer::makeFileCharRange(range, sm_, ctx_.getLangOpts());
  if (file.isInvalid() || (!sm_.isWrittenInMainFile(file.getBegin()) &&
                           !allowed_.count(sm_.getFileID(file.getBegin())))) {
    block(ReasonCode::EditInMacro,
          "an edit would land inside a macro expansion or outside the file", range.getBegin());
    return {};
  }
  return file;
}

void EditBuilder::replaceChars(CharSourceRange range, StringRef text) {
  CharSourceRange file = fileRange(range);
  if (file.isInvalid())
    return;
  tooling::Replacement r(sm_, file, text, ctx_.getLangOpts());
  file_ids_[r.getFilePath().str()] = sm_.getFileID(file.getBegin());
  if (llvm::Error e = replacements_[r.getFilePath().str()].add(r)) {
    llvm::consumeError(std::move(e));
    block(ReasonCode::ConflictingEdits, "two edits of this conversion overlap", range.getBegin());
  }
}

void EditBuilder::replaceWrappable(CharSourceRange range, StringRef text) {
  CharSourceRange file = Lexer::makeFileCharRange(range, sm_, ctx_.getLangOpts());
  replaceChars(range, text);
  if (file.isValid())
    wrappable_.emplace_back(tooling::Replacement(sm_, file, text, ctx_.getLangOpts()).getFilePath(),
                            sm_.getFileOffset(file.getBegin()));
}

void EditBuilder::wrapLongLines() {
  for (auto &[path, replacements] : replacements_) {
    StringRef buffer = sm_.getBufferData(file_ids_.at(path));
    llvm::Expected<std::string> code = tooling::applyAllReplacements(buffer, replacements);
    if (!code) {
      llvm::consumeError(code.takeError());
      continue;
    }
    tooling::Replacements wrapped;
    for (const tooling::Replacement &r : replacements) {
      std::string text = r.getReplacementText().str();
      if (std::find(wrappable_.begin(), wrappable_.end(), std::make_pair(path, r.getOffset())) !=
          wrappable_.end()) {
        // Where the text of r starts in the converted code: its end, shifted
        // by every edit up to it, less its length.
        unsigned at =
            replacements.getShiftedCodePosition(r.getOffset() + r.getLength()) - text.size();
        size_t line_start = StringRef(*code).rfind('\n', at) + 1; // npos + 1 == 0
        size_t line_end = StringRef(*code).find('\n', at + text.size());
        StringRef prefix = StringRef(*code).slice(line_start, at);
        StringRef suffix = StringRef(*code).slice(at + text.size(), line_end);
        if (auto broken = wrapAfterComparison(prefix, text, suffix))
          text = *broken;
      }
      llvm::cantFail(wrapped.add(
          tooling::Replacement(r.getFilePath(), r.getOffset(), r.getLength(), text)));
    }
    replacements = std::move(wrapped);
  }
}

namespace {

/// The comments in `slice`, lexed as C (a comment marker inside a string
/// is no comment).
std::vector<std::string> commentsIn(StringRef slice, const LangOptions &lang) {
  std::string code = slice.str(); // the lexer wants a NUL after the end
  Lexer lexer(SourceLocation(), lang, code.data(), code.data(), code.data() + code.size());
  lexer.SetCommentRetentionState(true);
  std::vector<std::string> comments;
  Token tok;
  while (!lexer.LexFromRawLexer(tok) || tok.is(tok::comment))
    if (tok.is(tok::comment)) {
      const char *end = lexer.getBufferLocation();
      comments.emplace_back(end - tok.getLength(), end);
    }
  return comments;
}

/// `// words` as `/* words */`: a comment appended mid-line must end.
std::string asBlockComment(StringRef comment) {
  if (!comment.starts_with("//"))
    return comment.str();
  return "/* " + comment.drop_front(2).trim().str() + " */";
}

} // namespace

void EditBuilder::keepComments() {
  for (auto &[path, replacements] : replacements_) {
    StringRef buffer = sm_.getBufferData(file_ids_.at(path));
    std::string emitted;
    for (const tooling::Replacement &r : replacements)
      emitted += r.getReplacementText().str() + '\n';
    tooling::Replacements kept;
    for (const tooling::Replacement &r : replacements) {
      std::string text = r.getReplacementText().str();
      if (!text.empty())
        for (const std::string &comment :
             commentsIn(buffer.substr(r.getOffset(), r.getLength()), ctx_.getLangOpts()))
          if (emitted.find(comment) == std::string::npos)
            text += " " + asBlockComment(comment);
      llvm::cantFail(
          kept.add(tooling::Replacement(r.getFilePath(), r.getOffset(), r.getLength(), text)));
    }
    replacements = std::move(kept);
  }
}

void EditBuilder::replaceTokens(SourceRange range, StringRef text) {
  replaceChars(CharSourceRange::getTokenRange(range), text);
}

void EditBuilder::insert(SourceLocation at, StringRef text) {
  replaceChars(CharSourceRange::getCharRange(at, at), text);
}

SourceLocation EditBuilder::endOfStatement(const Stmt *stmt) const {
  SourceLocation end = sm_.getExpansionRange(stmt->getEndLoc()).getEnd();
  if (isa<CompoundStmt>(stmt) || isa<IfStmt>(stmt) || isa<SwitchStmt>(stmt) ||
      isa<WhileStmt>(stmt) || isa<ForStmt>(stmt)) {
    if (const auto *if_stmt = dyn_cast<IfStmt>(stmt))
      return endOfStatement(if_stmt->getElse() ? if_stmt->getElse() : if_stmt->getThen());
    return Lexer::getLocForEndOfToken(end, 0, sm_, ctx_.getLangOpts());
  }
  std::optional<Token> next = Lexer::findNextToken(end, sm_, ctx_.getLangOpts());
  if (next && next->is(tok::semi))
    return next->getEndLoc();
  return Lexer::getLocForEndOfToken(end, 0, sm_, ctx_.getLangOpts());
}

void EditBuilder::replaceStatement(const Stmt *stmt, StringRef text) {
  SourceLocation begin = sm_.getExpansionLoc(stmt->getBeginLoc());
  replaceChars(CharSourceRange::getCharRange(begin, endOfStatement(stmt)), text);
}

void EditBuilder::removeStatement(const Stmt *stmt) {
  SourceLocation begin = sm_.getExpansionLoc(stmt->getBeginLoc());
  SourceLocation end = endOfStatement(stmt);
  StringRef buffer = sm_.getBufferData(sm_.getFileID(begin));
  unsigned b = sm_.getFileOffset(begin), e = sm_.getFileOffset(end);
  unsigned line_start = b;
  while (line_start > 0 && (buffer[line_start - 1] == ' ' || buffer[line_start - 1] == '\t'))
    --line_start;
  unsigned line_end = e;
  while (line_end < buffer.size() && (buffer[line_end] == ' ' || buffer[line_end] == '\t'))
    ++line_end;
  // A CRLF file's line ends at its "\r\n".
  if (line_end + 1 < buffer.size() && buffer[line_end] == '\r' && buffer[line_end + 1] == '\n')
    ++line_end;
  // Alone on its line(s): take the line with it.
  if ((line_start == 0 || buffer[line_start - 1] == '\n') && line_end < buffer.size() &&
      buffer[line_end] == '\n') {
    replaceChars(CharSourceRange::getCharRange(begin.getLocWithOffset(int(line_start) - int(b)),
                                               end.getLocWithOffset(int(line_end + 1) - int(e))),
                 "");
    return;
  }
  replaceChars(CharSourceRange::getCharRange(begin, end), "");
}

std::string EditBuilder::text(SourceRange range) {
  CharSourceRange file = fileRange(CharSourceRange::getTokenRange(range));
  if (file.isInvalid())
    return "";
  return Lexer::getSourceText(file, sm_, ctx_.getLangOpts()).str();
}

std::string EditBuilder::indentOf(SourceLocation loc) const {
  loc = sm_.getExpansionLoc(loc);
  StringRef buffer = sm_.getBufferData(sm_.getFileID(loc));
  unsigned offset = sm_.getFileOffset(loc);
  unsigned start = offset;
  while (start > 0 && buffer[start - 1] != '\n')
    --start;
  unsigned end = start;
  while (end < buffer.size() && (buffer[end] == ' ' || buffer[end] == '\t'))
    ++end;
  return buffer.substr(start, end - start).str();
}

void EditBuilder::block(ReasonCode code, std::string message, SourceLocation loc) {
  blocked_.push_back({code, std::move(message), pointOf(sm_, loc)});
}

bool EditBuilder::nameFree(StringRef name) const {
  if (name == opt_ || ctx_.Idents.get(name).hasMacroDefinition())
    return false;
  CharSourceRange range = sm_.getExpansionRange(fn_->getSourceRange());
  FileID file = sm_.getFileID(range.getBegin());
  StringRef text = sm_.getBufferData(file);
  unsigned end = sm_.getFileOffset(range.getEnd());
  Lexer lexer(sm_.getLocForStartOfFile(file), ctx_.getLangOpts(), text.begin(),
              text.begin() + sm_.getFileOffset(range.getBegin()), text.end());
  Token tok;
  bool member = false;
  while (!lexer.LexFromRawLexer(tok) && sm_.getFileOffset(tok.getLocation()) <= end) {
    if (tok.is(tok::raw_identifier) && tok.getRawIdentifier() == name && !member)
      return false;
    member = tok.isOneOf(tok::period, tok::arrow);
  }
  return true;
}

std::string EditBuilder::local(const std::string &type, const std::vector<std::string> &names,
                               SourceLocation loc) {
  auto &mine = locals_[fn_];
  for (const std::string &name : names) {
    auto earlier = std::find_if(mine.begin(), mine.end(),
                                [&](const auto &l) { return l.second == name; });
    if (earlier != mine.end()) {
      if (earlier->first == type)
        return name;
      continue;
    }
    if (nameFree(name)) {
      mine.emplace_back(type, name);
      return name;
    }
  }
  block(ReasonCode::NameCollision, "no free name for a local of type " + type, loc);
  return "";
}

void EditBuilder::declareLocals() {
  for (const auto &[fn, locals] : locals_) {
    if (locals.empty())
      continue;
    const auto *body = cast<CompoundStmt>(fn->getBody());
    const Stmt *last_decl = nullptr;
    for (const Stmt *s : body->body()) {
      if (!isa<DeclStmt>(s))
        break;
      last_decl = s;
    }
    std::string indent =
        last_decl ? indentOf(last_decl->getBeginLoc())
                  : (body->body_empty() ? "\t" : indentOf(body->body_front()->getBeginLoc()));
    std::string text;
    for (const auto &[type, name] : locals)
      text += "\n" + indent + type + " " + name + ";";
    if (last_decl)
      insert(endOfStatement(last_decl), text);
    else
      insert(Lexer::getLocForEndOfToken(sm_.getExpansionLoc(body->getLBracLoc()), 0, sm_,
                                        ctx_.getLangOpts()),
             text + "\n");
  }
}

std::vector<Edit> EditBuilder::edits() const {
  std::vector<Edit> out;
  for (const auto &[file, replacements] : replacements_) {
    std::string path = reportPath(sm_.getFileManager(), file);
    for (const tooling::Replacement &r : replacements)
      out.push_back({path, r.getOffset(), r.getLength(), r.getReplacementText().str()});
  }
  return out;
}

} // namespace sockopt
