// Whether the tree has the API the rewrite targets (sockopt_t and the
// getsockopt_iter member of struct proto_ops in include/linux/net.h), and
// what each command says when it has not.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <nlohmann/json.hpp>

#include <string>

namespace sockopt {

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

} // namespace sockopt
