#include "model/Verdict.h"

#include <algorithm>

namespace sockopt {

Kind kindOf(const std::vector<Registration> &registrations) {
  bool ops = false, proto = false;
  for (const Registration &r : registrations) {
    ops |= r.struct_type == "proto_ops";
    proto |= r.struct_type == "proto";
  }
  return ops ? Kind::ProtoOps : proto ? Kind::Proto : Kind::Other;
}

bool registeredAsIter(const std::vector<Registration> &registrations) {
  for (const Registration &r : registrations)
    if (r.field == "getsockopt_iter")
      return true;
  return false;
}

void settleVerdict(Implementation &impl) {
  if (impl.kind != Kind::Sockptr && impl.kind != Kind::Inner)
    impl.kind = kindOf(impl.registrations);
  if (registeredAsIter(impl.registrations) || impl.on_sockopt)
    impl.verdict = Verdict::AlreadyConverted;
  else
    impl.verdict = impl.reasons.empty() ? Verdict::Convertible : Verdict::Manual;
}

void blockConversion(Implementation &impl, const std::vector<Reason> &blocked) {
  if (blocked.empty())
    return;
  impl.reasons = blocked;
  settleVerdict(impl);
}

void settleOptions(Implementation &impl) {
  bool per_option = false;
  for (const Reason &r : impl.reasons)
    per_option |= !r.options.empty();
  // An inner helper's options are what its patch moves: listed also when
  // they all convert.
  bool listed = impl.kind == Kind::Inner && impl.verdict != Verdict::AlreadyConverted;
  if (!listed && (impl.verdict != Verdict::Manual || !per_option))
    return;
  for (const std::string &label : impl.option_labels) {
    OptionVerdict v;
    v.option = label;
    for (const Reason &r : impl.reasons)
      if (std::find(r.options.begin(), r.options.end(), label) != r.options.end() &&
          std::find(v.reasons.begin(), v.reasons.end(), r.code) == v.reasons.end())
        v.reasons.push_back(r.code);
    v.verdict = v.reasons.empty() ? Verdict::Convertible : Verdict::Manual;
    impl.options.push_back(std::move(v));
  }
}

} // namespace sockopt
