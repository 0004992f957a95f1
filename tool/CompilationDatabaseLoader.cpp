#include "tool/CompilationDatabaseLoader.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

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

} // namespace

llvm::Expected<LoadedDatabase> loadDatabase(const std::string &build_path,
                                            const std::vector<std::string> &sources,
                                            const std::vector<std::string> &extra_args_before,
                                            const std::vector<std::string> &extra_args,
                                            const std::string &root_option) {
  auto dir = findDatabaseDir(build_path, sources);
  if (!dir)
    return dir.takeError();
  llvm::SmallString<256> json(*dir);
  llvm::sys::path::append(json, "compile_commands.json");
  if (!llvm::sys::fs::exists(json))
    return error("no compilation database in " + *dir + ": it has no compile_commands.json");
  std::string message;
  auto base = clang::tooling::JSONCompilationDatabase::loadFromFile(
      json, message, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!base)
    return error(json + ": not a valid compilation database (" + message + ")");

  LoadedDatabase loaded;
  std::vector<std::string> listed = base->getAllFiles();
  if (listed.empty())
    return error("the compilation database lists no files");
  std::set<std::string> known;
  for (const std::string &f : listed)
    known.insert(absolute(f));

  auto adjusted = std::make_unique<clang::tooling::ArgumentsAdjustingCompilations>(std::move(base));
  if (!extra_args_before.empty())
    adjusted->appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        extra_args_before, clang::tooling::ArgumentInsertPosition::BEGIN));
  if (!extra_args.empty())
    adjusted->appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        extra_args, clang::tooling::ArgumentInsertPosition::END));
  loaded.db = std::move(adjusted);

  if (sources.empty()) {
    // The kernel's own database (scripts/clang-tools/gen_compile_commands.py)
    // also lists assembler sources (.S), which hold no getsockopt and do
    // not parse as C: said, not parsed.
    unsigned other = 0;
    for (const std::string &file : known)
      if (llvm::sys::path::extension(file) == ".c")
        loaded.files.push_back(file);
      else
        ++other;
    if (loaded.files.empty())
      return error("the compilation database lists no C sources");
    if (other)
      llvm::errs() << "sockopt-migrate: note: " << other
                   << (other == 1 ? " entry of the compilation database is not a C source (.c) "
                                    "and is not parsed\n"
                                  : " entries of the compilation database are not C sources "
                                    "(.c) and are not parsed\n");
  } else {
    for (const std::string &source : sources) {
      std::string file = absolute(source);
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
  }

  std::string root = root_option;
  if (root.empty())
    root = loaded.db->getCompileCommands(loaded.files.front()).front().Directory;
  loaded.root = absolute(root);
  llvm::SmallString<256> net_h(loaded.root);
  llvm::sys::path::append(net_h, "include", "linux", "net.h");
  if (!llvm::sys::fs::exists(net_h))
    return error(loaded.root + " is not a kernel tree (it has no include/linux/net.h); "
                               "pass --root DIR");
  return std::move(loaded);
}

} // namespace sockopt
