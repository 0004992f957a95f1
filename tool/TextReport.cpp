#include "tool/TextReport.h"

#include "llvm/Support/FormatVariadic.h"

#include <set>

namespace sockopt {

std::string formatTextReport(const nlohmann::ordered_json &report) {
  std::string out;
  for (const auto &impl : report["implementations"]) {
    std::set<std::string> codes;
    for (const auto &r : impl["reasons"])
      codes.insert(r["code"].get<std::string>());
    std::string reasons;
    for (const std::string &c : codes)
      reasons += (reasons.empty() ? "" : ",") + c;
    std::string where =
        impl["file"].get<std::string>() + ":" + std::to_string(impl["line"].get<unsigned>());
    out +=
        llvm::formatv("{0,-18} {1,-9} {2} {3}{4}\n", impl["verdict"].get<std::string>(),
                      impl["kind"].get<std::string>(), where, impl["function"].get<std::string>(),
                      reasons.empty() ? "" : " [" + reasons + "]")
            .str();
    for (const auto &c : impl["behaviour_changes"])
      out += llvm::formatv("  {0}: {1}:{2} {3}() option {4}: {5}; after conversion: {6}\n",
                           c["code"].get<std::string>(), c["file"].get<std::string>(),
                           c["line"].get<unsigned>(), c["function"].get<std::string>(),
                           c["option"].get<std::string>().empty() ? "?"
                                                                  : c["option"].get<std::string>(),
                           c["old"].get<std::string>(), c["new"].get<std::string>())
                 .str();
  }
  for (const auto &e : report["errors"])
    out += "error              " + e["file"].get<std::string>() + ": " +
           (e["diagnostics"].empty() ? std::string() : e["diagnostics"][0].get<std::string>()) +
           "\n";
  return out;
}

} // namespace sockopt
