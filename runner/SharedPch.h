// A precompiled <net/sock.h> shared by the translation units of a run.
//
// A networking unit spends nearly all of its parse in the headers below
// <net/sock.h>, and every unit compiled with the same command (Kbuild's
// per-object -D flags aside) parses the same ones. Such units share one
// precompiled header of <net/sock.h>, built once per run in a worker;
// each of them then parses only its main file and the headers outside it.
//
// Loading the header first moves its content ahead of everything in the
// unit's preamble. The unit stays the same translation unit because:
//  - no macro that the preamble defines or undefines, and no per-object
//    -D, is consulted by the precompiled headers: expanded, tested,
//    redefined or spelt as an identifier there. A default definition
//    (`#ifndef pr_fmt` / `#define pr_fmt(fmt) fmt` / `#endif`, in
//    include/linux/printk.h) does not count: the unit's own definition
//    replaces it, as it would have pre-empted it;
//  - the unit includes <net/sock.h> itself, from its preamble: checked
//    during its parse, and otherwise it is parsed again without;
//  - kernel headers, include-guarded and self-contained, mean the same
//    whichever of them comes first. This is the one assumption;
//    test/kernel/pch-6.12.test shows every verdict and diff of Debian's
//    6.12 unchanged with and without.
// A unit that fails with the precompiled header is parsed again without.
#pragma once

#include "engine/ScanAction.h"
#include "model/Report.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace sockopt {

class SharedPchSet {
public:
  /// Precompiles <net/sock.h> for every compile command that at least two
  /// of `to_parse` share, in `jobs` workers. `db_files` are the database's
  /// units that may join the run later (followed into); they use the
  /// shared header of their command if there is one. With
  /// `record_inputs`, each build records what it read.
  SharedPchSet(const clang::tooling::CompilationDatabase &db,
                 const std::vector<std::string> &to_parse,
                 const std::vector<std::string> &db_files, unsigned jobs, bool record_inputs);
  ~SharedPchSet();

  /// The shared header `file` can use, or nullptr.
  std::optional<SharedPchUse> forUnit(const std::string &file) const;


private:
  struct Built;
  struct Group;
  void build(const std::vector<Group *> &to_build, unsigned jobs, bool record_inputs);
  static TranslationUnitResult buildOne(Group &group, const std::string &base,
                                        bool record_inputs);
  std::map<std::string, std::unique_ptr<Group>> groups_; // by normalised command
  std::map<std::string, Group *> group_of_;              // by unit
};

} // namespace sockopt
