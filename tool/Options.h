// Command-line options shared by the subcommands, in LibTooling's style:
// -p BUILD_DIR, --extra-arg, positional source files.
#pragma once

#include "llvm/Support/CommandLine.h"

#include <string>

namespace sockopt::options {

/// Every option of the tool; --help shows these and hides LLVM's own.
extern llvm::cl::OptionCategory category;

extern llvm::cl::SubCommand scan;
extern llvm::cl::SubCommand rewrite;
extern llvm::cl::SubCommand check;
extern llvm::cl::SubCommand explain;
extern llvm::cl::list<std::string> words;
extern llvm::cl::opt<std::string> sarif;
extern llvm::cl::opt<std::string> baseline;
extern llvm::cl::opt<std::string> write_baseline;
extern llvm::cl::opt<std::string> changed_since;
extern llvm::cl::opt<bool> apply;
extern llvm::cl::list<std::string> accept;
extern llvm::cl::opt<std::string> patches;
extern llvm::cl::opt<std::string> signoff;

extern llvm::cl::opt<std::string> build_path;
extern llvm::cl::list<std::string> sources;
extern llvm::cl::list<std::string> extra_args;
extern llvm::cl::list<std::string> extra_args_before;
extern llvm::cl::opt<std::string> root;
extern llvm::cl::opt<unsigned> jobs;
extern llvm::cl::opt<bool> no_cache;
extern llvm::cl::opt<std::string> cache_dir;
extern llvm::cl::opt<unsigned> cache_size;
extern llvm::cl::opt<bool> no_pch;
extern llvm::cl::opt<std::string> output;
extern llvm::cl::opt<std::string> format;
extern llvm::cl::opt<bool> quiet;
extern llvm::cl::opt<bool> list_undefined;

} // namespace sockopt::options
