#include "output/TextReport.h"

#include "model/Report.h"

#include "llvm/Support/FormatVariadic.h"

#include <set>

namespace sockopt {

namespace {

/// The lines under one implementation, each once: reasons that differ only
/// in their message or options print the same line.
class Block {
public:
  explicit Block(std::string &out) : out_(out) {}
  void add(std::string line) {
    if (seen_.insert(line).second)
      out_ += line;
  }

private:
  std::string &out_;
  std::set<std::string> seen_;
};

} // namespace

std::string formatTextReport(const nlohmann::ordered_json &report) {
  std::string out;
  for (const auto &impl : report["implementations"]) {
    Block block(out);
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
      block.add(llvm::formatv("  {0}: {1}:{2} via {3}\n", r["code"].get<std::string>(),
                              r["file"].get<std::string>(), r["line"].get<unsigned>(), chain));
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
      block.add(llvm::formatv("  options: {0} convertible; manual: {1}\n", convertible, manual));
    }
    for (const auto &c : impl["behaviour_changes"]) {
      auto change = nlohmann::json(c).get<BehaviourChange>();
      block.add(llvm::formatv("  {0}: {1}:{2} {3}() {4}: {5}; after conversion: {6}\n",
                              c["code"].get<std::string>(), c["file"].get<std::string>(),
                              c["line"].get<unsigned>(), c["function"].get<std::string>(),
                              (change.option.empty() ? "" : "option ") + change.optionLabel(),
                              c["old"].get<std::string>(), c["new"].get<std::string>()));
    }
  }
  for (const auto &e : report["errors"])
    out += "error              " + e["file"].get<std::string>() + ": " +
           (e["diagnostics"].empty() ? std::string() : e["diagnostics"][0].get<std::string>()) +
           "\n";
  return out;
}

} // namespace sockopt
