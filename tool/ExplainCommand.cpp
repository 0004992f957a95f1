#include "tool/ExplainCommand.h"

#include "output/Explain.h"
#include "output/JsonText.h"
#include "tool/Messages.h"
#include "tool/Options.h"

#include "llvm/Support/raw_ostream.h"

namespace sockopt {

int runExplain() {
  namespace opt = options;
  const std::string &format = opt::format;
  if (!format.empty() && format != "text" && format != "json" && format != "markdown")
    return fail("--format=" + format + ": expected text, json or markdown");
  if (format == "json" || format == "markdown") {
    if (!opt::words.empty())
      return fail("--format=" + format + " prints every word: give no names");
    llvm::outs() << (format == "json" ? jsonText(vocabularyJson()) : vocabularyMarkdown());
    return 0;
  }
  if (opt::words.empty()) {
    llvm::outs() << explainAll();
    return 0;
  }
  std::string out;
  for (const std::string &word : opt::words) {
    std::optional<std::string> meaning = explainWord(word);
    if (!meaning)
      return fail(word + ": not a verdict, kind, reason code, behaviour change, resolution, "
                         "bridge or check rule (sockopt-migrate explain lists them)");
    out += *meaning;
  }
  llvm::outs() << out;
  return 0;
}

} // namespace sockopt
