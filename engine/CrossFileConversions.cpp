#include "engine/CrossFileConversions.h"

#include "engine/DefinitionIndex.h"
#include "model/Verdict.h"
#include "support/Paths.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <memory>
#include <set>

namespace sockopt {

namespace {

struct UnitRef {
  size_t unit = 0, index = 0;
};

/// Whether `text` names `function` as an identifier.
bool names(llvm::StringRef text, llvm::StringRef function) {
  auto ident = [](char c) { return llvm::isAlnum(c) || c == '_'; };
  for (size_t at = text.find(function); at != llvm::StringRef::npos;
       at = text.find(function, at + 1)) {
    size_t end = at + function.size();
    if ((at == 0 || !ident(text[at - 1])) && (end == text.size() || !ident(text[end])))
      return true;
  }
  return false;
}

class Settler {
public:
  Settler(std::vector<TranslationUnitResult> &units, const std::vector<std::string> &db_files,
          const std::string &root)
      : units_(units), db_files_(db_files), root_(root) {}

  void run() {
    collect();
    if (needed().empty()) {
      dropUnconverted({});
      return;
    }
    // Whether each caller converts, until nothing changes: a callee that
    // cannot convert keeps its callers, and a caller that does not convert
    // keeps its callees, which keeps their other callers. The first cause
    // found for a callee is the one reported.
    std::map<std::string, std::string> why;
    for (bool changed = true; changed;) {
      changed = false;
      for (const std::string &f : needed())
        if (why[f].empty())
          why[f] = whyNot(f);
      for (auto &[key, ok] : converts_) {
        if (!ok)
          continue;
        for (const CrossFileCallee &callee : rewrite(callers_.at(key)).callees)
          ok &= why[callee.function].empty();
        changed |= !ok;
      }
    }
    std::set<std::string> converting;
    for (const auto &[f, reason] : why)
      if (reason.empty())
        converting.insert(f);
    apply(why);
    dropUnconverted(converting);
  }

private:
  RewriteUnit &rewrite(UnitRef r) { return units_[r.unit].rewrites[r.index]; }
  std::string rel(const std::string &file) const { return relativeTo(file, root_); }
  std::string at(const SourcePoint &p) const {
    return rel(p.file) + ":" + std::to_string(p.line);
  }

  void collect() {
    for (const TranslationUnitResult &unit : units_) {
      in_run_.insert(unit.file);
      if (unit.failed)
        failed_.insert(unit.file);
    }
    std::vector<UnitRef> wrappers;
    for (size_t u = 0; u < units_.size(); ++u) {
      for (size_t i = 0; i < units_[u].rewrites.size(); ++i) {
        const RewriteUnit &r = units_[u].rewrites[i];
        if (r.shared_helper)
          helpers_[r.function].push_back({u, i});
        else if (r.layer == RewriteLayer::HookWrapper)
          wrappers.push_back({u, i});
        else if (!r.callees.empty())
          addCaller({u, i});
      }
      for (const LegacyReference &ref : units_[u].legacy_references)
        references_[ref.function].push_back(ref);
    }
    // A hook's wrapper has something to settle only around the call of an
    // inner helper some unit of the run converts; around any other call
    // (udp_getsockopt()'s ip_getsockopt()) it is dropped unasked.
    for (UnitRef w : wrappers)
      if (helpers_.count(rewrite(w).callees.front().function))
        addCaller(w);
  }
  void addCaller(UnitRef r) {
    callers_[callerKey(rewrite(r))] = r;
    converts_[callerKey(rewrite(r))] = rewrite(r).blocked.empty();
  }

  /// A caller's key: its file and function, and for a hook's wrapper, the
  /// one callee it wraps (a hook may call two functions of other files).
  static std::string callerKey(const std::string &file, const std::string &function,
                               const std::string &wrapped = "") {
    return functionKey(file, function) + (wrapped.empty() ? "" : " -> " + wrapped);
  }
  static std::string callerKey(const RewriteUnit &r) {
    return callerKey(r.file, r.function,
                     r.layer == RewriteLayer::HookWrapper ? r.callees.front().function : "");
  }
  /// The caller whose conversion passes `opt` in a call of `function`.
  std::map<std::string, UnitRef>::iterator callerOf(const LegacyReference &ref,
                                                    const std::string &function) {
    auto found = callers_.find(callerKey(ref.where.file, ref.implementation));
    return found != callers_.end() ? found
                                   : callers_.find(callerKey(ref.where.file, ref.implementation,
                                                             function));
  }

  /// The functions to settle: every callee of a caller, and every inner
  /// helper of other files' hooks, which converts only when nothing
  /// outside its file's conversion uses it.
  std::set<std::string> needed() {
    std::set<std::string> out;
    for (const auto &[k, r] : callers_)
      for (const CrossFileCallee &callee : rewrite(r).callees)
        out.insert(callee.function);
    for (const auto &[function, refs] : helpers_)
      if (rewrite(refs.front()).layer == RewriteLayer::InnerHelper)
        out.insert(function);
    return out;
  }

  /// Why `function` cannot be converted with its callers; "" when it can.
  std::string whyNot(const std::string &function) {
    auto found = helpers_.find(function);
    if (found == helpers_.end()) {
      for (const std::string &file : index().filesDefining(function)) {
        if (failed_.count(file))
          return rel(file) + " did not parse";
        if (!in_run_.count(file))
          return rel(file) + " is not among the files of this run";
      }
      const std::vector<std::string> &files = index().filesDefining(function);
      return files.empty() ? "no unit of the compilation database defines it"
                           : rel(files.front()) + " registers it as a getsockopt itself, or "
                                                  "does not compile it in this configuration";
    }
    if (found->second.size() > 1)
      return "more than one unit defines it";
    const RewriteUnit &helper = rewrite(found->second.front());
    if (!helper.blocked.empty()) {
      const Reason &r = helper.blocked.front();
      return "its own conversion cannot be made: " + nameString(r.code) + " at " + at(r.where) +
             ": " + r.message;
    }
    for (const LegacyReference &ref : references_[function]) {
      if (ref.implementation.empty())
        return "it is also used at " + at(ref.where) + ", other than by a getsockopt handing "
                                                        "it optval/optlen";
      auto caller = callerOf(ref, function);
      if (caller == callers_.end() || !converts_.at(caller->first))
        return "it is also called from " + ref.implementation + "() in " + rel(ref.where.file) +
               ", which does not convert";
      for (const CrossFileCallee &callee : rewrite(caller->second).callees)
        if (callee.function == function)
          for (const SourcePoint &decl : callee.declarations) {
            bool converted = false;
            for (const SourcePoint &d : helper.declarations)
              converted |= samePoint(d, decl);
            if (!converted)
              return "its declaration at " + at(decl) + " is not one its own unit sees";
          }
    }
    return namedOutsideRun(function);
  }

  /// Every file that may call `function` must be in the run: "" when no
  /// file of the database outside it names the function.
  const std::string &namedOutsideRun(const std::string &function) {
    auto [it, inserted] = named_outside_.try_emplace(function);
    if (inserted)
      for (const std::string &file : db_files_) {
        if (in_run_.count(file))
          continue;
        auto buffer = llvm::MemoryBuffer::getFile(file);
        if (buffer && names((*buffer)->getBuffer(), function)) {
          it->second =
              "it is also named in " + rel(file) + ", which is not among the files of this run";
          break;
        }
      }
    return it->second;
  }

  const DefinitionIndex &index() {
    if (!index_)
      index_ = std::make_unique<DefinitionIndex>(db_files_);
    return *index_;
  }

  /// The callers that convert lose the reasons of their hand-offs and join
  /// their callees' patch; the others say why in those reasons.
  void apply(const std::map<std::string, std::string> &why) {
    std::map<std::string, std::string> patch_of; // function -> patch key
    for (auto &[k, ok] : converts_) {
      if (!ok)
        continue;
      // One patch for a caller and all its callees, and so for every
      // caller sharing one of them: the smallest helper file names it.
      RewriteUnit &caller = rewrite(callers_.at(k));
      std::string patch;
      for (const CrossFileCallee &callee : caller.callees) {
        std::string file = rewrite(helpers_.at(callee.function).front()).file;
        if (patch.empty() || file < patch)
          patch = file;
      }
      caller.patch = patch;
      for (const CrossFileCallee &callee : caller.callees)
        patch_of[callee.function] = patch;
    }
    for (const auto &[function, patch] : patch_of) {
      RewriteUnit &helper = rewrite(helpers_.at(function).front());
      helper.patch = patch;
      std::vector<std::string> callers = callersOf(function), headers;
      for (const SourcePoint &decl : helper.declarations)
        if (decl.file != helper.file)
          headers.push_back(rel(decl.file));
      std::string headers_joined = llvm::join(headers, ", ");
      helper.notes.insert(
          helper.notes.begin(),
          helper.layer == RewriteLayer::InnerHelper
              ? function + "() is also called by " + llvm::join(callers, ", ") +
                    ", which gets the same wrapper in this patch" +
                    (headers.empty() ? ""
                                     : "; its declaration in " + headers_joined +
                                           " changes with it")
              : function + "() in " + rel(helper.file) + " serves " + llvm::join(callers, ", ") +
                    " alone: converted with them" +
                    (headers.empty() ? "" : ", with its declaration in " + headers_joined));
    }
    settleInnerHelpers(why);

    for (auto &[k, r] : callers_) {
      const RewriteUnit &caller = rewrite(r);
      if (caller.layer == RewriteLayer::HookWrapper)
        continue; // the hook keeps its signature and its verdict
      for (Implementation &impl : units_[r.unit].implementations) {
        if (impl.function != caller.function)
          continue;
        std::vector<Reason> kept;
        for (Reason &reason : impl.reasons) {
          if (reason.code != ReasonCode::PassedToExternalFunction) {
            kept.push_back(std::move(reason));
            continue;
          }
          if (converts_.at(k))
            continue;
          for (const CrossFileCallee &callee : caller.callees) {
            if (!caller.blocked.empty())
              break; // its own reasons say why
            auto w = why.find(callee.function);
            if (w != why.end() && !w->second.empty() && reason.callee == callee.function) {
              reason.message += "; it cannot be converted with this implementation: " + w->second;
              reason.cross_file_cause = w->second;
            }
          }
          kept.push_back(std::move(reason));
        }
        impl.reasons = std::move(kept);
        settleVerdict(impl);
      }
    }
  }

  /// The callers whose conversions pass `opt` to `function`, as "f()", or
  /// "f() in FILE" for a hook's wrapper (the hook is in another file than
  /// the helper it calls).
  std::vector<std::string> callersOf(const std::string &function) {
    std::vector<std::string> names;
    for (const auto &[k, r] : callers_)
      for (const CrossFileCallee &callee : rewrite(r).callees)
        if (callee.function == function)
          names.push_back(rewrite(r).function + "()" +
                          (rewrite(r).layer == RewriteLayer::HookWrapper
                               ? " in " + rel(rewrite(r).file)
                               : ""));
    return names;
  }

  /// The scan's entry of each inner helper settled here: the reason that
  /// held it until its callers in other files were known goes, or says
  /// why they cannot convert with it.
  void settleInnerHelpers(const std::map<std::string, std::string> &why) {
    for (const auto &[function, refs] : helpers_)
      for (UnitRef ref : refs) {
        if (rewrite(ref).layer != RewriteLayer::InnerHelper)
          continue;
        const std::string &cause = why.at(function);
        for (Implementation &inner : units_[ref.unit].inner_helpers) {
          if (inner.function != function)
            continue;
          if (cause.empty())
            inner.hooks_elsewhere = callersOf(function);
          std::vector<Reason> kept;
          for (Reason &reason : inner.reasons) {
            bool held = reason.code == ReasonCode::SharedHelper && reason.callee == function;
            if (held && cause.empty())
              continue;
            if (held) {
              reason.message += "; it cannot be converted with them: " + cause;
              reason.cross_file_cause = cause;
            }
            kept.push_back(std::move(reason));
          }
          inner.reasons = std::move(kept);
          settleVerdict(inner);
        }
      }
  }

  /// Removes the units that do not convert: helpers outside `converting`,
  /// and the callers that stay manual (their reasons say why).
  void dropUnconverted(const std::set<std::string> &converting) {
    for (size_t u = 0; u < units_.size(); ++u) {
      std::vector<RewriteUnit> kept;
      for (RewriteUnit &r : units_[u].rewrites) {
        bool helper_dropped = r.shared_helper && !converting.count(r.function);
        auto c = converts_.find(callerKey(r));
        // A hook's wrapper is no conversion of its own: it stays only with
        // the helper it calls, whose reasons say why it does not.
        bool wrapper_dropped =
            r.layer == RewriteLayer::HookWrapper && (c == converts_.end() || !c->second);
        bool caller_dropped = !r.shared_helper && r.layer != RewriteLayer::HookWrapper &&
                              c != converts_.end() && !c->second && r.blocked.empty();
        if (!helper_dropped && !wrapper_dropped && !caller_dropped)
          kept.push_back(std::move(r));
      }
      units_[u].rewrites = std::move(kept);
    }
  }

  std::vector<TranslationUnitResult> &units_;
  const std::vector<std::string> &db_files_;
  const std::string &root_;
  std::set<std::string> in_run_, failed_;
  std::map<std::string, std::string> named_outside_;
  std::map<std::string, std::vector<UnitRef>> helpers_; // by function
  std::map<std::string, UnitRef> callers_;              // by functionKey(file, function)
  std::map<std::string, bool> converts_;                // by functionKey(file, function)
  std::map<std::string, std::vector<LegacyReference>> references_;
  std::unique_ptr<DefinitionIndex> index_;
};

} // namespace

void settleCrossFileConversions(std::vector<TranslationUnitResult> &units,
                                const std::vector<std::string> &db_files,
                                const std::string &root) {
  Settler(units, db_files, root).run();
}

} // namespace sockopt
