#include "tool/CommonOptions.h"

#include "tool/Messages.h"
#include "tool/Options.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

namespace sockopt {

llvm::Expected<LoadedDatabase> loadDatabaseFromOptions() {
  namespace opt = options;
  auto loaded = loadDatabase(opt::build_path, opt::sources, opt::extra_args_before,
                             opt::extra_args, opt::root);
  if (loaded && loaded->skipped_non_c)
    note(llvm::Twine(loaded->skipped_non_c) +
         (loaded->skipped_non_c == 1
              ? " entry of the compilation database is not a C source (.c) and is not parsed"
              : " entries of the compilation database are not C sources (.c) and are not "
                "parsed"));
  return loaded;
}

llvm::Expected<std::unique_ptr<ResultCache>> openCacheFromOptions() {
  namespace opt = options;
  std::optional<std::string> env = llvm::sys::Process::GetEnv("SOCKOPT_MIGRATE_CACHE");
  if (opt::no_cache || (opt::cache_dir.empty() && env && *env == "off"))
    return nullptr;
  CacheLocation where;
  where.limit_bytes = uint64_t(opt::cache_size) << 20;
  if (!opt::cache_dir.empty()) {
    where.dir = opt::cache_dir;
    where.named = true;
  } else if (env && !env->empty()) {
    where.dir = *env;
    where.named = true;
  } else {
    llvm::SmallString<256> base;
    if (!llvm::sys::path::cache_directory(base))
      return nullptr; // no HOME: nowhere to keep it
    llvm::sys::path::append(base, "sockopt-migrate", "results");
    // An empty or relative $XDG_CACHE_HOME, or an empty $HOME, would put
    // the cache in the working directory: the kernel tree, as often as not.
    if (!llvm::sys::path::is_absolute(base)) {
      note("result cache: its default place, " + base +
           ", is not an absolute path (XDG_CACHE_HOME or HOME is relative or empty); "
           "running without it (--cache-dir DIR names one)");
      return nullptr;
    }
    where.dir = std::string(base);
  }
  return openResultCache(where, [](const std::string &message) { note(message); });
}

RunSettings runSettingsFromOptions(ResultCache *cache, Progress &progress) {
  RunSettings settings;
  settings.jobs = options::jobs;
  settings.cache = cache;
  settings.share_pch = !options::no_pch;
  settings.progress = [&progress](size_t done, size_t total, const std::string &what) {
    progress.update(done, total, what);
  };
  return settings;
}

} // namespace sockopt
