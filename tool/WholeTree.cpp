#include "tool/WholeTree.h"

#include "tool/CommandSupport.h"
#include "tool/CompilationDatabaseLoader.h"
#include "tool/CrossFileConversions.h"
#include "tool/Progress.h"
#include "tool/ResultCache.h"
#include "tool/SharedPrefix.h"
#include "tool/TranslationUnitPool.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <tuple>
#include <functional>
#include <set>
#include <thread>

namespace sockopt {
namespace {

/// The units as llvm::scc_iterator walks them: one node per unit, and a
/// root calling every unit in order, so that the walk visits them all.
struct UnitNode {
  std::vector<const UnitNode *> callees;
};
struct UnitGraph {
  std::vector<UnitNode> nodes; // the units, then the root
};

} // namespace
} // namespace sockopt

template <> struct llvm::GraphTraits<const sockopt::UnitGraph *> {
  using NodeRef = const sockopt::UnitNode *;
  using ChildIteratorType = std::vector<NodeRef>::const_iterator;
  static NodeRef getEntryNode(const sockopt::UnitGraph *graph) { return &graph->nodes.back(); }
  static ChildIteratorType child_begin(NodeRef node) { return node->callees.begin(); }
  static ChildIteratorType child_end(NodeRef node) { return node->callees.end(); }
};

namespace sockopt {

UnitChains guessChains(const std::vector<std::vector<size_t>> &callees) {
  size_t n = callees.size();
  UnitGraph graph;
  graph.nodes.resize(n + 1);
  for (size_t v = 0; v < n; ++v)
    for (size_t w : callees[v])
      graph.nodes[v].callees.push_back(&graph.nodes[w]);
  for (size_t v = 0; v < n; ++v)
    graph.nodes[n].callees.push_back(&graph.nodes[v]);

  // Tarjan's algorithm (llvm::scc_iterator) from the root: the units in
  // order, each one's callees in their order. Components come out callees
  // first, numbered as a recursive walk from unit 0 upwards completes them;
  // the root, which nothing calls, comes last.
  std::vector<int> component(n, -1);
  int components = 0;
  for (auto scc = llvm::scc_begin(static_cast<const UnitGraph *>(&graph)); !scc.isAtEnd();
       ++scc) {
    if ((*scc).front() == &graph.nodes[n])
      continue;
    for (const UnitNode *node : *scc)
      component[node - graph.nodes.data()] = components;
    ++components;
  }

  // Callers' components have higher numbers than their callees'.
  std::vector<std::set<int>> callee_components(components);
  for (size_t v = 0; v < n; ++v)
    for (size_t w : callees[v])
      if (component[w] != component[v])
        callee_components[component[v]].insert(component[w]);
  std::vector<unsigned> depth(components, 0), height(components, 0);
  UnitChains chains;
  chains.ancestors.assign(components, llvm::BitVector(components));
  for (int c = components - 1; c >= 0; --c)
    for (int w : callee_components[c]) {
      depth[w] = std::max(depth[w], depth[c] + 1);
      chains.ancestors[w] |= chains.ancestors[c];
      chains.ancestors[w].set(c);
    }
  for (int c = 0; c < components; ++c)
    for (int w : callee_components[c])
      height[c] = std::max(height[c], height[w] + 1);
  chains.places.resize(n);
  for (size_t v = 0; v < n; ++v)
    chains.places[v] = {0, component[v], depth[component[v]], height[component[v]]};
  return chains;
}

std::optional<size_t> pickNextUnit(const std::vector<size_t> &ready,
                                   llvm::function_ref<const UnitPlace &(size_t)> placeOf,
                                   const std::map<int, unsigned> &unfinished,
                                   const UnitChains &chains, bool idle) {
  if (ready.empty())
    return std::nullopt;
  auto waits = [&](size_t i) {
    for (const auto &[component, count] : unfinished)
      if (chains.mayCall(component, placeOf(i).component))
        return true;
    return false;
  };
  auto priority = [&](size_t i) {
    const UnitPlace &p = placeOf(i);
    return std::make_tuple(-int(p.height), p.depth, -int64_t(p.size), i);
  };
  auto best = ready.end();
  for (auto it = ready.begin(); it != ready.end(); ++it)
    if (!waits(*it) && (best == ready.end() || priority(*it) < priority(*best)))
      best = it;
  if (best == ready.end() && idle)
    best = std::min_element(ready.begin(), ready.end(), [&](size_t a, size_t b) {
      return std::tie(placeOf(a).depth, a) < std::tie(placeOf(b).depth, b);
    });
  if (best == ready.end())
    return std::nullopt;
  return best - ready.begin();
}

namespace {

/// Chains longer than this are cut (with a reason): the kernel's longest,
/// tcp_getsockopt -> do_tcp_getsockopt -> tcp_ao_get_mkts ->
/// tcp_ao_copy_mkts_to_user, crosses one unit boundary.
constexpr unsigned kMaxRounds = 8;

/// The requests an implementation makes: its hand-offs not yet resolved.
std::vector<FollowRequest> requestsOf(const Implementation &impl) {
  std::vector<FollowRequest> requests;
  for (const ExternalCall &call : impl.external_calls)
    if (call.resolution.empty())
      requests.push_back({call.callee, call.context});
  return requests;
}

std::vector<FollowRequest> requestsOf(const TranslationUnitResult &unit) {
  std::vector<FollowRequest> requests;
  for (const auto *list : {&unit.implementations, &unit.candidates, &unit.sockptr_implementations})
    for (const Implementation &impl : *list)
      for (FollowRequest &r : requestsOf(impl))
        requests.push_back(std::move(r));
  return requests;
}

/// A follow-mode analysis as the cache keeps it: the function may not be
/// there at all (the index found its name under an #if not compiled).
nlohmann::json followPayload(const Implementation *impl) {
  return impl ? nlohmann::json{{"found", true}, {"implementation", *impl}}
              : nlohmann::json{{"found", false}};
}

/// One run of the whole-tree analysis.
///
/// The run's units are parsed callers first (DefinitionIndex guesses the
/// order from the source text), and a unit that already has follow
/// requests when it starts answers them in the same parse; a unit outside
/// the run that receives requests meanwhile joins the same schedule in
/// follow mode. Requests that reach a unit after it started are answered
/// in follow-mode parses afterwards, round by round. The order and the
/// grouping change how many parses there are, never a result: a function
/// is analysed once per calling context, on the AST of its own unit,
/// either way.
class TreeWalk {
public:
  TreeWalk(const LoadedDatabase &loaded, unsigned jobs, ScanAction::Mode mode, ResultCache *cache,
           bool share_prefix, const std::function<void(const std::string &)> &after_parse,
           TreeAnalysis &tree)
      : loaded_(loaded), jobs_(jobs ? jobs : std::max(1u, std::thread::hardware_concurrency())),
        mode_(mode), cache_(cache), share_prefix_(share_prefix), after_parse_(after_parse),
        tree_(tree), all_files_(loaded.db->getAllFiles()), unit_cache_(cache, loaded, mode) {}

  void run() {
    tree_.index = std::make_unique<DefinitionIndex>(all_files_);
    parseRunUnits();
    followRounds();
    prefixes_.reset();
    countFollowed();
  }

private:
  struct Routed {
    FollowRequest request;
    unsigned depth; // unit boundaries crossed to reach it
  };
  enum class State { Waiting, Started, Done };

  std::string followCacheKey(const std::string &file, const FollowRequest &request) const {
    return analysisKey(std::string(modeName(ScanAction::Mode::Follow)) + " " + request.function +
                           " " + request.context.key(),
                       *loaded_.db, file);
  }

  void route(const FollowRequest &request, unsigned depth);
  void accept(const std::string &file, Implementation impl, const CallContext &context,
              unsigned depth);
  void answer(const std::string &file, const std::vector<Routed> &requests,
              TranslationUnitResult &result, const UnitInputs &inputs);
  void placeUnits();
  /// Where `file` lies on the guessed chains.
  UnitPlace placeOf(const std::string &file) const {
    auto it = place_.find(file);
    return it == place_.end() ? UnitPlace{} : it->second;
  }
  void parseRunUnits();
  std::optional<PrefixUse> prefixFor(const std::string &file) const {
    return prefixes_ ? prefixes_->forUnit(file) : std::nullopt;
  }
  std::optional<size_t> nextUnit(bool idle);
  void finishRunUnit(size_t i, TranslationUnitResult result);
  void finishFollowUnit(TranslationUnitResult result, const std::vector<Routed> &requests);
  void followRounds();
  void countFollowed();

  const LoadedDatabase &loaded_;
  unsigned jobs_;
  ScanAction::Mode mode_;
  ResultCache *cache_;
  bool share_prefix_;
  std::unique_ptr<SharedPrefixes> prefixes_; // while units are parsed
  const std::function<void(const std::string &)> &after_parse_;
  TreeAnalysis &tree_;
  const std::vector<std::string> all_files_; // of the database
  RunUnitCache unit_cache_;                   // of the run's units

  /// The units the first schedule parses: the run's (first, by their
  /// index in the run) and those outside it that requests reached.
  struct Unit {
    std::string file;
    bool in_run;
    UnitPlace place; // on the guessed chains: callers first
    State state = State::Waiting;
  };
  std::vector<Unit> units_;
  std::map<std::string, size_t> unit_of_;
  bool scheduling_ = false; // the first schedule is running: outside units may join it
  std::map<std::string, UnitPlace> place_;
  UnitChains chains_; // of the database's units
  std::vector<size_t> ready_;              // units to start, callers first
  size_t scheduled_ = 0;                   // units ever put in ready_
  std::map<int, unsigned> unfinished_;     // units queued or running, by component
  std::map<std::string, std::vector<Routed>> waiting_; // for units not started yet
  std::map<std::string, std::vector<Routed>> started_with_;
  std::map<std::string, std::vector<Routed>> next_round_;
  std::set<std::string> requested_; // followKey()s routed once
};

void TreeWalk::route(const FollowRequest &request, unsigned depth) {
  if (depth > kMaxRounds)
    return;
  for (const std::string &file : tree_.index->filesDefining(request.function)) {
    if (!requested_.insert(followKey(file, request.function, request.context)).second)
      continue;
    if (cache_)
      if (std::optional<nlohmann::json> hit = cache_->lookup(followCacheKey(file, request))) {
        if (hit->at("found").get<bool>())
          accept(file, hit->at("implementation").get<Implementation>(), request.context, depth);
        continue;
      }
    auto unit = unit_of_.find(file);
    if (unit == unit_of_.end() && scheduling_) {
      unit = unit_of_.emplace(file, units_.size()).first;
      units_.push_back({file, false, placeOf(file)});
      ready_.push_back(unit->second);
      ++scheduled_;
      ++unfinished_[units_.back().place.component];
    }
    if (unit != unit_of_.end() && units_[unit->second].state == State::Waiting)
      waiting_[file].push_back({request, depth});
    else
      next_round_[file].push_back({request, depth});
  }
}

void TreeWalk::accept(const std::string &file, Implementation impl, const CallContext &context,
                      unsigned depth) {
  for (const FollowRequest &next : requestsOf(impl))
    route(next, depth + 1);
  std::string key = followKey(file, impl.function, context);
  tree_.followed.emplace(std::move(key), std::move(impl));
}

/// Takes the analyses of `requests` out of `result` (a parse of `file`),
/// caches each, and follows on from them.
void TreeWalk::answer(const std::string &file, const std::vector<Routed> &requests,
                      TranslationUnitResult &result, const UnitInputs &inputs) {
  std::vector<std::pair<std::string, Implementation>> followed = std::move(result.followed);
  result.followed.clear();
  for (const Routed &routed : requests) {
    std::string context_key = routed.request.context.key();
    auto it = std::find_if(followed.begin(), followed.end(), [&](const auto &entry) {
      return entry.first == context_key && entry.second.function == routed.request.function;
    });
    bool found = it != followed.end();
    if (cache_)
      cache_->store(followCacheKey(file, routed.request), inputs,
                    followPayload(found ? &it->second : nullptr));
    if (found)
      accept(file, std::move(it->second), routed.request.context, routed.depth);
  }
}

/// Places each unit of the database on the chains the raw lexer guesses
/// (DefinitionIndex::optvalCallees(), guessChains()).
void TreeWalk::placeUnits() {
  const std::vector<std::string> &files = all_files_;
  size_t n = files.size();
  std::map<std::string, size_t> index_of;
  for (size_t i = 0; i < n; ++i)
    index_of[files[i]] = i;
  std::vector<std::vector<size_t>> callees(n);
  for (size_t i = 0; i < n; ++i)
    for (const std::string &callee : tree_.index->optvalCallees(files[i]))
      for (const std::string &file : tree_.index->filesDefining(callee))
        if (auto unit = index_of.find(file); unit != index_of.end() && unit->second != i)
          callees[i].push_back(unit->second);
  chains_ = guessChains(callees);
  for (size_t v = 0; v < n; ++v) {
    UnitPlace place = chains_.places[v];
    llvm::sys::fs::file_size(files[v], place.size);
    place_[files[v]] = place;
  }
}

void TreeWalk::parseRunUnits() {
  const std::vector<std::string> &files = loaded_.files;
  tree_.units.resize(files.size());
  placeUnits();
  for (size_t i = 0; i < files.size(); ++i) {
    unit_of_[files[i]] = i;
    units_.push_back({files[i], true, placeOf(files[i])});
  }
  scheduling_ = true;

  // A unit the cache holds is done; the others wait for their parse.
  for (size_t i = 0; i < files.size(); ++i)
    units_[i].state = State::Done;
  for (size_t i : unit_cache_.takeCached(tree_.units)) {
    units_[i].state = State::Waiting;
    ready_.push_back(i);
    ++scheduled_;
    ++unfinished_[units_[i].place.component];
  }
  for (size_t i = 0; i < files.size(); ++i)
    if (units_[i].state == State::Done)
      for (const FollowRequest &request : requestsOf(tree_.units[i]))
        route(request, 1);
  if (share_prefix_) {
    std::vector<std::string> to_parse;
    for (size_t i : ready_)
      to_parse.push_back(units_[i].file);
    prefixes_ = std::make_unique<SharedPrefixes>(*loaded_.db, to_parse, all_files_, jobs_, cache_);
  }

  size_t finished = 0;
  Progress progress;
  Schedule schedule;
  // Result slots: the run's units and, at most, every other unit.
  schedule.capacity = files.size() + all_files_.size();
  schedule.name = [&](size_t i) { return units_[i].file; };
  schedule.next = [&](bool idle) { return nextUnit(idle); };
  schedule.work = [&](size_t i) {
    const Unit &unit = units_[i];
    std::vector<FollowRequest> requests;
    for (const Routed &routed : started_with_[unit.file])
      requests.push_back(routed.request);
    TranslationUnitResult result =
        scanOneFile(*loaded_.db, unit.file, unit.in_run ? mode_ : ScanAction::Mode::Follow,
                    requests, cache_, prefixFor(unit.file));
    if (unit.in_run && after_parse_)
      after_parse_(unit.file);
    return result;
  };
  schedule.done = [&](size_t i, TranslationUnitResult result) {
    // A copy: finishing routes requests, which may add to units_.
    Unit unit = units_[i];
    units_[i].state = State::Done;
    if (--unfinished_[unit.place.component] == 0)
      unfinished_.erase(unit.place.component);
    if (unit.in_run)
      finishRunUnit(i, std::move(result));
    else
      finishFollowUnit(std::move(result), started_with_[unit.file]);
    ++finished;
    progress.update(finished, scheduled_,
                    (unit.in_run ? "" : "following into ") + relativeTo(unit.file, loaded_.root));
  };
  runScheduled(jobs_, schedule);
  scheduling_ = false;
}

/// The next unit to start (pickNextUnit()).
std::optional<size_t> TreeWalk::nextUnit(bool idle) {
  std::optional<size_t> at = pickNextUnit(
      ready_, [&](size_t i) -> const UnitPlace & { return units_[i].place; }, unfinished_,
      chains_, idle);
  if (!at)
    return std::nullopt;
  size_t i = ready_[*at];
  ready_.erase(ready_.begin() + *at);
  units_[i].state = State::Started;
  started_with_[units_[i].file] = std::move(waiting_[units_[i].file]);
  waiting_.erase(units_[i].file);
  return i;
}

void TreeWalk::finishRunUnit(size_t i, TranslationUnitResult result) {
  const std::string &file = loaded_.files[i];
  UnitInputs inputs = std::move(result.inputs);
  result.inputs = {};
  tree_.precompiled += result.precompiled_prefix;
  result.precompiled_prefix = false;
  if (!result.failed) {
    answer(file, started_with_[file], result, inputs);
    unit_cache_.store(i, inputs, result);
    for (const FollowRequest &request : requestsOf(result))
      route(request, 1);
  }
  tree_.units[i] = std::move(result);
}

/// A unit parsed in follow mode only: its answers, or its failure.
void TreeWalk::finishFollowUnit(TranslationUnitResult result, const std::vector<Routed> &requests) {
  if (result.failed) {
    tree_.failed.push_back(std::move(result));
    return;
  }
  UnitInputs inputs = std::move(result.inputs);
  answer(result.file, requests, result, inputs);
}

void TreeWalk::followRounds() {
  while (!next_round_.empty()) {
    std::map<std::string, std::vector<Routed>> batch = std::move(next_round_);
    next_round_.clear();
    std::vector<std::string> files;
    for (const auto &[file, requests] : batch)
      files.push_back(file);
    Progress progress;
    std::vector<TranslationUnitResult> results = runInWorkers(
        files, jobs_,
        [&](const std::string &file) {
          std::vector<FollowRequest> requests;
          for (const Routed &routed : batch.at(file))
            requests.push_back(routed.request);
          return scanOneFile(*loaded_.db, file, ScanAction::Mode::Follow, requests, cache_,
                             prefixFor(file));
        },
        [&](size_t done, size_t total, const std::string &file) {
          progress.update(done, total, "following into " + relativeTo(file, loaded_.root));
        });
    for (TranslationUnitResult &result : results) {
      const std::vector<Routed> &requests = batch.at(result.file);
      finishFollowUnit(std::move(result), requests);
    }
  }
}

/// The summary's counts, from the chains alone (not from how the parses
/// were grouped, which depends on timing): breadth first from the run's
/// units, the units reached at each depth and the deepest depth.
void TreeWalk::countFollowed() {
  std::vector<FollowRequest> frontier;
  for (const TranslationUnitResult &unit : tree_.units)
    for (FollowRequest &r : requestsOf(unit))
      frontier.push_back(std::move(r));
  std::set<std::string> seen;
  for (unsigned depth = 1; depth <= kMaxRounds && !frontier.empty(); ++depth) {
    std::set<std::string> files;
    std::vector<FollowRequest> next;
    for (const FollowRequest &request : frontier)
      for (const std::string &file : tree_.index->filesDefining(request.function)) {
        std::string key = followKey(file, request.function, request.context);
        if (!seen.insert(key).second)
          continue;
        files.insert(file);
        if (auto it = tree_.followed.find(key); it != tree_.followed.end())
          for (FollowRequest &r : requestsOf(it->second))
            next.push_back(std::move(r));
      }
    if (files.empty())
      break;
    tree_.rounds = depth;
    tree_.followed_units += files.size();
    frontier = std::move(next);
  }
}

} // namespace

std::string followKey(const std::string &file, const std::string &function,
                      const CallContext &context) {
  return functionKey(file, function) + "|" + context.key();
}

TreeAnalysis analyseTree(const LoadedDatabase &loaded, unsigned jobs, ScanAction::Mode mode,
                         ResultCache *cache, bool share_prefix,
                         const std::function<void(const std::string &)> &after_parse) {
  TreeAnalysis tree;
  TreeWalk(loaded, jobs, mode, cache, share_prefix, after_parse, tree).run();
  settleCrossFileConversions(tree.units, loaded);
  return tree;
}

namespace {

std::vector<std::string> joinChains(const std::vector<std::string> &a,
                                    const std::vector<std::string> &b) {
  std::vector<std::string> chain = a;
  chain.insert(chain.end(), b.begin(), b.end());
  return chain;
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

/// The hand-off itself stays a reason when it is one (a hand-off that
/// converts with its callee lost it: tool/CrossFileConversions.h):
/// converting this implementation means changing the other file too. Its
/// code says that the chain was followed; what follows "; " says why the
/// two cannot be converted together.
void ChainComposer::markCrossFile(const ExternalCall &call, const std::string &file) {
  for (Reason &r : impl_.reasons)
    if (r.code == "passed-to-external-function" && r.where.file == call.where.file &&
        r.via == call.via && r.message.find(" " + call.callee + "()") != std::string::npos) {
      size_t why = r.message.find("; ");
      r.code = "cross-file-helper";
      r.message = r.message.substr(0, r.message.find(", defined outside")) + ", defined in " +
                  relativeTo(file, root_) + ": converting it means converting that function too" +
                  (why == std::string::npos ? "" : r.message.substr(why));
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
      // The callee's own switch did not name the option: the caller's path
      // does (tcp_ao_get_mkts() under TCP_AO_GET_KEYS, net/ipv4/tcp.c).
      if (c.option.empty())
        c.option = llvm::join(call.options, "|");
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
