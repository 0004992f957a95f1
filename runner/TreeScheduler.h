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

#include "engine/ScanAction.h"
#include "engine/TreeAnalysis.h"
#include "runner/TranslationUnitPool.h"

#include "llvm/Support/Error.h"

#include <functional>
#include <string>

namespace sockopt {

struct LoadedDatabase;

/// Parses the selected units in `mode`, then follows optval/optlen into
/// the other units of the database until no new function is reached. With
/// a `cache`, each unit analysis and each followed function in its calling
/// context is taken from it while the files it was computed from are
/// unchanged (so a fact about a helper goes when the helper's unit changes).
/// With `share_pch`, units with a common compile command share a
/// precompiled <net/sock.h> (runner/SharedPch.h). An error means the
/// parses could not be run at all.
llvm::Expected<TreeAnalysis> analyseTree(const LoadedDatabase &loaded, ScanAction::Mode mode,
                                         const RunSettings &settings);

} // namespace sockopt
