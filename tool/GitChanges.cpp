#include "tool/GitChanges.h"

#include "tool/CommandSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <limits>

namespace sockopt {

namespace {

llvm::Expected<std::string> git(const std::string &root, std::vector<std::string> args) {
  args.insert(args.begin(), {"-C", root});
  auto run = runProgram("git", args);
  if (!run)
    return run.takeError();
  if (run->status != 0)
    return llvm::createStringError("git " + llvm::join(args, " ") +
                                   " failed: " + llvm::StringRef(run->err).trim());
  return run->out;
}

std::string absolute(const std::string &root, llvm::StringRef relative) {
  llvm::SmallString<256> p(root);
  llvm::sys::path::append(p, relative);
  return std::string(p);
}

} // namespace

bool Changes::touches(const std::string &file, unsigned line) const {
  auto it = files.find(file);
  if (it == files.end())
    return false;
  for (const auto &[first, last] : it->second)
    if (line >= first && line <= last)
      return true;
  return false;
}

llvm::Expected<Changes> changesSince(const std::string &root, const std::string &revision) {
  Changes changes;
  constexpr unsigned whole = std::numeric_limits<unsigned>::max();
  // Hunks of tracked files: "+++ b/path" then "@@ -a,b +c,d @@".
  auto diff = git(root, {"diff", "--no-color", "--no-ext-diff", "-U0", revision, "--"});
  if (!diff)
    return diff.takeError();
  std::string current;
  for (llvm::StringRef line : llvm::split(*diff, '\n')) {
    if (line.consume_front("+++ ")) {
      current = line == "/dev/null" ? "" : absolute(root, line.drop_front(2));
      if (!current.empty())
        changes.files[current];
      continue;
    }
    if (!line.starts_with("@@ ") || current.empty())
      continue;
    llvm::StringRef added = line.split('+').second.split(' ').first; // c,d
    auto [start_text, count_text] = added.split(',');
    unsigned start = 0, count = 1;
    start_text.getAsInteger(10, start);
    if (!count_text.empty())
      count_text.getAsInteger(10, count);
    if (count > 0)
      changes.files[current].push_back({start, start + count - 1});
  }
  // New files git does not track yet count as added whole.
  auto untracked = git(root, {"ls-files", "--others", "--exclude-standard"});
  if (!untracked)
    return untracked.takeError();
  for (llvm::StringRef line : llvm::split(*untracked, '\n'))
    if (!line.empty())
      changes.files[absolute(root, line)] = {{1, whole}};
  return changes;
}

} // namespace sockopt
