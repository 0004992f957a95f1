#include "runner/TreeScheduler.h"

#include "engine/CrossFileConversions.h"
#include "runner/CompilationDatabaseLoader.h"
#include "runner/ResultCache.h"
#include "runner/SharedPch.h"
#include "runner/TranslationUnitPool.h"
#include "runner/UnitOrder.h"
#include "support/Paths.h"
#include "support/TestHooks.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <functional>
#include <set>
#include <thread>

namespace sockopt {

namespace {

/// The requests an implementation makes: its hand-offs not yet resolved.
std::vector<FollowRequest> requestsOf(const Implementation &impl) {
  std::vector<FollowRequest> requests;
  for (const ExternalCall &call : impl.external_calls)
    if (call.resolution == Resolution::Pending)
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
class TreeScheduler {
public:
  TreeScheduler(const LoadedDatabase &loaded, ScanAction::Mode mode, const RunSettings &settings,
                TreeAnalysis &tree)
      : loaded_(loaded), jobs_(settings.workers()), mode_(mode), cache_(settings.cache),
        settings_(settings), tree_(tree), all_files_(loaded.db->getAllFiles()),
        unit_cache_(settings.cache, loaded, mode) {}

  llvm::Error run() {
    tree_.index = std::make_unique<DefinitionIndex>(all_files_);
    if (llvm::Error e = parseRunUnits())
      return e;
    if (llvm::Error e = followRounds())
      return e;
    prefixes_.reset();
    countFollowed();
    return llvm::Error::success();
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
  llvm::Error parseRunUnits();
  std::optional<SharedPchUse> prefixFor(const std::string &file) const {
    return prefixes_ ? prefixes_->forUnit(file) : std::nullopt;
  }
  std::optional<size_t> nextUnit(bool idle);
  void finishRunUnit(size_t i, TranslationUnitResult result);
  void finishFollowUnit(TranslationUnitResult result, const std::vector<Routed> &requests);
  llvm::Error followRounds();
  void countFollowed();

  const LoadedDatabase &loaded_;
  unsigned jobs_;
  ScanAction::Mode mode_;
  ResultCache *cache_;
  std::unique_ptr<SharedPchSet> prefixes_; // while units are parsed
  const RunSettings &settings_;
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

void TreeScheduler::route(const FollowRequest &request, unsigned depth) {
  if (depth > kMaxChainUnits)
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

void TreeScheduler::accept(const std::string &file, Implementation impl, const CallContext &context,
                      unsigned depth) {
  for (const FollowRequest &next : requestsOf(impl))
    route(next, depth + 1);
  std::string key = followKey(file, impl.function, context);
  tree_.followed.emplace(std::move(key), std::move(impl));
}

/// Takes the analyses of `requests` out of `result` (a parse of `file`),
/// caches each, and follows on from them.
void TreeScheduler::answer(const std::string &file, const std::vector<Routed> &requests,
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
void TreeScheduler::placeUnits() {
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

llvm::Error TreeScheduler::parseRunUnits() {
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
  if (settings_.share_pch) {
    std::vector<std::string> to_parse;
    for (size_t i : ready_)
      to_parse.push_back(units_[i].file);
    prefixes_ = std::make_unique<SharedPchSet>(*loaded_.db, to_parse, all_files_, jobs_, cache_);
  }

  size_t finished = 0;
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
    if (unit.in_run)
      testhooks::afterParse(unit.file);
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
    if (settings_.progress)
      settings_.progress(finished, scheduled_,
                         (unit.in_run ? "" : "following into ") +
                             relativeTo(unit.file, loaded_.root));
  };
  llvm::Error e = runScheduled(jobs_, schedule);
  scheduling_ = false;
  return e;
}

/// The next unit to start (pickNextUnit()).
std::optional<size_t> TreeScheduler::nextUnit(bool idle) {
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

void TreeScheduler::finishRunUnit(size_t i, TranslationUnitResult result) {
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
void TreeScheduler::finishFollowUnit(TranslationUnitResult result,
                                     const std::vector<Routed> &requests) {
  if (result.failed) {
    tree_.failed.push_back(std::move(result));
    return;
  }
  UnitInputs inputs = std::move(result.inputs);
  answer(result.file, requests, result, inputs);
}

llvm::Error TreeScheduler::followRounds() {
  while (!next_round_.empty()) {
    std::map<std::string, std::vector<Routed>> batch = std::move(next_round_);
    next_round_.clear();
    std::vector<std::string> files;
    for (const auto &[file, requests] : batch)
      files.push_back(file);
    auto results = runInWorkers(
        files, jobs_,
        [&](const std::string &file) {
          std::vector<FollowRequest> requests;
          for (const Routed &routed : batch.at(file))
            requests.push_back(routed.request);
          return scanOneFile(*loaded_.db, file, ScanAction::Mode::Follow, requests, cache_,
                             prefixFor(file));
        },
        [&](size_t done, size_t total, const std::string &file) {
          if (settings_.progress)
            settings_.progress(done, total, "following into " + relativeTo(file, loaded_.root));
        });
    if (!results)
      return results.takeError();
    for (TranslationUnitResult &result : *results) {
      const std::vector<Routed> &requests = batch.at(result.file);
      finishFollowUnit(std::move(result), requests);
    }
  }
  return llvm::Error::success();
}

/// The summary's counts, from the chains alone (not from how the parses
/// were grouped, which depends on timing): breadth first from the run's
/// units, the units reached at each depth and the deepest depth.
void TreeScheduler::countFollowed() {
  std::vector<FollowRequest> frontier;
  for (const TranslationUnitResult &unit : tree_.units)
    for (FollowRequest &r : requestsOf(unit))
      frontier.push_back(std::move(r));
  std::set<std::string> seen;
  for (unsigned depth = 1; depth <= kMaxChainUnits && !frontier.empty(); ++depth) {
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
llvm::Expected<TreeAnalysis> analyseTree(const LoadedDatabase &loaded, ScanAction::Mode mode,
                                         const RunSettings &settings) {
  TreeAnalysis tree;
  if (llvm::Error e = TreeScheduler(loaded, mode, settings, tree).run())
    return std::move(e);
  settleCrossFileConversions(tree.units, loaded.db->getAllFiles(), loaded.root);
  return tree;
}

} // namespace sockopt
