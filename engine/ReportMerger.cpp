#include "engine/ReportMerger.h"

#include "engine/ChainComposition.h"
#include "engine/TreeAnalysis.h"
#include "model/Verdict.h"
#include "support/Paths.h"
#include "support/Version.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>
#include <set>

namespace sockopt {

namespace {

void relativize(Implementation &impl, const std::string &root) {
  // Reasons found about the implementation as a whole (shared-helper,
  // definition-not-scanned) belong to its own chain.
  for (Reason &r : impl.reasons)
    if (r.via.empty())
      r.via = {impl.function};
  impl.where.file = relativeTo(impl.where.file, root);
  for (Registration &r : impl.registrations)
    r.where.file = relativeTo(r.where.file, root);
  for (Reason &r : impl.reasons)
    r.where.file = relativeTo(r.where.file, root);
  for (BehaviourChange &c : impl.behaviour_changes)
    c.where.file = relativeTo(c.where.file, root);
  for (Helper &h : impl.helpers)
    h.where.file = relativeTo(h.where.file, root);
  for (ExternalCall &c : impl.external_calls)
    c.where.file = relativeTo(c.where.file, root);
  for (SockptrCaller &c : impl.callers)
    c.where.file = relativeTo(c.where.file, root);
}

/// The report shows what a reader needs; the calling contexts and raw
/// labels are the analysis' own.
nlohmann::ordered_json implementationJson(const Implementation &impl) {
  nlohmann::json j = impl;
  j.erase("option_labels");
  j.erase("on_sockopt");
  for (nlohmann::json &call : j["external_calls"])
    call.erase("context");
  for (nlohmann::json &reason : j["reasons"])
    reason.erase("callee");
  return nlohmann::ordered_json(j);
}

using Key = std::pair<std::string, std::string>; // file, function

/// What the units found, before the whole-tree view: implementations by
/// (file, function) with their chains composed, and the rest to attach.
struct Gathered {
  std::map<Key, Implementation> found;
  std::map<Key, Implementation> candidates;
  std::vector<ForeignRegistration> foreign;
  std::vector<HiddenRegistration> hidden;
  std::optional<SockoptTypeInfo> sockopt_type;
  std::vector<std::pair<std::string, SockptrCaller>> sockptr_calls;
  std::vector<UnitError> errors;
};

Gathered gather(TreeAnalysis &tree, const std::string &root) {
  Gathered g;
  for (TranslationUnitResult &unit : tree.failed)
    g.errors.push_back({relativeTo(unit.file, root), unit.diagnostics});
  auto add = [&](std::map<Key, Implementation> &to, Implementation &impl) {
    composeChains(impl, tree, root);
    relativize(impl, root);
    to.try_emplace({impl.where.file, impl.function}, std::move(impl));
  };
  for (TranslationUnitResult &unit : tree.units) {
    if (unit.failed) {
      g.errors.push_back({relativeTo(unit.file, root), unit.diagnostics});
      continue;
    }
    for (auto &call : unit.sockptr_calls)
      g.sockptr_calls.push_back(std::move(call));
    for (Implementation &impl : unit.sockptr_implementations)
      add(g.found, impl);
    for (Implementation &impl : unit.inner_helpers)
      add(g.found, impl);
    if (!g.sockopt_type && unit.sockopt_type) {
      g.sockopt_type = unit.sockopt_type;
      g.sockopt_type->file = relativeTo(g.sockopt_type->file, root);
    }
    for (Implementation &impl : unit.implementations)
      add(g.found, impl);
    for (Implementation &impl : unit.candidates)
      add(g.candidates, impl);
    for (HiddenRegistration &h : unit.hidden_registrations) {
      h.where.file = relativeTo(h.where.file, root);
      g.hidden.push_back(std::move(h));
    }
    for (ForeignRegistration &f : unit.foreign_registrations) {
      f.registration.where.file = relativeTo(f.registration.where.file, root);
      g.foreign.push_back(std::move(f));
    }
  }
  return g;
}

/// A registration in one file of a function defined in another: attached
/// to the externally visible definition, or to a candidate, which becomes
/// an implementation; without either, an entry that says so.
void attachForeignRegistrations(Gathered &g) {
  for (ForeignRegistration &f : g.foreign) {
    Implementation *target = nullptr;
    for (auto &[key, impl] : g.found)
      if (impl.function == f.function && impl.externally_visible)
        target = &impl;
    if (!target)
      for (auto &[key, impl] : g.candidates)
        if (impl.function == f.function) {
          target = &g.found.try_emplace(key, std::move(impl)).first->second;
          g.candidates.erase(key);
          break;
        }
    if (!target) {
      Key key{"", f.function};
      auto [it, inserted] = g.found.try_emplace(key);
      target = &it->second;
      if (inserted) {
        // No definition to point at: the entry points at the registration.
        target->function = f.function;
        target->where = f.registration.where;
        target->externally_visible = true;
        target->reasons.push_back(
            {ReasonCode::DefinitionNotScanned,
             "registered as getsockopt, but no scanned translation unit defines it",
             f.registration.where,
             {f.function}});
      }
    }
    bool known = false;
    for (const Registration &r : target->registrations)
      known |=
          r.where.file == f.registration.where.file && r.where.line == f.registration.where.line;
    if (!known)
      target->registrations.push_back(std::move(f.registration));
  }
}

/// Who calls each sockptr_t implementation, and with what kind of buffer.
void attachSockptrCallers(Gathered &g, const std::string &root) {
  for (auto &[key, impl] : g.found) {
    if (impl.kind != Kind::Sockptr)
      continue;
    for (const auto &[callee, caller] : g.sockptr_calls)
      if (callee == impl.function &&
          (impl.externally_visible || relativeTo(caller.where.file, root) == impl.where.file)) {
        SockptrCaller c = caller;
        c.where.file = relativeTo(c.where.file, root);
        impl.callers.push_back(std::move(c));
      }
    std::sort(impl.callers.begin(), impl.callers.end(),
              [](const SockptrCaller &a, const SockptrCaller &b) {
                return std::tie(a.where.file, a.where.line) < std::tie(b.where.file, b.where.line);
              });
  }
}

} // namespace

MergedReport mergeReport(TreeAnalysis tree, const std::string &root) {
  Gathered g = gather(tree, root);
  attachForeignRegistrations(g);
  attachSockptrCallers(g, root);

  MergedReport report;
  report.root = root;
  report.sockopt_type = g.sockopt_type;
  ReportSummary &summary = report.summary;
  for (const Term<Verdict> &t : vocabulary<Verdict>())
    summary.by_verdict[std::string(t.name)] = 0;
  for (auto &[key, impl] : g.found) {
    settleVerdict(impl);
    settleOptions(impl);
    ++summary.by_verdict[nameString(impl.verdict)];
    ++summary.by_kind[nameString(impl.kind)];
    std::set<ReasonCode> codes;
    for (const Reason &r : impl.reasons)
      codes.insert(r.code);
    for (ReasonCode c : codes)
      ++summary.by_reason[nameString(c)];
    for (const BehaviourChange &c : impl.behaviour_changes)
      ++summary.by_behaviour_change[nameString(c.code)];
    summary.behaviour_changes += impl.behaviour_changes.size();
    report.implementations.push_back(std::move(impl));
  }
  report.hidden_registrations = std::move(g.hidden);
  std::sort(report.hidden_registrations.begin(), report.hidden_registrations.end(),
            [](const HiddenRegistration &a, const HiddenRegistration &b) {
              return std::tie(a.where.file, a.where.line, a.where.column) <
                     std::tie(b.where.file, b.where.line, b.where.column);
            });
  summary.translation_units = tree.units.size();
  summary.implementations = report.implementations.size();
  summary.followed_functions = tree.followed.size();
  summary.followed_parses = tree.followed_units;
  summary.followed_rounds = tree.rounds;
  report.errors = std::move(g.errors);
  summary.errors = report.errors.size();
  return report;
}

nlohmann::ordered_json reportJson(const MergedReport &report) {
  nlohmann::ordered_json implementations = nlohmann::ordered_json::array();
  for (const Implementation &impl : report.implementations)
    implementations.push_back(implementationJson(impl));
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const UnitError &e : report.errors)
    errors.push_back({{"file", e.file}, {"diagnostics", e.diagnostics}});
  const ReportSummary &s = report.summary;
  nlohmann::ordered_json j;
  j["schema_version"] = kReportSchemaVersion;
  j["tool"] = {{"name", "sockopt-migrate"}, {"version", SOCKOPT_MIGRATE_VERSION}};
  j["root"] = report.root;
  j["sockopt_t"] = report.sockopt_type
                       ? nlohmann::ordered_json(nlohmann::json(*report.sockopt_type))
                       : nlohmann::ordered_json(nullptr);
  j["implementations"] = implementations;
  if (!report.hidden_registrations.empty())
    j["hidden_registrations"] = nlohmann::json(report.hidden_registrations);
  j["summary"] = {{"translation_units", s.translation_units},
                  {"implementations", s.implementations},
                  {"by_kind", s.by_kind},
                  {"by_verdict", s.by_verdict},
                  {"by_reason", s.by_reason},
                  {"behaviour_changes", s.behaviour_changes},
                  {"by_behaviour_change", s.by_behaviour_change},
                  {"followed",
                   {{"functions", s.followed_functions},
                    {"parses", s.followed_parses},
                    {"rounds", s.followed_rounds}}},
                  {"errors", s.errors}};
  j["errors"] = errors;
  return j;
}

} // namespace sockopt
