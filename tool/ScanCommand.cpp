#include "tool/ScanCommand.h"

#include "tool/Options.h"
#include "tool/Progress.h"
#include "tool/ReportMerger.h"
#include "tool/TextReport.h"
#include "tool/TranslationUnitPool.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <thread>

namespace sockopt {

namespace {

using clang::tooling::CompilationDatabase;

int fail(const llvm::Twine &message) {
  llvm::errs() << "sockopt-migrate: error: " << message << "\n";
  return 2;
}

std::string absolute(llvm::StringRef path) {
  llvm::SmallString<256> p(path);
  llvm::sys::fs::make_absolute(p);
  llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  return std::string(p);
}

/// Writes `text` to `path` through a temporary file and a rename, so a
/// reader never sees half a report.
bool writeAtomically(const std::string &path, const std::string &text) {
  std::string tmp = path + ".tmp";
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(tmp, ec);
    if (ec)
      return false;
    out << text;
    out.close();
    if (out.has_error())
      return false;
  }
  return !llvm::sys::fs::rename(tmp, path);
}

void printSummary(const nlohmann::ordered_json &report) {
  const auto &s = report["summary"];
  llvm::errs() << "sockopt-migrate: " << s["implementations"].get<unsigned>()
               << " getsockopt implementations in " << s["translation_units"].get<unsigned>()
               << " translation units\n";
  for (const auto &[verdict, n] : s["by_verdict"].items())
    llvm::errs() << "  " << verdict << ": " << n.get<unsigned>() << "\n";
  for (const auto &[reason, n] : s["by_reason"].items())
    llvm::errs() << "    " << reason << ": " << n.get<unsigned>() << "\n";
  if (unsigned c = s["behaviour_changes"].get<unsigned>())
    llvm::errs() << "  predicted behaviour changes: " << c << "\n";
  if (unsigned e = s["errors"].get<unsigned>())
    llvm::errs() << "  translation units that failed to parse: " << e
                 << " (see errors[] in the report)\n";
}

} // namespace

int runScan() {
  namespace opt = options;
  if (opt::format != "json" && opt::format != "text")
    return fail("--format=" + opt::format + ": expected json or text");
  std::string error;
  std::unique_ptr<CompilationDatabase> db;
  if (!opt::build_path.empty()) {
    if (!llvm::sys::fs::is_directory(opt::build_path))
      return fail("-p " + opt::build_path + ": no such directory");
    db = CompilationDatabase::loadFromDirectory(opt::build_path, error);
    if (!db)
      return fail("no compilation database in " + opt::build_path + ": " + error);
  } else {
    db = opt::sources.empty()
             ? CompilationDatabase::autoDetectFromDirectory(".", error)
             : CompilationDatabase::autoDetectFromSource(opt::sources.front(), error);
    if (!db)
      return fail("no compilation database found; pass -p BUILD_DIR (the directory "
                  "holding compile_commands.json)");
  }
  auto adjusted = std::make_unique<clang::tooling::ArgumentsAdjustingCompilations>(std::move(db));
  if (!opt::extra_args_before.empty())
    adjusted->appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        opt::extra_args_before, clang::tooling::ArgumentInsertPosition::BEGIN));
  if (!opt::extra_args.empty())
    adjusted->appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        opt::extra_args, clang::tooling::ArgumentInsertPosition::END));

  std::vector<std::string> files;
  if (opt::sources.empty()) {
    files = adjusted->getAllFiles();
    if (files.empty())
      return fail("the compilation database lists no files");
  } else {
    for (const std::string &source : opt::sources) {
      std::string file = absolute(source);
      if (!llvm::sys::fs::exists(file))
        return fail(source + ": no such file");
      if (adjusted->getCompileCommands(file).empty())
        return fail(source + ": not in the compilation database");
      files.push_back(file);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());

  std::string root = opt::root;
  if (root.empty())
    root = adjusted->getCompileCommands(files.front()).front().Directory;
  root = absolute(root);
  llvm::SmallString<256> net_h(root);
  llvm::sys::path::append(net_h, "include", "linux", "net.h");
  if (!llvm::sys::fs::exists(net_h))
    return fail(root + " is not a kernel tree (it has no include/linux/net.h); "
                       "pass --root DIR");

  unsigned jobs = opt::jobs ? unsigned(opt::jobs) : std::max(1u, std::thread::hardware_concurrency());
  std::vector<TranslationUnitResult> units;
  {
    Progress progress; // cleared when it goes out of scope, before the summary
    units = runInWorkers(
      files, jobs, [&](const std::string &file) { return scanOneFile(*adjusted, file); },
      [&](size_t done, size_t total, const std::string &file) {
        llvm::StringRef shown(file);
        shown.consume_front(root + "/");
        progress.update(done, total, shown.str());
      });
  }

  nlohmann::ordered_json report = mergeReport(std::move(units), root);
  std::string text =
      opt::format == "text" ? formatTextReport(report) : report.dump(2) + "\n";
  if (opt::output.empty() || opt::output == "-") {
    llvm::outs() << text;
    llvm::outs().flush();
  } else if (!writeAtomically(opt::output, text)) {
    return fail("cannot write " + opt::output);
  }
  if (!opt::quiet)
    printSummary(report);
  return report["summary"]["errors"].get<unsigned>() ? 1 : 0;
}

} // namespace sockopt
