#include "output/Explain.h"

#include "checks/Registry.h"
#include "model/Vocabulary.h"

#include <functional>

namespace sockopt {

namespace {

/// One vocabulary as `explain` shows it.
struct Table {
  const char *key;   // in the JSON and the Markdown marker
  const char *title; // of the group in the text listing
  const char *word;  // what one of its words is, in "NAME (WORD)"
  const char *column; // heading of the name column in Markdown
  std::vector<std::pair<std::string, std::string>> rows; // name, meaning
};

template <typename E>
std::vector<std::pair<std::string, std::string>>
rowsOf(const std::function<bool(const Term<E> &)> &keep = {}) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const Term<E> &t : vocabulary<E>())
    if (!t.name.empty() && (!keep || keep(t)))
      rows.emplace_back(std::string(t.name), std::string(t.meaning));
  return rows;
}

std::vector<Table> tables() {
  std::vector<std::pair<std::string, std::string>> rules;
  for (const CheckRule &r : checkRules())
    rules.emplace_back(std::string(r.id), std::string(r.rationale));
  return {
      {"verdicts", "Verdicts", "verdict", "verdict", rowsOf<Verdict>()},
      {"kinds", "Kinds", "kind", "kind", rowsOf<Kind>()},
      {"reason-codes", "Reason codes", "reason code", "code",
       rowsOf<ReasonCode>([](const Term<ReasonCode> &t) { return !t.from_rewrite; })},
      {"rewrite-reasons", "Reasons from the rewrite", "reason code from the rewrite", "code",
       rowsOf<ReasonCode>([](const Term<ReasonCode> &t) { return t.from_rewrite; })},
      {"behaviour-changes", "Behaviour changes", "behaviour change, for --accept", "code",
       rowsOf<ChangeCode>()},
      {"resolutions", "Resolutions of a hand-off to another unit", "resolution", "resolution",
       rowsOf<Resolution>()},
      {"bridges", "Bridges of a sockptr_t call", "bridge", "bridge", rowsOf<Bridge>()},
      {"check-rules", "Rules of check", "check rule", "rule", std::move(rules)},
  };
}

} // namespace

std::optional<std::string> explainWord(const std::string &name) {
  std::string found;
  for (const Table &table : tables())
    for (const auto &[word, meaning] : table.rows)
      if (word == name)
        found += word + " (" + table.word + "): " + meaning + "\n";
  if (found.empty())
    return std::nullopt;
  return found;
}

std::string explainAll() {
  std::string out;
  for (const Table &table : tables()) {
    out += out.empty() ? "" : "\n";
    out += std::string(table.title) + ":\n";
    for (const auto &[word, meaning] : table.rows)
      out += "  " + word + ": " + meaning + "\n";
  }
  return out;
}

nlohmann::ordered_json vocabularyJson() {
  nlohmann::ordered_json j;
  for (const Table &table : tables()) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto &[word, meaning] : table.rows)
      rows.push_back({{"name", word}, {"meaning", meaning}});
    j[table.key] = rows;
  }
  return j;
}

std::string vocabularyMarkdown() {
  std::string out;
  for (const Table &table : tables()) {
    out += out.empty() ? "" : "\n";
    out += std::string("<!-- sockopt-migrate explain: ") + table.key + " -->\n";
    out += std::string("| ") + table.column + " | meaning |\n|---|---|\n";
    for (const auto &[word, meaning] : table.rows)
      out += "| `" + word + "` | " + meaning + " |\n";
  }
  return out;
}

} // namespace sockopt
