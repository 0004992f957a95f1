// The report and the baseline as JSON text.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace sockopt {

/// `j` as indented JSON text with a final newline. JSON strings are UTF-8:
/// a byte that is not (a Latin-1 file name, a comment) is written as U+FFFD
/// instead of aborting the run.
inline std::string jsonText(const nlohmann::ordered_json &j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace sockopt
