// Classifies a legacy getsockopt implementation and the same-TU helpers it
// hands optval/optlen to. It walks each body in statement order, path by
// path (if/else, switch cases, loops), so that what happened earlier on the
// same path is known at each access: whether optlen was read, whether its
// value was checked against a width, where in optval the previous write
// ended.
#pragma once

#include "analysis/AccessCollector.h"
#include "model/Report.h"

#include "llvm/ADT/SmallPtrSet.h"

#include <map>
#include <memory>
#include <set>

namespace sockopt {

/// What the walk learnt about one access, for the rewrite: where in optval
/// it landed and where the previous access on the same path ended. A
/// sequential conversion needs `at == end_before` on every path.
struct UseFact {
  bool seen = false;
  bool sequential = true; // at == end_before on every path that reached it
  /// The constants the length was checked against (`if (len < sizeof(int))`)
  /// on the paths that reached an optval access, for the width-mismatch rule.
  std::set<int64_t> checked_widths;
  /// A put_user() of an integer wider than the one length the path checked
  /// optlen to be (net/atm/common.c vcc_getsockopt(), SO_SETCLP): those
  /// lengths, and whether a path reached the write without such a check.
  std::set<int64_t> exact_lengths;
  bool unpinned = false;

  /// The width the rewrite writes instead (narrowed-store): the one exact
  /// length, when every path that reached the write checked it.
  std::optional<int64_t> narrowedTo() const {
    if (exact_lengths.size() != 1 || unpinned)
      return std::nullopt;
    return *exact_lengths.begin();
  }
};

/// One function the classification walked, with its uses and their facts.
struct FunctionRecord {
  const clang::FunctionDecl *fn = nullptr;
  Seeds seeds;
  FunctionAccesses accesses;
  std::map<const Use *, UseFact> facts;
};

class Classifier {
public:
  Classifier(clang::ASTContext &ctx, const PreprocessorFacts &pp) : ctx_(ctx), pp_(pp) {}

  /// Fills reasons, behaviour_changes, helpers and external_calls of `impl`
  /// for the legacy implementation `fn` (optval and optlen at positions 3, 4).
  void classify(const clang::FunctionDecl *fn, Implementation &impl);

  /// The same for `fn` as another unit called it: the parameters, the
  /// length and the state of the caller's path as `context` says. A legacy
  /// or sockptr_t implementation is followed with its own parameters.
  void follow(const clang::FunctionDecl *fn, const CallContext &context, Implementation &impl);

  /// Call sites (callee references) through which optval/optlen reached a
  /// helper, for every implementation classified so far.
  const llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallPtrSet<const clang::CallExpr *, 4>> &
  helperCallSites() const {
    return helper_calls_;
  }

  /// The helpers `fn`'s classification followed, by declaration.
  const std::vector<const clang::FunctionDecl *> &helpersOf(const clang::FunctionDecl *fn) {
    return helpers_by_impl_[fn];
  }

  clang::ASTContext &context() { return ctx_; }

  /// The record of `fn` (an implementation or helper) once classified.
  const FunctionRecord *record(const clang::FunctionDecl *fn) const {
    auto it = records_.find(fn);
    return it == records_.end() ? nullptr : it->second.get();
  }

private:
  friend class PathWalker;
  struct Entry {
    bool optlen_read = false;
    std::optional<int64_t> checked_bound; // proven lower bound of the length
    bool checked_unknown = false;
    std::vector<std::string> options;
    std::vector<std::string> optname_options;
  };
  struct Summary {
    bool writes_optval = false;
    bool reads_optlen = false;
    /// The least length every return of a value other than a negative
    /// constant checked optlen to be (net/mptcp/sockopt.c
    /// mptcp_get_subflow_data(): `len < MIN_INFO_OPTLEN_SIZE` returns
    /// -EINVAL), for the caller's paths where the result is not negative.
    std::optional<int64_t> success_bound;
  };
  Summary walkFunction(const clang::FunctionDecl *fn, const Seeds &seeds, const Entry &entry,
                       Implementation &impl);

  clang::ASTContext &ctx_;
  const PreprocessorFacts &pp_;
  std::vector<const clang::FunctionDecl *> in_progress_;
  const clang::FunctionDecl *current_impl_ = nullptr;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallPtrSet<const clang::CallExpr *, 4>>
      helper_calls_;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<const clang::FunctionDecl *>>
      helpers_by_impl_;
  std::map<const clang::FunctionDecl *, std::unique_ptr<FunctionRecord>> records_;
  /// Where each call that hands optval/optlen to another unit is recorded
  /// in an implementation's external_calls.
  std::map<std::pair<const Implementation *, const clang::CallExpr *>, size_t> external_index_;
};

SourcePoint pointOf(const clang::SourceManager &sm, clang::SourceLocation loc);

/// The absolute, normalised path the report gives a file that `files`
/// knows by `name` (compile commands name files relative to their
/// directory: -I./include); two names of one file give the same path.
std::string reportPath(const clang::FileManager &files, llvm::StringRef name);

} // namespace sockopt
