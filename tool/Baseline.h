// The baseline of `check`: the findings a tree had when it adopted the
// gate, which later runs do not report again.
//
// Version 2 (written since) records each finding by rule, file, function
// and the text of its line, whitespace collapsed: a finding survives lines
// moving above it, and a new misuse in a function that already had one is
// still reported. Each entry suppresses one finding, so a copy of a
// recorded line is new too. Version 1 files, keyed by rule, file and
// function alone, are still read, with a note that they hide new findings
// in the functions they name.
#pragma once

#include "model/Report.h"

#include "llvm/Support/Error.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace sockopt {

/// The text of a finding's line, read from the tree once per file.
class FindingLines {
public:
  explicit FindingLines(std::string root) : root_(std::move(root)) {}
  /// The line `f` points at, its whitespace collapsed; empty if unreadable.
  std::string textOf(const CheckFinding &f);

private:
  std::string root_;
  std::map<std::string, std::vector<std::string>> lines_; // by tree-relative file
};

class Baseline {
public:
  /// Reads `path`; an error says why it is not a baseline.
  static llvm::Expected<Baseline> read(const std::string &path);
  /// The version 2 file recording `findings`.
  static std::string text(const std::vector<CheckFinding> &findings, FindingLines &lines);

  /// Whether `f`, whose line reads `line_text`, is recorded; each entry
  /// suppresses one finding.
  bool suppress(const CheckFinding &f, const std::string &line_text);
  /// A version 1 file, keyed by function.
  bool keyedByFunction() const { return !functions_.empty(); }

private:
  using FunctionKey = std::tuple<std::string, std::string, std::string>; // rule, file, function
  using LineKey = std::tuple<std::string, std::string, std::string, std::string>; // and text
  std::set<FunctionKey> functions_;
  std::multiset<LineKey> lines_;
};

} // namespace sockopt
