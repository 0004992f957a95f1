#include "engine/ChainComposition.h"

#include "support/Paths.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace sockopt {

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
  void markTooDeep(const ExternalCall &call, const std::string &file);
  void placeHandOff(const ExternalCall &call, const std::string &file, ReasonCode code,
                    const std::string &consequence);

  Implementation &impl_;
  const TreeAnalysis &tree_;
  const std::string &root_;
};

/// The reasons of the hand-off `call` (passed-to-external-function, "...,
/// defined outside this translation unit[; why]") now that the callee is
/// known to be defined in `file`: they get `code`, and `consequence` after
/// the file; what follows "; " stays.
void ChainComposer::placeHandOff(const ExternalCall &call, const std::string &file,
                                 ReasonCode code, const std::string &consequence) {
  for (Reason &r : impl_.reasons)
    if (r.code == ReasonCode::PassedToExternalFunction && r.callee == call.callee &&
        r.where.file == call.where.file && r.via == call.via) {
      size_t why = r.message.find("; ");
      r.code = code;
      r.message = r.message.substr(0, r.message.find(", defined outside")) + ", defined in " +
                  relativeTo(file, root_) + consequence +
                  (why == std::string::npos ? "" : r.message.substr(why));
    }
}

/// The hand-off itself stays a reason when it is one (a hand-off that
/// converts with its callee lost it: engine/CrossFileConversions.h):
/// converting this implementation means changing the other file too. Its
/// code says that the chain was followed; what follows "; " says why the
/// two cannot be converted together.
void ChainComposer::markCrossFile(const ExternalCall &call, const std::string &file) {
  placeHandOff(call, file, ReasonCode::CrossFileHelper,
               ": converting it means converting that function too");
}

/// A hand-off past the last unit a chain is followed across stays a reason
/// for a person, and says so rather than that nothing defines the callee.
void ChainComposer::markTooDeep(const ExternalCall &call, const std::string &file) {
  placeHandOff(call, file, ReasonCode::PassedToExternalFunction,
               ", past the " + std::to_string(kMaxChainUnits) +
                   " units a chain is followed across");
}

void ChainComposer::expand(ExternalCall call, std::vector<std::string> stack) {
  if (call.resolution != Resolution::Pending) {
    impl_.external_calls.push_back(std::move(call));
    return;
  }
  std::vector<std::pair<std::string, const Implementation *>> targets;
  for (const std::string &file : tree_.index->filesDefining(call.callee)) {
    auto it = tree_.followed.find(followKey(file, call.callee, call.context));
    if (it != tree_.followed.end())
      targets.emplace_back(file, &it->second);
  }
  // Defined in the database but not followed: the chain was cut at its
  // last unit (runner/TreeScheduler.cpp routes no deeper).
  bool cut = targets.empty() && stack.size() >= kMaxChainUnits &&
             !tree_.index->filesDefining(call.callee).empty();
  if (cut)
    markTooDeep(call, tree_.index->filesDefining(call.callee).front());
  call.resolution = !targets.empty() ? Resolution::Followed
                    : cut            ? Resolution::TooDeep
                                     : Resolution::Undefined;
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
