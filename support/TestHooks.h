// Fault injection for the test suite. The shipped sockopt-migrate links
// support/NoTestHooks.cpp, where every hook does nothing; only
// sockopt-migrate-testing, the build the tests that inject faults run,
// links support/TestHooks.cpp, where the environment sets them off:
//
//   SOCKOPT_MIGRATE_CRASH_ON=SUFFIX      a parse worker whose file ends in
//                                        SUFFIX dies of a segmentation fault
//   SOCKOPT_MIGRATE_TOUCH_AFTER_PARSE=SUFFIX
//                                        that file gains a line after its
//                                        parse, before anything is written
//   SOCKOPT_MIGRATE_PAUSE_BEFORE_RENAME_MS=MS
//                                        an all-or-nothing write waits MS
//                                        between staging and renaming
#pragma once

#include "llvm/ADT/StringRef.h"

namespace sockopt::testhooks {

/// In a parse worker, before it parses `file`.
void beforeParse(llvm::StringRef file);

/// In a parse worker, after it parsed `file`, a unit of the run.
void afterParse(llvm::StringRef file);

/// Between staging the files of an all-or-nothing write and renaming them.
void beforeRename();

} // namespace sockopt::testhooks
