// The order in which the whole-tree analysis parses units: callers before
// their callees, the longest chains first, so that a unit's follow requests
// are known before it starts (runner/TreeScheduler.h). The graph is the raw
// lexer's guess (DefinitionIndex::optvalCallees()); a wrong guess costs
// parses, never a result.
#pragma once

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace sockopt {

/// Where a unit lies on the chains the raw lexer guesses between units
/// (DefinitionIndex::optvalCallees()): analyseTree() parses callers before
/// their callees, the longest chains first.
struct UnitPlace {
  uint64_t size = 0;   // of the source file: the longer parses start first
  int component = -1;  // of the graph of units calling each other
  unsigned depth = 0;  // 0 when nothing hands it optval, else one more than its deepest caller
  unsigned height = 0; // the longest chain below it
};

/// The guessed graph of units calling each other, as the order of the
/// parses uses it.
struct UnitChains {
  /// By unit (sizes left 0). Units that call each other (net/core/sock.c
  /// and net/core/filter.c) form one strongly connected component; the
  /// components are numbered callees first, so a caller's number is higher
  /// than its callees'.
  std::vector<UnitPlace> places;
  /// By component: the components that may call it, directly or not.
  std::vector<llvm::BitVector> ancestors;

  /// Whether a unit in component `caller` may hand optval to one in
  /// `callee`, directly or through others (never within one component).
  bool mayCall(int caller, int callee) const {
    return caller >= 0 && callee >= 0 && caller != callee && ancestors[callee].test(caller);
  }
};

/// Places the units 0 .. callees.size() - 1, where `callees[u]` lists the
/// units `u` may hand optval to: a component's depth is one more than its
/// deepest caller's, its height one more than its highest callee's.
UnitChains guessChains(const std::vector<std::vector<size_t>> &callees);

/// The unit to start next, as a position in `ready` (unit numbers, placed
/// by `placeOf`): of the units that no unit of an `unfinished` component
/// (those with units queued or running) may still send requests to, the
/// one heading the longest chain (its callees wait for it), then the
/// shallowest, then the largest (so that no long parse is left for the
/// end), then the lowest numbered. When every ready unit waits for a
/// caller but nothing runs (`idle`: the guessed graph was wrong), the
/// shallowest, then the lowest numbered: never a deadlock. None when
/// `ready` is empty, or every unit waits while something runs.
std::optional<size_t> pickNextUnit(const std::vector<size_t> &ready,
                                   llvm::function_ref<const UnitPlace &(size_t)> placeOf,
                                   const std::map<int, unsigned> &unfinished,
                                   const UnitChains &chains, bool idle);

} // namespace sockopt
