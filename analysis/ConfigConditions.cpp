#include "analysis/ConfigConditions.h"

#include "analysis/Classifier.h"

#include "clang/Basic/FileManager.h"
#include "llvm/Support/Regex.h"

#include <algorithm>

namespace sockopt {

using namespace clang;

void ConfigConditions::open(Chain &chain, SourceLocation loc, std::string condition, bool taken) {
  Branch b;
  b.condition = std::move(condition);
  b.taken = taken;
  b.begin = sm_.getFileOffset(sm_.getExpansionLoc(loc));
  b.end = ~0u;
  chain.branches.push_back(std::move(b));
}

void ConfigConditions::close(Chain &chain, SourceLocation loc) {
  if (!chain.branches.empty())
    chain.branches.back().end = sm_.getFileOffset(sm_.getExpansionLoc(loc));
}

void ConfigConditions::onIf(SourceLocation loc, std::string condition, bool taken) {
  if (loc.isInvalid())
    return;
  Chain &chain = chains_[loc.getRawEncoding()];
  chain.file = sm_.getFileID(sm_.getExpansionLoc(loc));
  open(chain, loc, std::move(condition), taken);
}

void ConfigConditions::onElif(SourceLocation loc, SourceLocation if_loc, std::string condition,
                              bool taken) {
  auto it = chains_.find(if_loc.getRawEncoding());
  if (it == chains_.end())
    return;
  close(it->second, loc);
  open(it->second, loc, std::move(condition), taken);
}

void ConfigConditions::onElse(SourceLocation loc, SourceLocation if_loc) {
  auto it = chains_.find(if_loc.getRawEncoding());
  if (it == chains_.end())
    return;
  bool any_taken = false;
  for (const Branch &b : it->second.branches)
    any_taken |= b.taken;
  close(it->second, loc);
  open(it->second, loc, "#else", !any_taken);
}

void ConfigConditions::onEndif(SourceLocation loc, SourceLocation if_loc) {
  auto it = chains_.find(if_loc.getRawEncoding());
  if (it != chains_.end())
    close(it->second, loc);
}

/// The innermost taken branch of `branches` around `offset` that names a
/// CONFIG_ option and begins after `best_begin`.
static void innermostConfigBranch(const std::vector<ConfigConditions::Branch> &branches,
                                  unsigned offset, std::optional<TakenBranch> &best,
                                  unsigned &best_begin) {
  static const llvm::Regex config("CONFIG_[A-Za-z0-9_]+");
  for (size_t i = 0; i < branches.size(); ++i) {
    const ConfigConditions::Branch &b = branches[i];
    if (!b.taken || offset < b.begin || offset >= b.end || (best && b.begin < best_begin))
      continue;
    // A branch is taken because its own condition held and every earlier
    // one of the chain did not.
    TakenBranch t;
    std::vector<std::string> held, failed;
    for (size_t k = 0; k < i; ++k)
      failed.push_back(branches[k].condition);
    if (b.condition != "#else")
      held.push_back(b.condition);
    for (const std::string &c : failed)
      t.why += (t.why.empty() ? "" : ", ") + c + " is false";
    for (const std::string &c : held)
      t.why += (t.why.empty() ? "" : ", ") + c + " is true";
    for (size_t k = 0; k <= i; ++k) {
      llvm::StringRef rest = branches[k].condition;
      llvm::SmallVector<llvm::StringRef, 1> match;
      while (config.match(rest, &match)) {
        std::string name = match[0].str();
        if (std::find(t.options.begin(), t.options.end(), name) == t.options.end())
          t.options.push_back(name);
        rest = rest.substr(rest.find(match[0]) + match[0].size());
      }
    }
    if (t.options.empty())
      continue;
    best = std::move(t);
    best_begin = b.begin;
  }
}

std::optional<TakenBranch> ConfigConditions::configBranchAt(SourceLocation loc) const {
  SourceLocation at = sm_.getExpansionLoc(loc);
  FileID file = sm_.getFileID(at);
  unsigned offset = sm_.getFileOffset(at);
  std::optional<TakenBranch> best;
  unsigned best_begin = 0;
  for (const auto &[key, chain] : chains_)
    if (chain.file == file)
      innermostConfigBranch(chain.branches, offset, best, best_begin);
  if (imported_)
    if (auto it = imported_->find(pathOf(file)); it != imported_->end())
      for (const std::vector<Branch> &branches : it->second)
        innermostConfigBranch(branches, offset, best, best_begin);
  return best;
}

std::string ConfigConditions::pathOf(FileID file) const {
  OptionalFileEntryRef entry = sm_.getFileEntryRefForID(file);
  return entry ? reportPath(sm_.getFileManager(), entry->getName()) : std::string();
}

ConfigConditions::FileChains ConfigConditions::exportChains() const {
  FileChains out;
  for (const auto &[key, chain] : chains_)
    if (std::string path = pathOf(chain.file); !path.empty())
      out[path].push_back(chain.branches);
  return out;
}

} // namespace sockopt
