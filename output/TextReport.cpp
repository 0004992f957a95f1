#include "output/TextReport.h"

#include "model/Report.h"

#include "llvm/ADT/StringExtras.h"
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

std::string formatTextReport(const MergedReport &report) {
  std::string out;
  for (const Implementation &impl : report.implementations) {
    Block block(out);
    std::set<std::string> codes;
    for (const Reason &r : impl.reasons)
      codes.insert(nameString(r.code));
    std::string reasons;
    for (const std::string &c : codes)
      reasons += (reasons.empty() ? "" : ",") + c;
    std::string where = impl.where.file + ":" + std::to_string(impl.where.line);
    out += llvm::formatv("{0,-18} {1,-9} {2} {3}{4}\n", nameOf(impl.verdict), nameOf(impl.kind),
                         where, impl.function, reasons.empty() ? "" : " [" + reasons + "]")
               .str();
    if (impl.kind == Kind::Inner && impl.hooks_elsewhere.empty())
      block.add("  inner helper of " + impl.hook + "(), which keeps its signature\n");
    else if (impl.kind == Kind::Inner)
      block.add("  inner helper of " + impl.hook + "() and of " +
                llvm::join(impl.hooks_elsewhere, ", ") + ", which keep their signatures\n");
    // Reasons found past the implementation's own body, with their chain.
    for (const Reason &r : impl.reasons)
      if (r.via.size() >= 2)
        block.add(llvm::formatv("  {0}: {1}:{2} via {3}\n", nameOf(r.code), r.where.file,
                                r.where.line, llvm::join(r.via, " -> ")));
    if (!impl.options.empty()) {
      unsigned convertible = 0;
      std::string manual, moved;
      for (const OptionVerdict &o : impl.options) {
        if (o.verdict == Verdict::Convertible) {
          ++convertible;
          moved += (moved.empty() ? "" : ", ") + o.option;
          continue;
        }
        std::string codes;
        for (ReasonCode c : o.reasons)
          codes += (codes.empty() ? "" : ",") + nameString(c);
        manual += (manual.empty() ? "" : ", ") + o.option + " [" + codes + "]";
      }
      // An inner helper's options all convert, or none do (model/Verdict.cpp).
      block.add(manual.empty()
                    ? llvm::formatv("  options: {0} convertible: {1}\n", convertible, moved).str()
                    : llvm::formatv("  options: {0} convertible; manual: {1}\n", convertible,
                                    manual)
                          .str());
    }
    for (const BehaviourChange &c : impl.behaviour_changes)
      block.add(llvm::formatv("  {0}: {1}:{2} {3}() {4}: {5}; after conversion: {6}\n",
                              nameOf(c.code), c.where.file, c.where.line, c.function,
                              (c.option.empty() ? "" : "option ") + c.optionLabel(),
                              c.old_result, c.new_result));
  }
  // Registrations this configuration does not compile: their functions are
  // not above, and the line says why.
  for (const HiddenRegistration &h : report.hidden_registrations)
    out += llvm::formatv("{0,-18} {1,-9} {2}:{3} {4} [.{5} under {6}]\n", "not-compiled",
                         "-", h.where.file, h.where.line, h.function, h.field, h.directive)
               .str();
  for (const UnitError &e : report.errors)
    out += "error              " + e.file + ": " +
           (e.diagnostics.empty() ? std::string() : e.diagnostics[0]) + "\n";
  return out;
}

} // namespace sockopt
