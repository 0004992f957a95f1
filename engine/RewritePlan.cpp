#include "engine/RewritePlan.h"

#include "support/Paths.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace sockopt {

namespace {

using Member = std::pair<const RewriteUnit *, const TranslationUnitResult *>;

/// The scan's manual implementations of `unit` that no rewrite unit lists
/// with the rewrite's own reason.
void noteManual(const TranslationUnitResult &unit, const std::string &root, RewritePlan &plan) {
  std::set<std::string> blocked;
  for (const RewriteUnit &r : unit.rewrites)
    if (!r.blocked.empty())
      blocked.insert(r.function);
  for (const Implementation &impl : unit.implementations) {
    if (impl.verdict != Verdict::Manual || blocked.count(impl.function))
      continue;
    std::set<std::string> codes;
    for (const Reason &reason : impl.reasons)
      codes.insert(nameString(reason.code));
    plan.manual.push_back(relativeTo(impl.where.file, root) + ": " + impl.function + "() (" +
                          nameString(impl.kind) + "): " + llvm::join(codes, ", "));
  }
}

/// Adds the edits of `members` to `by_file` unless one conflicts with an
/// edit already there. An identical edit (a helper two implementations
/// share, the <linux/uio.h> both of a file's implementations need) is made
/// once: Replacements::add() would concatenate two insertions at one offset.
bool addEdits(const std::vector<Member> &members,
              std::map<std::string, clang::tooling::Replacements> &by_file) {
  std::map<std::string, clang::tooling::Replacements> trial = by_file;
  for (const auto &[r, unit] : members)
    for (const Edit &e : r->edits) {
      clang::tooling::Replacement rep(e.file, e.offset, e.length, e.text);
      if (llvm::is_contained(trial[e.file], rep))
        continue;
      if (llvm::Error err = trial[e.file].add(rep)) {
        llvm::consumeError(std::move(err));
        return false;
      }
    }
  by_file = std::move(trial);
  return true;
}

/// Files `members` edit join patch `key`; a file already in another patch
/// merges that patch into `key`.
void assignPatch(const std::string &key, const std::vector<Member> &members, RewritePlan &plan) {
  for (const auto &[r, unit] : members) {
    for (const Edit &e : r->edits) {
      plan.digests[e.file] = unit->digests.at(e.file);
      auto [it, inserted] = plan.patch_of_file.try_emplace(e.file, key);
      if (!inserted && it->second != key) {
        std::string other = it->second;
        for (const RewriteUnit *moved : plan.units_by_patch[other])
          plan.units_by_patch[key].push_back(moved);
        plan.units_by_patch.erase(other);
        for (auto &[file, patch] : plan.patch_of_file)
          if (patch == other)
            patch = key;
      }
    }
    plan.units_by_patch[key].push_back(r);
  }
}

/// The behaviour changes of `members` that --accept does not name, as
/// "CODE (OPTION)".
std::vector<std::string> refusedChanges(const std::vector<Member> &members,
                                        const std::set<std::string> &accepted) {
  std::vector<std::string> refused;
  for (const auto &[r, unit] : members)
    for (const BehaviourChange &c : r->behaviour_changes)
      if (!accepted.count(nameString(c.code)))
        refused.push_back(nameString(c.code) + " (" + c.optionLabel() + ")");
  return refused;
}

/// Converts one group (a unit alone, or units converted together), or
/// says in `left` why it stays.
void planGroup(const std::vector<Member> &members, const std::set<std::string> &accepted,
               const std::string &root, RewritePlan &plan) {
  const RewriteUnit &first = *members.front().first;
  const std::string &key = first.patch.empty() ? first.file : first.patch;
  // What the group converts: implementations (a helper converted with them
  // aside), or inner helpers (the hooks' wrappers aside).
  std::vector<std::string> wheres;
  bool inner = false;
  for (const auto &[r, unit] : members) {
    bool counted = r->layer == RewriteLayer::InnerHelper ||
                   (r->layer == RewriteLayer::ProtoOps && !r->shared_helper);
    if (counted)
      wheres.push_back(relativeTo(r->file, root) + ": " + r->function + "()");
    inner |= r->layer == RewriteLayer::InnerHelper;
  }
  if (!first.blocked.empty()) { // a unit alone: groups are settled unblocked
    plan.left.push_back(wheres.front() + " stays manual: " +
                        nameString(first.blocked.front().code) + " at line " +
                        std::to_string(first.blocked.front().where.line) + ": " +
                        first.blocked.front().message);
    return;
  }
  std::vector<std::string> refused = refusedChanges(members, accepted);
  if (!refused.empty()) {
    for (const std::string &where : wheres)
      plan.left.push_back(where + " not converted: it would change what userspace sees: " +
                          llvm::join(refused, ", ") + "; see --accept");
    return;
  }
  if (!addEdits(members, plan.by_file)) {
    for (const std::string &where : wheres)
      plan.left.push_back(where + " not converted: its edits overlap another conversion's");
    return;
  }
  assignPatch(key, members, plan);
  (inner ? plan.inner_converted : plan.converted) += wheres.size();
}

/// Whether planGroup() would convert a group, overlaps with other
/// conversions aside: not blocked, every behaviour change accepted.
bool convertsAlone(const std::vector<Member> &members, const std::set<std::string> &accepted) {
  return members.front().first->blocked.empty() && refusedChanges(members, accepted).empty();
}

} // namespace

RewritePlan planRewrite(const std::vector<TranslationUnitResult> &units,
                        const std::set<std::string> &accepted, const std::string &root) {
  RewritePlan plan;
  std::vector<std::string> order; // groups, in file order
  std::map<std::string, std::vector<Member>> groups;
  for (const TranslationUnitResult &unit : units) {
    if (unit.failed) {
      plan.unparsed.push_back(&unit);
      continue;
    }
    noteManual(unit, root, plan);
    for (const RewriteUnit &r : unit.rewrites) {
      std::string group = r.patch.empty() ? functionKey(r.file, r.function) : r.patch;
      if (!groups.count(group))
        order.push_back(group);
      groups[group].emplace_back(&r, &unit);
    }
  }
  // The core helper is a patch of its own, first, and only for the inner
  // helpers that convert: they call it. A tree that has it gets no unit.
  auto has = [&](const std::string &group, RewriteLayer layer) {
    return llvm::any_of(groups[group], [&](const Member &m) { return m.first->layer == layer; });
  };
  bool core_needed = false, core_added = true;
  for (const std::string &group : order)
    core_needed |= has(group, RewriteLayer::InnerHelper) && convertsAlone(groups[group], accepted);
  if (core_needed)
    for (const std::string &group : order)
      if (has(group, RewriteLayer::CoreHelper)) {
        planGroup(groups[group], accepted, root, plan);
        core_added = plan.patch_of_file.count(groups[group].front().first->file);
      }
  for (const std::string &group : order) {
    const RewriteUnit &first = *groups[group].front().first;
    if (first.layer == RewriteLayer::CoreHelper)
      continue;
    if (has(group, RewriteLayer::InnerHelper) && !core_added) {
      for (const auto &[r, unit] : groups[group])
        if (r->layer == RewriteLayer::InnerHelper)
          plan.left.push_back(relativeTo(r->file, root) + ": " + r->function +
                              "() not converted: sockopt_init_user() could not be added to "
                              "include/linux/net.h");
      continue;
    }
    planGroup(groups[group], accepted, root, plan);
  }
  return plan;
}

} // namespace sockopt
