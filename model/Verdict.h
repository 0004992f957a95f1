// The one place that decides verdicts. An implementation's kind and
// verdict follow from its registrations and its reasons, whoever found
// them: the analysis, the rewrite (an edit it cannot make safely), the
// whole-tree step (a hand-off to another unit that converts with it, or
// not). Those steps add or remove reasons and ask here; none sets a verdict
// itself, so scan, rewrite and check always agree.
#pragma once

#include "model/Report.h"

#include <vector>

namespace sockopt {

/// proto_ops when any registration is in a struct proto_ops, else proto
/// when any is in a struct proto, else other (per-family tables such as
/// struct inet_connection_sock_af_ops, or none yet).
Kind kindOf(const std::vector<Registration> &registrations);

/// Whether any registration stores the function into `.getsockopt_iter`.
bool registeredAsIter(const std::vector<Registration> &registrations);

/// Sets kind (a sockptr_t implementation stays one) and verdict:
/// registered as getsockopt_iter is already-converted; otherwise any reason
/// makes it manual, none convertible.
void settleVerdict(Implementation &impl);

/// The rewrite could not make the conversion of a convertible `impl`
/// safely: `blocked` says why, and those are its reasons now.
void blockConversion(Implementation &impl, const std::vector<Reason> &blocked);

/// The verdict per option of the switch on optname, when it tells a
/// maintainer something: `impl` is manual and some of its reasons belong to
/// particular options. Reasons outside every case concern the whole
/// implementation and stay in reasons[] only.
void settleOptions(Implementation &impl);

} // namespace sockopt
