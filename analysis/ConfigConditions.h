// Which #if branch the preprocessor took around a declaration, and why.
//
// A getsockopt chain can end in a `static inline` stub because an option is
// off: include/net/tcp_ao.h defines tcp_ao_get_mkts() as `return
// -ENOPROTOOPT;` in the #else of `#ifdef CONFIG_TCP_AO`. The scan reports
// such a stub with the condition that selected it, so a maintainer knows
// what the configuration hid.
#pragma once

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/PPCallbacks.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sockopt {

/// The taken branch of an #if chain that encloses a location.
struct TakenBranch {
  std::string why;                  // "#ifdef CONFIG_TCP_AO is false"
  std::vector<std::string> options; // the CONFIG_ symbols it names
};

class ConfigConditions {
public:
  struct Branch {
    std::string condition; // the directive's text: "#ifdef CONFIG_TCP_AO"
    bool taken = false;
    unsigned begin = 0, end = 0; // file offsets; end set when the next directive comes
  };
  /// The #if chains of each file, by absolute path.
  using FileChains = std::map<std::string, std::vector<std::vector<Branch>>>;

  explicit ConfigConditions(const clang::SourceManager &sm) : sm_(sm) {}

  void onIf(clang::SourceLocation loc, std::string condition, bool taken);
  void onElif(clang::SourceLocation loc, clang::SourceLocation if_loc, std::string condition,
              bool taken);
  void onElse(clang::SourceLocation loc, clang::SourceLocation if_loc);
  void onEndif(clang::SourceLocation loc, clang::SourceLocation if_loc);

  /// The innermost taken branch around `loc` whose conditions name a
  /// CONFIG_ option, if any.
  std::optional<TakenBranch> configBranchAt(clang::SourceLocation loc) const;

  /// The chains seen so far, for another parse of the same headers.
  FileChains exportChains() const;
  /// Chains of headers this parse does not preprocess itself: it loaded
  /// them precompiled (runner/SharedPch.h). `chains` must outlive this.
  void importChains(const FileChains *chains) { imported_ = chains; }

private:
  struct Chain {
    clang::FileID file;
    std::vector<Branch> branches;
  };
  void close(Chain &chain, clang::SourceLocation loc);
  void open(Chain &chain, clang::SourceLocation loc, std::string condition, bool taken);

  std::string pathOf(clang::FileID file) const;

  const clang::SourceManager &sm_;
  std::map<unsigned, Chain> chains_; // by the raw encoding of the #if location
  const FileChains *imported_ = nullptr;
};

} // namespace sockopt
