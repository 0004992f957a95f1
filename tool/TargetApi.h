// What each command says when the tree lacks the API the rewrite targets
// (sockopt_t and the getsockopt_iter member of struct proto_ops in
// include/linux/net.h; MergedReport::hasApi() tells from a scan), and
// rewrite's check of the header before it parses.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>

namespace sockopt {

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

} // namespace sockopt
