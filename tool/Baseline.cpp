#include "tool/Baseline.h"

#include "output/JsonText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <nlohmann/json.hpp>

namespace sockopt {

namespace {

/// `line` with leading and trailing whitespace dropped and every inner run
/// of it one space: reindenting a line does not make its finding new.
std::string collapsed(llvm::StringRef line) {
  llvm::SmallVector<llvm::StringRef, 16> words;
  llvm::SplitString(line, words);
  return llvm::join(words, " ");
}

} // namespace

std::string FindingLines::textOf(const CheckFinding &f) {
  auto [it, inserted] = lines_.try_emplace(f.where.file);
  if (inserted) {
    llvm::SmallString<256> path(root_);
    llvm::sys::path::append(path, f.where.file);
    if (auto buffer = llvm::MemoryBuffer::getFile(path)) {
      llvm::SmallVector<llvm::StringRef, 0> split;
      (*buffer)->getBuffer().split(split, '\n');
      for (llvm::StringRef line : split)
        it->second.push_back(collapsed(line));
    }
  }
  if (f.where.line == 0 || f.where.line > it->second.size())
    return "";
  return it->second[f.where.line - 1];
}

llvm::Expected<Baseline> Baseline::read(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError("cannot read baseline " + path + ": " +
                                   buffer.getError().message());
  nlohmann::json j = nlohmann::json::parse((*buffer)->getBuffer().str(), nullptr, false);
  auto invalid = [&](const std::string &why) {
    return llvm::createStringError(path + ": not a sockopt-migrate baseline: " + why);
  };
  if (j.is_discarded())
    return invalid("not JSON");
  if (!j.is_object() || !j.contains("suppressions") || !j["suppressions"].is_array())
    return invalid("no \"suppressions\" array");
  int version = 1;
  if (j.contains("version")) {
    if (!j["version"].is_number_integer() || (j["version"] != 1 && j["version"] != 2))
      return invalid("\"version\" is neither 1 nor 2");
    version = j["version"].get<int>();
  }
  std::vector<const char *> fields = {"rule", "file", "function"};
  if (version == 2)
    fields.push_back("text");
  Baseline baseline;
  unsigned n = 0;
  for (const auto &s : j["suppressions"]) {
    ++n;
    for (const char *field : fields)
      if (!s.is_object() || !s.contains(field) || !s[field].is_string())
        return invalid("suppression " + std::to_string(n) + " has no \"" + field + "\" string");
    std::string rule = s["rule"], file = s["file"], function = s["function"];
    if (version == 1)
      baseline.functions_.insert({rule, file, function});
    else
      baseline.lines_.insert({rule, file, function, s["text"].get<std::string>()});
  }
  return baseline;
}

std::string Baseline::text(const std::vector<CheckFinding> &findings, FindingLines &lines) {
  std::multiset<LineKey> keys;
  for (const CheckFinding &f : findings)
    keys.insert({f.rule, f.where.file, f.function, lines.textOf(f)});
  nlohmann::ordered_json j;
  j["version"] = 2;
  j["suppressions"] = nlohmann::ordered_json::array();
  for (const auto &[rule, file, function, text] : keys)
    j["suppressions"].push_back(
        {{"rule", rule}, {"file", file}, {"function", function}, {"text", text}});
  return jsonText(j);
}

bool Baseline::suppress(const CheckFinding &f, const std::string &line_text) {
  if (functions_.count({f.rule, f.where.file, f.function}))
    return true;
  auto it = lines_.find({f.rule, f.where.file, f.function, line_text});
  if (it == lines_.end())
    return false;
  lines_.erase(it);
  return true;
}

} // namespace sockopt
