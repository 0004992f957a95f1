// Loads the compilation database named by -p (or found above the sources)
// and resolves the files to work on, with the messages a user needs when
// either is wrong.
#pragma once

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace sockopt {

struct LoadedDatabase {
  std::unique_ptr<clang::tooling::CompilationDatabase> db; // with --extra-arg applied
  std::vector<std::string> files;                          // absolute, sorted
  std::string root;                                        // absolute tree root
  /// Entries of the whole database that are not C sources (the kernel's
  /// lists assembler .S files too): not parsed.
  unsigned skipped_non_c = 0;
};

/// `sources` empty means every file in the database. Every source must be
/// listed in the database: LibTooling would otherwise invent a command.
llvm::Expected<LoadedDatabase> loadDatabase(const std::string &build_path,
                                            const std::vector<std::string> &sources,
                                            const std::vector<std::string> &extra_args_before,
                                            const std::vector<std::string> &extra_args,
                                            const std::string &root);

} // namespace sockopt
