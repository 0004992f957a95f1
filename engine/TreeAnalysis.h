// What the whole-tree analysis produced: the units of the run, the analyses
// of the functions their hand-offs reached in other units (each in the
// calling context it was reached in), and the index that found them.
// runner/TreeScheduler.h fills it; engine/ChainComposition.h and the report
// merger read it.
#pragma once

#include "engine/DefinitionIndex.h"
#include "model/Report.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sockopt {

/// The most units a chain of hand-offs is followed across: the kernel's
/// longest, tcp_getsockopt -> do_tcp_getsockopt -> tcp_ao_get_mkts ->
/// tcp_ao_copy_mkts_to_user, crosses one unit boundary. A hand-off past it
/// is resolved `too-deep`.
constexpr unsigned kMaxChainUnits = 8;

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

/// The key of `function` of `file` analysed in `context`: a function is
/// analysed once per calling context.
inline std::string followKey(const std::string &file, const std::string &function,
                             const CallContext &context) {
  return functionKey(file, function) + "|" + context.key();
}

} // namespace sockopt
