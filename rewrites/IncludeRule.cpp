// copy_to_iter()/copy_from_iter() are declared in <linux/uio.h>; the file
// gets the include after its last #include line when it lacks it. A header
// whose prototype now takes a sockopt_t gets <linux/net.h>, which defines
// it, the same way.
#include "rewrites/Rules.h"

namespace sockopt {

using namespace clang;

namespace {

void addInclude(EditBuilder &b, FileID file, StringRef header) {
  const SourceManager &sm = b.sources();
  StringRef text = sm.getBufferData(file);
  std::string line = ("#include <" + header + ">").str();
  if (text.contains(line))
    return;
  size_t last = StringRef::npos;
  for (size_t at = text.find("#include <linux/"); at != StringRef::npos;
       at = text.find("#include <linux/", at + 1))
    if (at == 0 || text[at - 1] == '\n')
      last = at;
  if (last == StringRef::npos)
    for (size_t at = text.find("#include"); at != StringRef::npos;
         at = text.find("#include", at + 1))
      if (at == 0 || text[at - 1] == '\n')
        last = at;
  if (last == StringRef::npos)
    return b.block(ReasonCode::NoIncludeBlock,
                   "the file has no #include line to add <" + header.str() + "> after",
                   sm.getLocForStartOfFile(file));
  size_t line_end = text.find('\n', last);
  b.insert(sm.getLocForStartOfFile(file).getLocWithOffset(line_end + 1), line + "\n");
}

} // namespace

void addUioInclude(EditBuilder &b) { addInclude(b, b.sources().getMainFileID(), "linux/uio.h"); }

void addNetIncludes(EditBuilder &b) {
  for (FileID header : b.allowedFiles())
    addInclude(b, header, "linux/net.h");
}

} // namespace sockopt
