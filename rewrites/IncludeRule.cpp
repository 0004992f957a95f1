// copy_to_iter()/copy_from_iter() are declared in <linux/uio.h>; the file
// gets the include after its last #include <linux/...> line when it lacks
// it, outside any #if block when the file has such a line there (an include
// inside `#ifdef CONFIG_X` would be gone in another configuration). A
// header whose prototype now takes a sockopt_t gets <linux/net.h>, which
// defines it, the same way (inside its include guard).
#include "rewrites/Rules.h"

namespace sockopt {

using namespace clang;

namespace {

struct IncludeLine {
  size_t offset;
  unsigned depth; // of #if blocks around it
};

/// The #include lines of `text` starting with `prefix`, with the depth of
/// the #if/#ifdef/#ifndef blocks each one is in.
std::vector<IncludeLine> includeLines(StringRef text, StringRef prefix) {
  std::vector<IncludeLine> lines;
  unsigned depth = 0;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    StringRef line = text.slice(at, end);
    StringRef directive = line.ltrim();
    if (directive.consume_front("#")) {
      directive = directive.ltrim();
      if (directive.starts_with("if"))
        ++depth;
      else if (directive.starts_with("endif") && depth > 0)
        --depth;
    }
    if (line.starts_with(prefix))
      lines.push_back({at, depth});
    if (end == StringRef::npos)
      break;
    at = end + 1;
  }
  return lines;
}

/// The last of `lines` among those in the fewest #if blocks.
std::optional<size_t> lastOutermost(const std::vector<IncludeLine> &lines) {
  if (lines.empty())
    return std::nullopt;
  unsigned least = std::min_element(lines.begin(), lines.end(), [](auto &a, auto &b) {
                     return a.depth < b.depth;
                   })->depth;
  std::optional<size_t> last;
  for (const IncludeLine &l : lines)
    if (l.depth == least)
      last = l.offset;
  return last;
}

void addInclude(EditBuilder &b, FileID file, StringRef header) {
  const SourceManager &sm = b.sources();
  StringRef text = sm.getBufferData(file);
  std::string line = ("#include <" + header + ">").str();
  if (text.contains(line))
    return;
  std::optional<size_t> last = lastOutermost(includeLines(text, "#include <linux/"));
  if (!last)
    last = lastOutermost(includeLines(text, "#include"));
  if (!last)
    return b.block(ReasonCode::NoIncludeBlock,
                   "the file has no #include line to add <" + header.str() + "> after",
                   sm.getLocForStartOfFile(file));
  size_t line_end = text.find('\n', *last);
  b.insert(sm.getLocForStartOfFile(file).getLocWithOffset(line_end + 1), line + "\n");
}

} // namespace

void addUioInclude(EditBuilder &b) { addInclude(b, b.sources().getMainFileID(), "linux/uio.h"); }

void addNetIncludes(EditBuilder &b) {
  for (FileID header : b.allowedFiles())
    addInclude(b, header, "linux/net.h");
}

} // namespace sockopt
