// What the whole tree knows: the analyses of functions that optval/optlen
// reach in other translation units, and the chains from each registered or
// sockptr_t implementation through them to the accesses that decide.
//
// The analysis is demand-driven and per unit: after the units of the run
// are parsed, every hand-off of optval/optlen to a function defined
// elsewhere becomes a request (the function and the calling context); the
// units defining those functions are parsed in follow mode, in the same
// forked workers, and their own hand-offs become the next round's requests.
// A function is analysed once per calling context. A unit that crashes
// loses nothing of the others: its requests end as errors.
#pragma once

#include "matchers/Report.h"
#include "tool/DefinitionIndex.h"
#include "tool/ScanAction.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sockopt {

struct LoadedDatabase;

struct TreeAnalysis {
  std::vector<TranslationUnitResult> units;  // the units of the run
  std::vector<TranslationUnitResult> failed; // follow-mode units that failed
  /// Followed functions by followKey().
  std::map<std::string, Implementation> followed;
  std::unique_ptr<DefinitionIndex> index; // over every unit of the database
  unsigned rounds = 0;                    // the deepest chain, in unit boundaries crossed
  unsigned followed_units = 0;            // units followed into, per depth (from the chains)
  unsigned precompiled = 0; // units of the run parsed with a shared precompiled header
};

std::string followKey(const std::string &file, const std::string &function,
                      const CallContext &context);

/// Parses the selected units in `mode`, then follows optval/optlen into
/// the other units of the database until no new function is reached. With
/// a `cache`, each unit analysis and each followed function in its calling
/// context is taken from it while the files it was computed from are
/// unchanged (so a fact about a helper goes when the helper's unit changes).
/// With `share_prefix`, units with a common compile command share a
/// precompiled <net/sock.h> (tool/SharedPrefix.h).
TreeAnalysis analyseTree(const LoadedDatabase &loaded, unsigned jobs, ScanAction::Mode mode,
                         class ResultCache *cache, bool share_prefix,
                         const std::function<void(const std::string &)> &after_parse = {});

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

/// Extends `impl` with what its hand-offs to other units lead to: the
/// callee's reasons and behaviour changes with the whole chain in `via`,
/// its option labels, and its own hand-offs, each external call marked
/// "followed", "undefined", "config-stub" or "header-inline".
void composeChains(Implementation &impl, const TreeAnalysis &tree, const std::string &root);

} // namespace sockopt
