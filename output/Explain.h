// What `sockopt-migrate explain` prints: the meaning of every word the
// report and check use (model/Vocabulary.h, checks/Registry.h), as text, as
// JSON, or as the Markdown tables that docs/ embeds.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace sockopt {

/// "NAME (WHAT): MEANING" for the word or check rule `name`; none if no
/// vocabulary has it.
std::optional<std::string> explainWord(const std::string &name);

/// Every word, one line each, grouped by vocabulary.
std::string explainAll();

/// Every vocabulary as JSON: {"verdicts": [{"name", "meaning"}], ...}.
nlohmann::ordered_json vocabularyJson();

/// Every vocabulary as a Markdown table, each after the line
/// "<!-- sockopt-migrate explain: TABLE -->" that marks its place in docs/.
std::string vocabularyMarkdown();

} // namespace sockopt
