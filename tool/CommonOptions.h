// What every command sets up from its options: the compilation database,
// the result cache and how the parses run.
#pragma once

#include "runner/CompilationDatabaseLoader.h"
#include "runner/ResultCache.h"
#include "runner/TranslationUnitPool.h"
#include "tool/Progress.h"

#include "llvm/Support/Error.h"

#include <memory>

namespace sockopt {

/// The database of -p with --extra-arg(-before) applied and the sources to
/// work on (runner/CompilationDatabaseLoader.h); says what it leaves out.
llvm::Expected<LoadedDatabase> loadDatabaseFromOptions();

/// None with --no-cache or SOCKOPT_MIGRATE_CACHE=off; --cache-dir, else
/// SOCKOPT_MIGRATE_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/sockopt-migrate/
/// results. A directory given explicitly that cannot be used is an error;
/// the default one is skipped with a note, and so is a default that is not
/// an absolute path.
llvm::Expected<std::unique_ptr<ResultCache>> openCacheFromOptions();

/// -j and --no-pch, with `cache`, and the progress drawn by `progress`.
RunSettings runSettingsFromOptions(ResultCache *cache, Progress &progress);

} // namespace sockopt
