#include "model/Report.h"

#include <algorithm>

namespace sockopt {

using nlohmann::json;

void addReason(std::vector<Reason> &reasons, Reason r) {
  for (Reason &known : reasons)
    if (known.code == r.code && samePoint(known.where, r.where)) {
      if (known.options.empty() || r.options.empty()) {
        known.options.clear();
        return;
      }
      for (const std::string &o : r.options)
        if (std::find(known.options.begin(), known.options.end(), o) == known.options.end())
          known.options.push_back(o);
      return;
    }
  reasons.push_back(std::move(r));
}

void to_json(json &j, const SourcePoint &v) {
  j = json{{"file", v.file}, {"line", v.line}, {"column", v.column}};
}
void from_json(const json &j, SourcePoint &v) {
  j.at("file").get_to(v.file);
  j.at("line").get_to(v.line);
  j.at("column").get_to(v.column);
}

std::string CallContext::key() const {
  std::string k;
  for (const auto &[index, role] : pointers)
    k += role + "@" + std::to_string(index) + ",";
  k += "len";
  for (unsigned i : length_values)
    k += "@" + std::to_string(i);
  k += ",optname@" + std::to_string(optname);
  k += optlen_read ? ",read" : ",unread";
  if (checked_unknown)
    k += ",checked";
  else if (checked_bound)
    k += ",bound=" + std::to_string(*checked_bound);
  return k;
}

// Optional members are written only when they say something, so that the
// common case reads as before.
void to_json(json &j, const Reason &v) {
  j = json{{"code", v.code}, {"message", v.message}, {"via", v.via}};
  if (!v.options.empty())
    j["options"] = v.options;
  if (!v.callee.empty())
    j["callee"] = v.callee;
  j.update(json(v.where));
}
void from_json(const json &j, Reason &v) {
  j.at("code").get_to(v.code);
  j.at("message").get_to(v.message);
  j.at("via").get_to(v.via);
  if (j.contains("options"))
    j.at("options").get_to(v.options);
  if (j.contains("callee"))
    j.at("callee").get_to(v.callee);
  from_json(j, v.where);
}

void to_json(json &j, const CallContext &v) {
  json pointers = json::array();
  for (const auto &[index, role] : v.pointers)
    pointers.push_back({{"index", index}, {"role", role}});
  j = json{{"pointers", pointers},         {"length_values", v.length_values},
           {"optname", v.optname},         {"optlen_read", v.optlen_read},
           {"checked_unknown", v.checked_unknown}};
  if (v.checked_bound)
    j["checked_bound"] = *v.checked_bound;
}
void from_json(const json &j, CallContext &v) {
  for (const json &p : j.at("pointers"))
    v.pointers.emplace_back(p.at("index").get<unsigned>(), p.at("role").get<std::string>());
  j.at("length_values").get_to(v.length_values);
  j.at("optname").get_to(v.optname);
  j.at("optlen_read").get_to(v.optlen_read);
  j.at("checked_unknown").get_to(v.checked_unknown);
  if (j.contains("checked_bound"))
    v.checked_bound = j.at("checked_bound").get<int64_t>();
}

void to_json(json &j, const SockptrCaller &v) {
  j = json{{"function", v.function}, {"bridge", v.bridge}};
  j.update(json(v.where));
}
void from_json(const json &j, SockptrCaller &v) {
  j.at("function").get_to(v.function);
  j.at("bridge").get_to(v.bridge);
  from_json(j, v.where);
}

void to_json(json &j, const OptionVerdict &v) {
  j = json{{"option", v.option}, {"verdict", v.verdict}, {"reasons", v.reasons}};
}
void from_json(const json &j, OptionVerdict &v) {
  j.at("option").get_to(v.option);
  j.at("verdict").get_to(v.verdict);
  j.at("reasons").get_to(v.reasons);
}

void to_json(json &j, const FollowRequest &v) {
  j = json{{"function", v.function}, {"context", v.context}};
}
void from_json(const json &j, FollowRequest &v) {
  j.at("function").get_to(v.function);
  j.at("context").get_to(v.context);
}

void to_json(json &j, const BehaviourChange &v) {
  j = json{{"code", v.code},   {"function", v.function}, {"option", v.option},
           {"width", v.width}, {"old", v.old_result},    {"new", v.new_result},
           {"via", v.via}};
  if (v.narrowed_to)
    j["narrowed_to"] = v.narrowed_to;
  j.update(json(v.where));
}
void from_json(const json &j, BehaviourChange &v) {
  j.at("code").get_to(v.code);
  j.at("function").get_to(v.function);
  j.at("option").get_to(v.option);
  j.at("width").get_to(v.width);
  v.narrowed_to = j.value("narrowed_to", 0u);
  j.at("old").get_to(v.old_result);
  j.at("new").get_to(v.new_result);
  j.at("via").get_to(v.via);
  from_json(j, v.where);
}

void to_json(json &j, const Registration &v) {
  j = json{{"struct", v.struct_type}, {"field", v.field}, {"variable", v.variable}};
  j.update(json(v.where));
}
void from_json(const json &j, Registration &v) {
  j.at("struct").get_to(v.struct_type);
  j.at("field").get_to(v.field);
  j.at("variable").get_to(v.variable);
  from_json(j, v.where);
}

void to_json(json &j, const Helper &v) {
  j = json{{"function", v.function}, {"parameters", v.parameters}};
  j.update(json(v.where));
}
void from_json(const json &j, Helper &v) {
  j.at("function").get_to(v.function);
  j.at("parameters").get_to(v.parameters);
  from_json(j, v.where);
}

void to_json(json &j, const ExternalCall &v) {
  j = json{{"callee", v.callee},   {"context", v.context},      {"via", v.via},
           {"options", v.options}, {"resolution", v.resolution}};
  j.update(json(v.where));
}
void from_json(const json &j, ExternalCall &v) {
  j.at("callee").get_to(v.callee);
  if (j.contains("context")) // not in the report, only between processes
    j.at("context").get_to(v.context);
  j.at("via").get_to(v.via);
  j.at("options").get_to(v.options);
  j.at("resolution").get_to(v.resolution);
  from_json(j, v.where);
}

void to_json(json &j, const Implementation &v) {
  j = json{{"function", v.function},
           {"file", v.where.file},
           {"line", v.where.line},
           {"column", v.where.column},
           {"externally_visible", v.externally_visible},
           {"kind", v.kind},
           {"registrations", v.registrations},
           {"verdict", v.verdict},
           {"reasons", v.reasons},
           {"behaviour_changes", v.behaviour_changes},
           {"helpers", v.helpers},
           {"external_calls", v.external_calls},
           {"option_labels", v.option_labels}};
  if (v.kind == Kind::Inner) {
    j["hook"] = v.hook;
    j["on_sockopt"] = v.on_sockopt;
  }
  if (v.kind == Kind::Sockptr)
    j["callers"] = v.callers;
  if (!v.options.empty())
    j["options"] = v.options;
}
void from_json(const json &j, Implementation &v) {
  j.at("function").get_to(v.function);
  from_json(j, v.where);
  j.at("externally_visible").get_to(v.externally_visible);
  j.at("kind").get_to(v.kind);
  j.at("registrations").get_to(v.registrations);
  j.at("verdict").get_to(v.verdict);
  j.at("reasons").get_to(v.reasons);
  j.at("behaviour_changes").get_to(v.behaviour_changes);
  j.at("helpers").get_to(v.helpers);
  j.at("external_calls").get_to(v.external_calls);
  if (j.contains("hook"))
    j.at("hook").get_to(v.hook);
  if (j.contains("on_sockopt")) // not in the report, only between processes
    j.at("on_sockopt").get_to(v.on_sockopt);
  if (j.contains("option_labels")) // not in the report, only between processes
    j.at("option_labels").get_to(v.option_labels);
  if (j.contains("callers"))
    j.at("callers").get_to(v.callers);
  if (j.contains("options"))
    j.at("options").get_to(v.options);
}

void to_json(json &j, const ForeignRegistration &v) {
  j = json{{"function", v.function}, {"registration", v.registration}};
}
void from_json(const json &j, ForeignRegistration &v) {
  j.at("function").get_to(v.function);
  j.at("registration").get_to(v.registration);
}

void to_json(json &j, const HiddenRegistration &v) {
  j = json{{"function", v.function},
           {"field", v.field},
           {"file", v.where.file},
           {"line", v.where.line},
           {"column", v.where.column},
           {"directive", v.directive}};
}
void from_json(const json &j, HiddenRegistration &v) {
  j.at("function").get_to(v.function);
  j.at("field").get_to(v.field);
  j.at("file").get_to(v.where.file);
  j.at("line").get_to(v.where.line);
  j.at("column").get_to(v.where.column);
  j.at("directive").get_to(v.directive);
}

void to_json(json &j, const SockoptTypeInfo &v) {
  json fields = json::array();
  for (const auto &[name, type] : v.fields)
    fields.push_back({{"name", name}, {"type", type}});
  j = json{{"file", v.file},
           {"line", v.line},
           {"fields", fields},
           {"proto_ops_has_getsockopt_iter", v.proto_ops_has_getsockopt_iter},
           {"proto_has_getsockopt_iter", v.proto_has_getsockopt_iter}};
}
void from_json(const json &j, SockoptTypeInfo &v) {
  j.at("file").get_to(v.file);
  j.at("line").get_to(v.line);
  for (const json &f : j.at("fields"))
    v.fields.emplace_back(f.at("name"), f.at("type"));
  j.at("proto_ops_has_getsockopt_iter").get_to(v.proto_ops_has_getsockopt_iter);
  j.at("proto_has_getsockopt_iter").get_to(v.proto_has_getsockopt_iter);
}

void to_json(json &j, const Edit &v) {
  j = json{{"file", v.file}, {"offset", v.offset}, {"length", v.length}, {"text", v.text}};
}
void from_json(const json &j, Edit &v) {
  j.at("file").get_to(v.file);
  j.at("offset").get_to(v.offset);
  j.at("length").get_to(v.length);
  j.at("text").get_to(v.text);
}

void to_json(json &j, const CrossFileCallee &v) {
  j = json{{"function", v.function}, {"declarations", v.declarations}};
}
void from_json(const json &j, CrossFileCallee &v) {
  j.at("function").get_to(v.function);
  j.at("declarations").get_to(v.declarations);
}

void to_json(json &j, const LegacyReference &v) {
  j = json{{"function", v.function}, {"where", v.where}, {"implementation", v.implementation}};
}
void from_json(const json &j, LegacyReference &v) {
  j.at("function").get_to(v.function);
  j.at("where").get_to(v.where);
  j.at("implementation").get_to(v.implementation);
}

namespace {
constexpr std::pair<RewriteLayer, const char *> layer_names[] = {
    {RewriteLayer::ProtoOps, "proto_ops"},
    {RewriteLayer::CoreHelper, "core_helper"},
    {RewriteLayer::InnerHelper, "inner_helper"},
    {RewriteLayer::HookWrapper, "hook_wrapper"},
};
} // namespace

void to_json(json &j, RewriteLayer v) {
  for (const auto &[layer, name] : layer_names)
    if (layer == v)
      j = name;
}
void from_json(const json &j, RewriteLayer &v) {
  for (const auto &[layer, name] : layer_names)
    if (j == name) {
      v = layer;
      return;
    }
  throw json::other_error::create(501, "unknown rewrite layer " + j.dump(), &j);
}

void to_json(json &j, const RewriteUnit &v) {
  j = json{{"layer", v.layer},
           {"function", v.function},
           {"hook", v.hook},
           {"file", v.file},
           {"edits", v.edits},
           {"blocked", v.blocked},
           {"notes", v.notes},
           {"behaviour_changes", v.behaviour_changes},
           {"callees", v.callees},
           {"shared_helper", v.shared_helper},
           {"declarations", v.declarations},
           {"patch", v.patch}};
}
void from_json(const json &j, RewriteUnit &v) {
  j.at("layer").get_to(v.layer);
  j.at("function").get_to(v.function);
  j.at("hook").get_to(v.hook);
  j.at("file").get_to(v.file);
  j.at("edits").get_to(v.edits);
  j.at("blocked").get_to(v.blocked);
  j.at("notes").get_to(v.notes);
  j.at("behaviour_changes").get_to(v.behaviour_changes);
  j.at("callees").get_to(v.callees);
  j.at("shared_helper").get_to(v.shared_helper);
  j.at("declarations").get_to(v.declarations);
  j.at("patch").get_to(v.patch);
}

void to_json(json &j, const CheckFinding &v) {
  j = json{{"rule", v.rule}, {"message", v.message}, {"function", v.function}};
  j.update(json(v.where));
}
void from_json(const json &j, CheckFinding &v) {
  j.at("rule").get_to(v.rule);
  j.at("message").get_to(v.message);
  j.at("function").get_to(v.function);
  from_json(j, v.where);
}

void to_json(json &j, const TranslationUnitResult &v) {
  j = json{{"file", v.file},
           {"failed", v.failed},
           {"diagnostics", v.diagnostics},
           {"implementations", v.implementations},
           {"candidates", v.candidates},
           {"foreign_registrations", v.foreign_registrations},
           {"hidden_registrations", v.hidden_registrations},
           {"sockopt_t", v.sockopt_type ? json(*v.sockopt_type) : json(nullptr)},
           {"rewrites", v.rewrites},
           {"digests", v.digests},
           {"findings", v.findings},
           {"sockptr_implementations", v.sockptr_implementations},
           {"inner_helpers", v.inner_helpers},
           {"sockptr_calls", v.sockptr_calls},
           {"followed", v.followed},
           {"legacy_references", v.legacy_references}};
  if (!v.inputs.files.empty())
    j["inputs"] = json{{"files", v.inputs.files},
                       {"missing", v.inputs.missing},
                       {"complete", v.inputs.complete}};
  if (v.precompiled_prefix)
    j["precompiled_prefix"] = true;
}
void from_json(const json &j, TranslationUnitResult &v) {
  j.at("file").get_to(v.file);
  j.at("failed").get_to(v.failed);
  j.at("diagnostics").get_to(v.diagnostics);
  j.at("implementations").get_to(v.implementations);
  j.at("candidates").get_to(v.candidates);
  j.at("foreign_registrations").get_to(v.foreign_registrations);
  j.at("hidden_registrations").get_to(v.hidden_registrations);
  if (!j.at("sockopt_t").is_null())
    v.sockopt_type = j.at("sockopt_t").get<SockoptTypeInfo>();
  j.at("rewrites").get_to(v.rewrites);
  j.at("digests").get_to(v.digests);
  j.at("findings").get_to(v.findings);
  j.at("sockptr_implementations").get_to(v.sockptr_implementations);
  j.at("inner_helpers").get_to(v.inner_helpers);
  j.at("sockptr_calls").get_to(v.sockptr_calls);
  j.at("followed").get_to(v.followed);
  j.at("legacy_references").get_to(v.legacy_references);
  if (auto inputs = j.find("inputs"); inputs != j.end()) {
    inputs->at("files").get_to(v.inputs.files);
    inputs->at("missing").get_to(v.inputs.missing);
    inputs->at("complete").get_to(v.inputs.complete);
  }
  v.precompiled_prefix = j.value("precompiled_prefix", false);
}

} // namespace sockopt
