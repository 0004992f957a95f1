// Small pieces every subcommand shares: the error message and exit status
// of a usage or setup error, tree-relative paths, and running a helper
// program (git, diff) with its output captured.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sockopt {

/// Prints "sockopt-migrate: error: MESSAGE" and returns exit status 2.
int fail(const llvm::Twine &message);

/// Whether a merged report's tree has the target API: sockopt_t and a
/// struct proto_ops getsockopt_iter member (include/linux/net.h).
bool treeHasApi(const nlohmann::ordered_json &report);

/// "ROOT lacks the getsockopt_iter API: ...", for rewrite's refusal and
/// the notes of scan and check.
std::string noApiMessage(const std::string &root);

/// Says on stderr that `root` lacks the target API, and what follows for
/// the command (`consequence`).
void noteNoApi(const std::string &root, llvm::StringRef consequence);

/// Whether the tree's include/linux/net.h, read as text, declares no
/// getsockopt_iter member: rewrite refuses such a tree before parsing.
/// False when the tree has no include/linux/net.h (the parse decides).
bool netHeaderLacksApi(const std::string &root);

/// `path` relative to `root` when it lies under it, else unchanged.
std::string relativeTo(const std::string &path, const std::string &root);

/// `j` as indented JSON text with a final newline. JSON strings are UTF-8:
/// a byte that is not (a Latin-1 file name, a comment) is written as U+FFFD
/// instead of aborting the run.
std::string jsonText(const nlohmann::ordered_json &j);

struct ProgramResult {
  int status = -1;
  std::string out;
  std::string err;
};

/// Runs `program` (looked up in PATH) with `args`, capturing its output.
llvm::Expected<ProgramResult> runProgram(const std::string &program,
                                         const std::vector<std::string> &args);

} // namespace sockopt
