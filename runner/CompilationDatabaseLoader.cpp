#include "runner/CompilationDatabaseLoader.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>

namespace sockopt {

namespace {

std::string absolute(llvm::StringRef path) {
  llvm::SmallString<256> p(path);
  llvm::sys::fs::make_absolute(p);
  llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  return std::string(p);
}

llvm::Error error(const llvm::Twine &message) { return llvm::createStringError(message.str()); }

bool isKernelTree(llvm::StringRef dir) {
  llvm::SmallString<256> net_h(dir);
  llvm::sys::path::append(net_h, "include", "linux", "net.h");
  return llvm::sys::fs::exists(net_h);
}

/// `file` lies in the tree at `root`, by name or once symbolic links in the
/// directories are resolved (the file itself may be a link to elsewhere).
bool isUnder(llvm::StringRef file, llvm::StringRef root) {
  auto under = [](llvm::StringRef path, llvm::StringRef dir) {
    return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/');
  };
  if (under(file, root))
    return true;
  llvm::SmallString<256> real_root, real_dir;
  return !llvm::sys::fs::real_path(root, real_root) &&
         !llvm::sys::fs::real_path(llvm::sys::path::parent_path(file), real_dir) &&
         under(real_dir, real_root);
}

/// The directory holding compile_commands.json: -p, or the first parent of
/// the first source (or of the working directory) that has one.
llvm::Expected<std::string> findDatabaseDir(const std::string &build_path,
                                            const std::vector<std::string> &sources) {
  if (!build_path.empty()) {
    if (!llvm::sys::fs::exists(build_path))
      return error("-p " + build_path + ": no such directory");
    if (!llvm::sys::fs::is_directory(build_path))
      return error("-p " + build_path + ": not a directory");
    return absolute(build_path);
  }
  std::string start = sources.empty() ? absolute(".") : absolute(sources.front());
  for (llvm::StringRef dir = start; !dir.empty(); dir = llvm::sys::path::parent_path(dir)) {
    llvm::SmallString<256> candidate(dir);
    llvm::sys::path::append(candidate, "compile_commands.json");
    if (llvm::sys::fs::exists(candidate))
      return dir.str();
  }
  return error("no compile_commands.json found above " + start +
               "; pass -p BUILD_DIR (the directory holding compile_commands.json)");
}

/// Checks the whole file before LibTooling reads it: its parser stops at the
/// first syntax error and keeps the entries before it, so a database cut at
/// an entry boundary would silently lose every entry after the cut.
llvm::Error validateDatabase(llvm::StringRef path, llvm::StringRef text) {
  auto invalid = [&](const llvm::Twine &why) {
    return error(path + ": not a valid compilation database: " + why);
  };
  // A path that is not valid UTF-8 (a Latin-1 directory name) is still a
  // path: checked with U+FFFD in its place, used with its own bytes.
  std::string utf8 = llvm::json::isUTF8(text) ? text.str() : llvm::json::fixUTF8(text);
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(utf8);
  if (!parsed)
    return invalid(llvm::toString(parsed.takeError()));
  const llvm::json::Array *entries = parsed->getAsArray();
  if (!entries)
    return invalid("the top level is not an array of entries");
  for (size_t i = 0; i < entries->size(); ++i) {
    std::string which = "entry " + std::to_string(i + 1);
    const llvm::json::Object *entry = (*entries)[i].getAsObject();
    if (!entry)
      return invalid(which + " is not an object");
    for (llvm::StringRef key : {"directory", "file"})
      if (!entry->getString(key) || entry->getString(key)->empty())
        return invalid(which + " has no \"" + key + "\" string");
    const llvm::json::Array *arguments = entry->getArray("arguments");
    if (arguments) {
      if (arguments->empty())
        return invalid(which + " has an empty \"arguments\" list");
      for (const llvm::json::Value &argument : *arguments)
        if (!argument.getAsString())
          return invalid(which + " has a non-string element in \"arguments\"");
    } else if (!entry->getString("command")) {
      return invalid(which + " has neither an \"arguments\" list nor a \"command\" string");
    }
  }
  return llvm::Error::success();
}

/// The compile_commands.json of `dir`, checked entry by entry first.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
readDatabase(const std::string &dir) {
  llvm::SmallString<256> json(dir);
  llvm::sys::path::append(json, "compile_commands.json");
  if (!llvm::sys::fs::exists(json))
    return error("no compilation database in " + dir + ": it has no compile_commands.json");
  auto text = llvm::MemoryBuffer::getFile(json, /*IsText=*/true);
  if (!text)
    return error(json + ": " + text.getError().message());
  if (llvm::Error e = validateDatabase(json, (*text)->getBuffer()))
    return std::move(e);
  std::string message;
  auto base = clang::tooling::JSONCompilationDatabase::loadFromBuffer(
      (*text)->getBuffer(), message, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!base)
    return error(json + ": not a valid compilation database (" + message + ")");
  return std::move(base);
}

/// `base` with --extra-arg-before and --extra-arg applied to every command.
std::unique_ptr<clang::tooling::CompilationDatabase>
withExtraArgs(std::unique_ptr<clang::tooling::CompilationDatabase> base,
              const std::vector<std::string> &extra_args_before,
              const std::vector<std::string> &extra_args) {
  auto adjusted = std::make_unique<clang::tooling::ArgumentsAdjustingCompilations>(std::move(base));
  if (!extra_args_before.empty())
    adjusted->appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        extra_args_before, clang::tooling::ArgumentInsertPosition::BEGIN));
  if (!extra_args.empty())
    adjusted->appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        extra_args, clang::tooling::ArgumentInsertPosition::END));
  return adjusted;
}

/// The tree root: --root, else the directory of the compile commands
/// (of `first`, a file the database lists); a kernel tree.
llvm::Expected<std::string> treeRoot(const LoadedDatabase &loaded, const std::string &first,
                                     const std::string &dir, const std::string &build_path,
                                     const std::string &root_option) {
  std::string root = root_option;
  if (root.empty())
    root = loaded.db->getCompileCommands(first).front().Directory;
  root = absolute(root);
  if (!isKernelTree(root))
    return error(root + " is not a kernel tree (it has no include/linux/net.h); "
                        "pass --root DIR");
  // A copied tree keeps the original's compile_commands.json, whose paths
  // name the original: working on them would read, and with --apply edit,
  // the original tree instead of the copy.
  if (!build_path.empty() && root_option.empty() && isKernelTree(dir) &&
      !llvm::sys::fs::equivalent(dir, root))
    return error("-p " + build_path +
                 " is a kernel tree, but its compile_commands.json "
                 "describes the tree at " +
                 root +
                 " (a copied tree keeps the original's paths); regenerate the database in the "
                 "copy, or pass --root to work on " +
                 root);
  return root;
}

/// The files to work on: every C source of the database (`known`), or the
/// `sources` given, each of which the database must list.
llvm::Error selectFiles(LoadedDatabase &loaded, const std::set<std::string> &known,
                        const std::vector<std::string> &sources) {
  if (sources.empty()) {
    // The kernel's own database (scripts/clang-tools/gen_compile_commands.py)
    // also lists assembler sources (.S), which hold no getsockopt and do
    // not parse as C: said, not parsed.
    for (const std::string &file : known)
      if (llvm::sys::path::extension(file) == ".c")
        loaded.files.push_back(file);
      else
        ++loaded.skipped_non_c;
    if (loaded.files.empty())
      return error("the compilation database lists no C sources");
    return llvm::Error::success();
  }
  for (const std::string &source : sources) {
    // As given (from the working directory), else from the tree root:
    // `scan -p "$tree" net/bluetooth/sco.c` works from anywhere.
    std::string file = absolute(source);
    if (!llvm::sys::fs::exists(file) && llvm::sys::path::is_relative(source)) {
      llvm::SmallString<256> in_tree(loaded.root);
      llvm::sys::path::append(in_tree, source);
      if (llvm::sys::fs::exists(in_tree))
        file = absolute(in_tree);
    }
    if (!llvm::sys::fs::exists(file))
      return error(source + ": no such file");
    if (!known.count(file))
      return error(source + ": not in the compilation database");
    if (llvm::sys::path::extension(file) != ".c")
      return error(source + ": not a C source (.c)");
    loaded.files.push_back(file);
  }
  std::sort(loaded.files.begin(), loaded.files.end());
  loaded.files.erase(std::unique(loaded.files.begin(), loaded.files.end()), loaded.files.end());
  return llvm::Error::success();
}

} // namespace

llvm::Expected<LoadedDatabase> loadDatabase(const std::string &build_path,
                                            const std::vector<std::string> &sources,
                                            const std::vector<std::string> &extra_args_before,
                                            const std::vector<std::string> &extra_args,
                                            const std::string &root_option) {
  auto dir = findDatabaseDir(build_path, sources);
  if (!dir)
    return dir.takeError();
  auto base = readDatabase(*dir);
  if (!base)
    return base.takeError();
  LoadedDatabase loaded;
  std::vector<std::string> listed = (*base)->getAllFiles();
  if (listed.empty())
    return error("the compilation database lists no files");
  // Every path of an entry is relative to its "directory", which nothing
  // else anchors: clang's format wants it absolute.
  for (const clang::tooling::CompileCommand &command : (*base)->getAllCompileCommands())
    if (!llvm::sys::path::is_absolute(command.Directory))
      return error(*dir + "/compile_commands.json: the entry for " + command.Filename +
                   " has a relative \"directory\" (" + command.Directory +
                   "); it must be absolute, as the compiler's working directory");
  std::set<std::string> known;
  for (const std::string &f : listed)
    known.insert(absolute(f));
  loaded.db = withExtraArgs(std::move(*base), extra_args_before, extra_args);
  auto root = treeRoot(loaded, *known.begin(), *dir, build_path, root_option);
  if (!root)
    return root.takeError();
  loaded.root = std::move(*root);
  if (llvm::Error e = selectFiles(loaded, known, sources))
    return std::move(e);

  for (const std::string &file : loaded.files) {
    // Clang would abort on a directory it cannot enter.
    for (const clang::tooling::CompileCommand &command : loaded.db->getCompileCommands(file))
      if (!llvm::sys::fs::is_directory(command.Directory))
        return error(file + ": the directory of its compile command, " + command.Directory +
                     ", does not exist");
    if (!isUnder(file, loaded.root))
      return error(file + ": outside the tree root " + loaded.root +
                   "; the compilation database names files of another tree (pass --root DIR)");
  }
  return std::move(loaded);
}

} // namespace sockopt
