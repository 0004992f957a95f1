#include "support/GitChanges.h"

#include "support/Program.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <cstring>
#include <limits>
#include <set>

namespace sockopt {

namespace {

/// Runs git in `root` with the user's configuration kept from changing the
/// output this file parses: the diff's path prefixes, relative paths, the
/// quoting of unusual names, colour.
llvm::Expected<std::string> git(const std::string &root, std::vector<std::string> args) {
  std::vector<std::string> argv = {"-C", root,
                                   "-c", "core.quotePath=false",
                                   "-c", "diff.noprefix=false",
                                   "-c", "diff.mnemonicPrefix=false",
                                   "-c", "diff.relative=false",
                                   "-c", "color.ui=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto run = runProgram("git", argv);
  if (!run)
    return run.takeError();
  if (run->status != 0)
    return llvm::createStringError("git " + llvm::join(args, " ") +
                                   " failed: " + llvm::StringRef(run->err).trim());
  return run->out;
}

/// A path as git prints it in a diff header: as is, or in double quotes
/// with C escapes when it holds a byte git does not print plainly.
std::string unquote(llvm::StringRef text) {
  if (!text.consume_front("\"") || !text.consume_back("\""))
    return text.str();
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    char c = text[++i];
    if (c >= '0' && c <= '7' && i + 2 < text.size()) {
      unsigned value = 0;
      text.substr(i, 3).getAsInteger(8, value);
      out += static_cast<char>(value);
      i += 2;
      continue;
    }
    static const char named[] = "abfnrtv", value[] = "\a\b\f\n\r\t\v";
    const char *escape = c ? std::strchr(named, c) : nullptr;
    out += escape ? value[escape - named] : c;
  }
  return out;
}

using InTree = llvm::function_ref<std::string(llvm::StringRef repo_path)>;

/// The changed lines of each tracked file in `diff` (git diff -U0): "+++ b/path"
/// names the file, then each "@@ -a,b +c,d @@" adds lines c .. c+d-1.
llvm::Error readHunks(llvm::StringRef diff, InTree inTree, Changes &changes) {
  std::string current;
  bool in_header = false; // between "diff --git" and the first hunk: "+++ " names the file
  for (llvm::StringRef line : llvm::split(diff, '\n')) {
    if (line.starts_with("diff --git ")) {
      current.clear();
      in_header = true;
      continue;
    }
    if (in_header && line.consume_front("+++ ")) {
      // git ends a name holding a space with a tab.
      std::string path = unquote(line.ends_with("\t") ? line.drop_back() : line);
      current = llvm::StringRef(path).starts_with("b/") ? inTree(path.substr(2)) : "";
      if (!current.empty())
        changes.files[current];
      continue;
    }
    if (!line.starts_with("@@ "))
      continue;
    in_header = false;
    if (current.empty())
      continue;
    llvm::StringRef added = line.split('+').second.split(' ').first; // c,d
    auto [start_text, count_text] = added.split(',');
    unsigned start = 0, count = 1;
    if (start_text.getAsInteger(10, start) ||
        (!count_text.empty() && count_text.getAsInteger(10, count)))
      return llvm::createStringError("git diff: unexpected hunk header: " + line.str());
    if (count > 0)
      changes.files[current].push_back({start, start + count - 1});
  }
  return llvm::Error::success();
}

/// A file git ignores could have changed in any way: a tree that a
/// surrounding repository ignores (its own .git damaged or missing) would
/// otherwise pass with nothing seen. Every file of the run must be tracked
/// or listed as new.
llvm::Error checkAllSeen(const std::string &root, InTree inTree, const Changes &changes,
                         const std::vector<std::string> &files) {
  auto tracked = git(root, {"ls-files", "-z", "--full-name", "--", "."});
  if (!tracked)
    return tracked.takeError();
  std::set<std::string> known;
  for (llvm::StringRef path : llvm::split(*tracked, '\0'))
    if (!path.empty())
      known.insert(inTree(path));
  std::vector<std::string> unseen;
  for (const std::string &file : files)
    if (!known.count(file) && !changes.files.count(file))
      unseen.push_back(file);
  if (unseen.empty())
    return llvm::Error::success();
  return llvm::createStringError(
      "--changed-since: git neither tracks nor lists as new " + unseen.front() +
      (unseen.size() > 1 ? " (and " + std::to_string(unseen.size() - 1) + " more)" : "") +
      ", so it cannot tell whether it changed (ignored by git, or the repository found is "
      "not the tree's own)");
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

llvm::Expected<Changes> changesSince(const std::string &root, const std::string &revision,
                                     const std::vector<std::string> &files) {
  // The tree may be a subdirectory of the repository: diff paths are
  // relative to the repository's top, and `prefix` is where the tree sits
  // in it.
  auto prefix = git(root, {"rev-parse", "--show-prefix"});
  if (!prefix)
    return llvm::createStringError("--changed-since needs a git work tree: " +
                                   llvm::toString(prefix.takeError()));
  std::string in_repo = llvm::StringRef(*prefix).rtrim('\n').str();
  // A revision, never an option: "--changed-since=--output=FILE" must not
  // reach git diff as --output.
  auto commit =
      git(root, {"rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"});
  if (!commit)
    return llvm::createStringError("--changed-since " + revision +
                                   ": not a commit in the git repository of " + root);
  std::string base = llvm::StringRef(*commit).trim().str();

  auto inTree = [&](llvm::StringRef repo_path) -> std::string {
    if (!repo_path.consume_front(in_repo))
      return ""; // outside the tree
    llvm::SmallString<256> p(root);
    llvm::sys::path::append(p, repo_path);
    return std::string(p);
  };

  Changes changes;
  constexpr unsigned whole = std::numeric_limits<unsigned>::max();
  // Hunks of tracked files: "+++ b/path" then "@@ -a,b +c,d @@".
  // --no-renames: a renamed file counts as new, --text: a source git takes
  // for binary still shows its lines.
  auto diff = git(root, {"diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames",
                         "--text", "-U0", "--src-prefix=a/", "--dst-prefix=b/", base, "--", "."});
  if (!diff)
    return diff.takeError();
  if (llvm::Error e = readHunks(*diff, inTree, changes))
    return std::move(e);
  // New files git does not track yet count as added whole.
  auto untracked =
      git(root, {"ls-files", "-z", "--full-name", "--others", "--exclude-standard", "--", "."});
  if (!untracked)
    return untracked.takeError();
  for (llvm::StringRef path : llvm::split(*untracked, '\0'))
    if (!path.empty())
      if (std::string file = inTree(path); !file.empty())
        changes.files[file] = {{1, whole}};
  if (llvm::Error e = checkAllSeen(root, inTree, changes, files))
    return std::move(e);
  return changes;
}

} // namespace sockopt
