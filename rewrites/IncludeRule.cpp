// copy_to_iter()/copy_from_iter() are declared in <linux/uio.h>; the file
// gets the include after its last #include line when it lacks it.
#include "rewrites/Rules.h"

namespace sockopt {

using namespace clang;

void addUioInclude(EditBuilder &b) {
  const SourceManager &sm = b.sources();
  FileID main = sm.getMainFileID();
  StringRef text = sm.getBufferData(main);
  if (text.contains("#include <linux/uio.h>"))
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
    return b.block("no-include-block", "the file has no #include line to add <linux/uio.h> after",
                   sm.getLocForStartOfFile(main));
  size_t line_end = text.find('\n', last);
  b.insert(sm.getLocForStartOfFile(main).getLocWithOffset(line_end + 1),
           "#include <linux/uio.h>\n");
}

} // namespace sockopt
