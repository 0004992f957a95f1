#include "runner/UnitOrder.h"

#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"

#include <algorithm>
#include <tuple>

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

} // namespace sockopt
