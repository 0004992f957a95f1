#include "tool/WholeTree.h"

#include "tool/CommandSupport.h"
#include "tool/CompilationDatabaseLoader.h"
#include "tool/Progress.h"
#include "tool/ResultCache.h"
#include "tool/TranslationUnitPool.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <set>

namespace sockopt {

namespace {

/// Chains longer than this are cut (with a reason): the kernel's longest,
/// tcp_getsockopt -> do_tcp_getsockopt -> tcp_ao_get_mkts ->
/// tcp_ao_copy_mkts_to_user, crosses one unit boundary.
constexpr unsigned kMaxRounds = 8;

void addExternalCalls(const Implementation &impl, std::vector<FollowRequest> &pending) {
  for (const ExternalCall &call : impl.external_calls)
    if (call.resolution.empty())
      pending.push_back({call.callee, call.context});
}

} // namespace

std::string followKey(const std::string &file, const std::string &function,
                      const CallContext &context) {
  return file + "|" + function + "|" + context.key();
}

namespace {

/// The cache key of one followed function in one calling context.
std::string followCacheKey(const LoadedDatabase &loaded, const std::string &file,
                           const FollowRequest &request) {
  return analysisKey(std::string(modeName(ScanAction::Mode::Follow)) + " " + request.function +
                         " " + request.context.key(),
                     *loaded.db, file);
}

/// A follow-mode analysis as the cache keeps it: the function may not be
/// there at all (the index found its name under an #if not compiled).
nlohmann::json followPayload(const Implementation *impl) {
  return impl ? nlohmann::json{{"found", true}, {"implementation", *impl}}
              : nlohmann::json{{"found", false}};
}

} // namespace

TreeAnalysis analyseTree(const LoadedDatabase &loaded, unsigned jobs, ScanAction::Mode mode,
                         ResultCache *cache,
                         const std::function<void(const std::string &)> &after_parse) {
  TreeAnalysis tree;
  tree.units = parseAll(loaded, jobs, mode, cache, after_parse);
  tree.index = std::make_unique<DefinitionIndex>(loaded.db->getAllFiles());

  std::vector<FollowRequest> pending;
  for (const TranslationUnitResult &unit : tree.units) {
    for (const Implementation &impl : unit.implementations)
      addExternalCalls(impl, pending);
    for (const Implementation &impl : unit.candidates)
      addExternalCalls(impl, pending);
    for (const Implementation &impl : unit.sockptr_implementations)
      addExternalCalls(impl, pending);
  }

  std::set<std::string> requested;
  for (unsigned round = 0; round < kMaxRounds && !pending.empty(); ++round) {
    std::map<std::string, std::vector<FollowRequest>> by_file;
    for (const FollowRequest &request : pending)
      for (const std::string &file : tree.index->filesDefining(request.function))
        if (requested.insert(followKey(file, request.function, request.context)).second)
          by_file[file].push_back(request);
    pending.clear();
    if (by_file.empty())
      break;
    ++tree.rounds;
    tree.followed_parses += by_file.size();
    // What the cache has is taken; a unit is parsed for the rest.
    std::vector<std::string> files;
    for (auto &[file, requests] : by_file) {
      std::vector<FollowRequest> missed;
      for (FollowRequest &request : requests) {
        std::optional<nlohmann::json> hit;
        if (cache)
          hit = cache->lookup(followCacheKey(loaded, file, request));
        if (!hit) {
          missed.push_back(std::move(request));
          continue;
        }
        if (!hit->at("found").get<bool>())
          continue;
        Implementation impl = hit->at("implementation").get<Implementation>();
        addExternalCalls(impl, pending);
        tree.followed.emplace(followKey(file, impl.function, request.context), std::move(impl));
      }
      requests = std::move(missed);
      if (!requests.empty())
        files.push_back(file);
    }
    Progress progress;
    std::vector<TranslationUnitResult> results = runInWorkers(
        files, jobs ? jobs : 1,
        [&](const std::string &file) {
          return scanOneFile(*loaded.db, file, ScanAction::Mode::Follow, by_file.at(file));
        },
        [&](size_t done, size_t total, const std::string &file) {
          progress.update(done, total, "following into " + relativeTo(file, loaded.root));
        });
    for (TranslationUnitResult &result : results) {
      if (result.failed) {
        tree.failed.push_back(std::move(result));
        continue;
      }
      if (cache)
        for (const FollowRequest &request : by_file.at(result.file)) {
          const Implementation *found = nullptr;
          for (const auto &[context_key, impl] : result.followed)
            if (impl.function == request.function && context_key == request.context.key())
              found = &impl;
          cache->store(followCacheKey(loaded, result.file, request), result.inputs,
                       followPayload(found));
        }
      for (auto &[context_key, impl] : result.followed) {
        addExternalCalls(impl, pending);
        std::string key = result.file + "|" + impl.function + "|" + context_key;
        tree.followed.emplace(std::move(key), std::move(impl));
      }
    }
  }
  return tree;
}

namespace {

std::vector<std::string> joinChains(const std::vector<std::string> &a,
                                    const std::vector<std::string> &b) {
  std::vector<std::string> chain = a;
  chain.insert(chain.end(), b.begin(), b.end());
  return chain;
}

bool samePoint(const SourcePoint &a, const SourcePoint &b) {
  return a.file == b.file && a.line == b.line && a.column == b.column;
}

class ChainComposer {
public:
  ChainComposer(Implementation &impl, const TreeAnalysis &tree, const std::string &root)
      : impl_(impl), tree_(tree), root_(root) {}

  void run() {
    std::vector<ExternalCall> calls = std::move(impl_.external_calls);
    impl_.external_calls.clear();
    for (ExternalCall &call : calls)
      expand(std::move(call), {});
  }

private:
  void expand(ExternalCall call, std::vector<std::string> stack);
  void markCrossFile(const ExternalCall &call, const std::string &file);

  Implementation &impl_;
  const TreeAnalysis &tree_;
  const std::string &root_;
};

/// The hand-off itself stays a reason: the rewrite converts one file at a
/// time, so converting this implementation means changing the other file
/// too. Its code says that the chain was followed.
void ChainComposer::markCrossFile(const ExternalCall &call, const std::string &file) {
  for (Reason &r : impl_.reasons)
    if (r.code == "passed-to-external-function" && r.where.file == call.where.file &&
        r.via == call.via && r.message.find(" " + call.callee + "()") != std::string::npos) {
      r.code = "cross-file-helper";
      r.message = r.message.substr(0, r.message.find(", defined outside")) + ", defined in " +
                  relativeTo(file, root_) + ": converting it means converting that function too";
    }
}

void ChainComposer::expand(ExternalCall call, std::vector<std::string> stack) {
  if (!call.resolution.empty()) {
    impl_.external_calls.push_back(std::move(call));
    return;
  }
  std::vector<std::pair<std::string, const Implementation *>> targets;
  for (const std::string &file : tree_.index->filesDefining(call.callee)) {
    auto it = tree_.followed.find(followKey(file, call.callee, call.context));
    if (it != tree_.followed.end())
      targets.emplace_back(file, &it->second);
  }
  call.resolution = targets.empty() ? "undefined" : "followed";
  ExternalCall recorded = call;
  impl_.external_calls.push_back(std::move(recorded));
  for (const auto &[file, callee] : targets) {
    std::string key = followKey(file, call.callee, call.context);
    if (std::find(stack.begin(), stack.end(), key) != stack.end())
      continue; // recursion across units: the first visit reported it
    markCrossFile(call, file);
    for (Reason r : callee->reasons) {
      r.via = joinChains(call.via, r.via);
      if (r.options.empty())
        r.options = call.options;
      addReason(impl_.reasons, std::move(r));
    }
    for (BehaviourChange c : callee->behaviour_changes) {
      c.via = joinChains(call.via, c.via);
      bool known = false;
      for (const BehaviourChange &k : impl_.behaviour_changes)
        known |= samePoint(k.where, c.where) && k.option == c.option;
      if (!known)
        impl_.behaviour_changes.push_back(std::move(c));
    }
    for (const std::string &label : callee->option_labels)
      if (std::find(impl_.option_labels.begin(), impl_.option_labels.end(), label) ==
          impl_.option_labels.end())
        impl_.option_labels.push_back(label);
    for (Helper h : callee->helpers)
      impl_.helpers.push_back(std::move(h));
    std::vector<std::string> inner = stack;
    inner.push_back(key);
    for (ExternalCall next : callee->external_calls) {
      next.via = joinChains(call.via, next.via);
      if (next.options.empty())
        next.options = call.options;
      expand(std::move(next), inner);
    }
  }
}

} // namespace

void composeChains(Implementation &impl, const TreeAnalysis &tree, const std::string &root) {
  ChainComposer(impl, tree, root).run();
}

} // namespace sockopt
