#include "output/CheckOutput.h"

#include "checks/Registry.h"
#include "support/Version.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/xxhash.h"

#include <map>

namespace sockopt {

std::string formatFindingsText(const std::vector<CheckFinding> &findings) {
  std::string out;
  for (const CheckFinding &f : findings)
    out += llvm::formatv("{0}:{1}:{2}: warning: {3} [{4}]\n", f.where.file, f.where.line,
                         f.where.column, f.message, f.rule)
               .str();
  return out;
}

nlohmann::ordered_json formatFindingsJson(const std::vector<CheckFinding> &findings,
                                          const std::vector<std::string> &errors) {
  nlohmann::ordered_json out;
  out["tool"] = {{"name", "sockopt-migrate"}, {"version", SOCKOPT_MIGRATE_VERSION}};
  out["findings"] = nlohmann::ordered_json::array();
  for (const CheckFinding &f : findings)
    out["findings"].push_back({{"rule", f.rule},
                               {"file", f.where.file},
                               {"line", f.where.line},
                               {"column", f.where.column},
                               {"function", f.function},
                               {"message", f.message}});
  out["errors"] = errors;
  return out;
}

nlohmann::ordered_json formatFindingsSarif(const std::vector<CheckFinding> &findings,
                                           const std::vector<UnparsedUnit> &unparsed,
                                           const std::string &root) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  std::map<std::string, unsigned> rule_index;
  for (const CheckRule &r : checkRules()) {
    rule_index[std::string(r.id)] = rules.size();
    rules.push_back({{"id", r.id},
                     {"shortDescription", {{"text", r.rationale}}},
                     {"fullDescription", {{"text", r.rationale}}},
                     {"defaultConfiguration", {{"level", "warning"}}}});
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  std::map<std::string, unsigned> occurrence;
  for (const CheckFinding &f : findings) {
    std::string key = f.rule + "|" + f.where.file + "|" + f.function;
    unsigned n = occurrence[key]++;
    results.push_back(
        {{"ruleId", f.rule},
         {"ruleIndex", rule_index[f.rule]},
         {"level", "warning"},
         {"message", {{"text", f.message}}},
         {"locations",
          {{{"physicalLocation",
             {{"artifactLocation", {{"uri", f.where.file}, {"uriBaseId", "SRCROOT"}}},
              {"region", {{"startLine", f.where.line}, {"startColumn", f.where.column}}}}}}}},
         {"partialFingerprints",
          {{"sockoptMigrate/v1",
            llvm::utohexstr(llvm::xxh3_64bits(key + "|" + std::to_string(n)), true)}}}});
  }
  nlohmann::ordered_json notifications = nlohmann::ordered_json::array();
  for (const UnparsedUnit &u : unparsed)
    notifications.push_back(
        {{"level", "error"},
         {"message", {{"text", "not parsed: " + u.diagnostic}}},
         {"locations",
          {{{"physicalLocation",
             {{"artifactLocation", {{"uri", u.file}, {"uriBaseId", "SRCROOT"}}}}}}}}});
  nlohmann::ordered_json invocation = {{"executionSuccessful", unparsed.empty()}};
  if (!unparsed.empty())
    invocation["toolExecutionNotifications"] = notifications;
  nlohmann::ordered_json sarif;
  sarif["$schema"] =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = {{{"tool",
                     {{"driver",
                       {{"name", "sockopt-migrate"},
                        {"semanticVersion", SOCKOPT_MIGRATE_VERSION},
                        {"rules", rules}}}}},
                    {"invocations", nlohmann::ordered_json::array({invocation})},
                    {"originalUriBaseIds", {{"SRCROOT", {{"uri", "file://" + root + "/"}}}}},
                    {"results", results}}};
  return sarif;
}

} // namespace sockopt
