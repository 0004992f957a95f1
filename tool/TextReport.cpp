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
    // Reasons found past the implementation's own body, with their chain.
    for (const auto &r : impl["reasons"]) {
      if (r["via"].size() < 2)
        continue;
      std::string chain;
      for (const auto &f : r["via"])
        chain += (chain.empty() ? "" : " -> ") + f.get<std::string>();
      out += llvm::formatv("  {0}: {1}:{2} via {3}\n", r["code"].get<std::string>(),
                           r["file"].get<std::string>(), r["line"].get<unsigned>(), chain)
                 .str();
    }
    if (impl.contains("options")) {
      unsigned convertible = 0;
      std::string manual;
      for (const auto &o : impl["options"]) {
        if (o["verdict"] == "convertible") {
          ++convertible;
          continue;
        }
        std::string codes;
        for (const auto &c : o["reasons"])
          codes += (codes.empty() ? "" : ",") + c.get<std::string>();
        manual += (manual.empty() ? "" : ", ") + o["option"].get<std::string>() + " [" + codes + "]";
      }
      out += llvm::formatv("  options: {0} convertible; manual: {1}\n", convertible, manual).str();
    }
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
