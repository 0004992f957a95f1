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

#include <functional>
#include <map>
#include <memory>
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

/// Extends `impl` with what its hand-offs to other units lead to: the
/// callee's reasons and behaviour changes with the whole chain in `via`,
/// its option labels, and its own hand-offs, each external call marked
/// "followed", "undefined", "config-stub" or "header-inline".
void composeChains(Implementation &impl, const TreeAnalysis &tree, const std::string &root);

} // namespace sockopt
