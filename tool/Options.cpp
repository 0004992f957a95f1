#include "tool/Options.h"

#include "model/Vocabulary.h"

#include "llvm/ADT/StringExtras.h"

namespace sockopt::options {

using namespace llvm;

cl::OptionCategory category("sockopt-migrate options");

cl::SubCommand scan("scan",
                    "Find every getsockopt implementation in the tree, follow optval/optlen\n"
                    "  into the helpers that receive them, and classify each implementation:\n"
                    "  convertible, manual (with reasons) or already-converted. Writes a JSON\n"
                    "  report (see docs/report.schema.json).");

cl::SubCommand
    rewrite("rewrite",
            "Convert every convertible struct proto_ops implementation to\n"
            "  getsockopt_iter: prints a unified diff (paths relative to the tree root),\n"
            "  or edits the files in place with --apply. An implementation whose\n"
            "  conversion changes what userspace sees is converted only with --accept.");

cl::SubCommand
    check("check", "A lint gate: legacy struct proto_ops getsockopt implementations and misuse\n"
                   "  of sockopt_t in getsockopt_iter code, as GCC-style warnings (--format=json\n"
                   "  and --sarif FILE for code scanning). Exit 0: no finding after the baseline;\n"
                   "  1: findings remain; 2: usage or tool error, or a file that does not parse.");

cl::SubCommand explain("explain",
                       "What a verdict, kind, reason code, behaviour change, resolution, bridge\n"
                       "  or check rule means: the given names, or every one. --format=json and\n"
                       "  --format=markdown print every vocabulary (docs/ embeds the tables).");

cl::list<std::string> words(cl::Positional, cl::desc("[<name> ...] (default: every word)"),
                            cl::sub(explain), cl::cat(category));

cl::opt<std::string> sarif("sarif", cl::desc("Also write the findings as SARIF 2.1.0 to FILE"),
                           cl::value_desc("FILE"), cl::sub(check), cl::cat(category));

cl::opt<std::string>
    baseline("baseline",
             cl::desc("Suppress the findings recorded in FILE (by rule, file, function and\n"
                      "the text of the line)"),
             cl::value_desc("FILE"), cl::sub(check), cl::cat(category));

cl::opt<std::string> write_baseline("write-baseline",
                                    cl::desc("Record the current findings in FILE"),
                                    cl::value_desc("FILE"), cl::sub(check), cl::cat(category));

cl::opt<std::string>
    changed_since("changed-since",
                  cl::desc("Check only the files changed since git revision REV (with untracked\n"
                           "files), and report only findings on changed lines"),
                  cl::value_desc("REV"), cl::sub(check), cl::cat(category));

cl::opt<bool> apply("apply",
                    cl::desc("Edit the files in place: all of them or none (each staged beside\n"
                             "it, then all renamed; a read-only file, or one that changed\n"
                             "since it was parsed, is refused)"),
                    cl::sub(rewrite), cl::cat(category));

/// "(repeatable; one of: CODE, ...)", from the behaviour changes' table.
static const std::string &acceptDescription() {
  static const std::string text =
      "Convert implementations with this predicted behaviour change too\n"
      "(repeatable; one of: " +
      llvm::join(namesOf<ChangeCode>(), ", ") +
      "; sockopt-migrate explain CODE says what it changes)";
  return text;
}

cl::list<std::string> accept("accept", cl::desc(acceptDescription()), cl::value_desc("CODE"),
                             cl::sub(rewrite), cl::cat(category));

cl::opt<std::string>
    patches("patches",
            cl::desc("Write a git format-patch series to DIR instead of a diff: a cover\n"
                     "letter and one patch per protocol, for git am --empty=drop DIR/*.patch\n"
                     "(a DIR that already holds *.patch files is refused)"),
            cl::value_desc("DIR"), cl::sub(rewrite), cl::cat(category));

cl::opt<std::string>
    signoff("signoff",
            cl::desc("\"Name <email>\" for From: and Signed-off-by: of --patches (default:\n"
                     "git config user.name and user.email)"),
            cl::value_desc("IDENTITY"), cl::sub(rewrite), cl::cat(category));

cl::opt<std::string>
    build_path("p",
               cl::desc("Directory holding compile_commands.json (a kernel tree prepared\n"
                        "by scripts/linux-tree.sh has it at its root)"),
               cl::value_desc("BUILD_DIR"), cl::sub(scan), cl::sub(rewrite), cl::sub(check),
               cl::cat(category));

cl::list<std::string> sources(cl::Positional,
                              cl::desc("[<source file> ...] (default: every file in "
                                       "the compilation database)"),
                              cl::sub(scan), cl::sub(rewrite), cl::sub(check), cl::cat(category));

cl::list<std::string> extra_args("extra-arg",
                                 cl::desc("Argument to append to every compile command"),
                                 cl::sub(scan), cl::sub(rewrite), cl::sub(check),
                                 cl::cat(category));

cl::list<std::string> extra_args_before("extra-arg-before",
                                        cl::desc("Argument to prepend to every compile command"),
                                        cl::sub(scan), cl::sub(rewrite), cl::sub(check),
                                        cl::cat(category));

cl::opt<std::string> root("root",
                          cl::desc("Root of the kernel tree; report paths are relative "
                                   "to it (default: the\ndirectory of the compile "
                                   "commands)"),
                          cl::value_desc("DIR"), cl::sub(scan), cl::sub(rewrite), cl::sub(check),
                          cl::cat(category));

cl::opt<unsigned> jobs("j", cl::desc("Translation units to parse in parallel (default: all cores)"),
                       cl::value_desc("N"), cl::init(0), cl::sub(scan), cl::sub(rewrite),
                       cl::sub(check), cl::cat(category));

cl::opt<bool> no_cache("no-cache",
                       cl::desc("Parse every unit, neither reading nor writing the result cache"),
                       cl::sub(scan), cl::sub(rewrite), cl::sub(check), cl::cat(category));

cl::opt<bool> no_pch("no-pch",
                     cl::desc("Parse each unit with all its headers: no precompiled <net/sock.h>\n"
                              "shared by the units that have the same compile command"),
                     cl::sub(scan), cl::sub(rewrite), cl::sub(check), cl::cat(category));

cl::opt<std::string>
    cache_dir("cache-dir",
              cl::desc("Keep the result cache in DIR (default: $SOCKOPT_MIGRATE_CACHE, else\n"
                       "${XDG_CACHE_HOME:-~/.cache}/sockopt-migrate/results). A unit is parsed\n"
                       "again when its compile command, a file it read or the tool changed"),
              cl::value_desc("DIR"), cl::sub(scan), cl::sub(rewrite), cl::sub(check),
              cl::cat(category));

cl::opt<unsigned> cache_size("cache-size",
                             cl::desc("Size limit of the result cache in MiB (default: 512); the "
                                      "least recently\nused results go first"),
                             cl::value_desc("MIB"), cl::init(512), cl::sub(scan), cl::sub(rewrite),
                             cl::sub(check), cl::cat(category));

cl::opt<std::string> output("o", cl::desc("Write the JSON report to FILE (default: stdout)"),
                            cl::value_desc("FILE"), cl::sub(scan), cl::cat(category));

cl::opt<std::string> format("format",
                            cl::desc("Output format: json or text (scan: json, a report; "
                                     "check: text,\nGCC-style warnings; explain: text, or "
                                     "markdown)"),
                            cl::value_desc("json|text|markdown"), cl::sub(scan), cl::sub(check),
                            cl::sub(explain), cl::cat(category));

cl::opt<bool> quiet("q", cl::desc("Do not print the summary on stderr"), cl::sub(scan),
                    cl::cat(category));

cl::opt<bool> list_undefined(
    "list-undefined",
    cl::desc("Print, one per line, the functions that receive optval/optlen on a chain\n"
             "from a getsockopt implementation and that no unit of the database\n"
             "defines (scripts/linux-tree.sh adds the files defining them), instead\n"
             "of the report"),
    cl::sub(scan), cl::cat(category));

} // namespace sockopt::options
