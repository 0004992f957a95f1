# lit configuration for sockopt-migrate.
#
# Substitutions:
#   %sockopt-migrate  the tool under test
#   %plugin           the clang plugin (-fplugin=%plugin)
#   %unittests        the unit tests (unittests/, GoogleTest)
#   %fixtures         kernel-fixtures/ (the tree root of the fixture tree)
#   %fixtures-db      the directory holding the fixtures' compile_commands.json
#   %validate-report  checks a JSON report against docs/report.schema.json
#   %src              the repository root
# Tests over the real kernel (test/kernel) need SOCKOPT_LINUX_TREE, a tree
# prepared by scripts/linux-tree.sh; they are reported UNSUPPORTED without it.
import os

import lit.formats

config.name = "sockopt-migrate"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(os.path.dirname(config.tool), "..", "test")
config.excludes = ["Inputs"]

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
for var in ("HOME", "TERM"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

# Every test parses what it scans and never touches the user's result
# cache; the tests of the cache (test/cache) give it a directory of their own.
config.environment["SOCKOPT_MIGRATE_CACHE"] = "off"

# Tests of file ownership need to give files away.
if os.geteuid() == 0:
    config.available_features.add("root")

# The build with fault injection (support/TestHooks.h), for the tests that
# need it; named before the tool, whose name it starts with.
config.substitutions.append(("%sockopt-migrate-testing", config.testing_tool))
config.substitutions.append(("%sockopt-migrate", config.tool))
config.substitutions.append(("%plugin", config.plugin))
config.substitutions.append(("%unittests", config.unittests))
config.substitutions.append(("%fixtures-db", config.fixtures_db))
config.substitutions.append(("%fixtures", config.fixtures))
config.substitutions.append(
    ("%validate-report", "python3 " + os.path.join(config.source_root, "test", "tools", "validate-report.py")))
config.substitutions.append(("%src", config.source_root))

# The reference SARIF validator, installed by `make test` from npm.
multitool = os.environ.get("SOCKOPT_SARIF_MULTITOOL")
if multitool and os.access(multitool, os.X_OK):
    config.available_features.add("sarif-multitool")
    config.substitutions.append(("%sarif-multitool", multitool))

linux_tree = os.environ.get("SOCKOPT_LINUX_TREE")
if linux_tree and os.path.exists(os.path.join(linux_tree, "compile_commands.json")):
    config.available_features.add("linux-tree")
    config.environment["SOCKOPT_LINUX_TREE"] = linux_tree
    config.substitutions.append(("%linux", linux_tree))

# The booted-kernel test (test/e2e) needs SOCKOPT_E2E_DIR, the output of
# e2e/kernels.sh: baseline.bzImage, converted.bzImage, report.json and the
# pristine tree (tree); with broken.bzImage (kernels.sh --broken) the test
# that must fail runs too.
e2e_dir = os.environ.get("SOCKOPT_E2E_DIR")
if e2e_dir and all(os.path.exists(os.path.join(e2e_dir, f)) for f in
                   ("baseline.bzImage", "converted.bzImage", "report.json", "tree")):
    config.available_features.add("e2e-kernels")
    if os.path.exists(os.path.join(e2e_dir, "broken.bzImage")):
        config.available_features.add("e2e-broken-kernel")
    config.substitutions.append(("%e2e", e2e_dir))
    for var in ("SOCKOPT_E2E_TIMEOUT", "SOCKOPT_E2E_ACCEL", "SOCKOPT_E2E_KVM_TIMEOUT",
                "XDG_CACHE_HOME"):
        if var in os.environ:
            config.environment[var] = os.environ[var]
