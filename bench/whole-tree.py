#!/usr/bin/env python3
"""Benchmark of the whole-tree analysis (not a test: nothing passes or fails).

    bench/whole-tree.py [TREE] [--tool NEW] [--before OLD] [--runs 3] [-j 2]

1. The whole scan of TREE's compilation database with the tool (NEW, default
   build/tool/sockopt-migrate) and, with --before, with an older build (e.g.
   one built from the commit before the whole-tree analysis: `git worktree
   add /tmp/old REV && make -C /tmp/old build`): median wall, cpu and peak
   memory of RUNS runs, alternating the two.
2. `check --changed-since HEAD` after a one-line change (a comment appended
   to a line) in net/ipv4/tcp_ao.c and in net/x25/af_x25.c, in a scratch
   copy of the tree made of hard links with its own git repository (files
   are copied before they are changed, so TREE is never written).

TREE defaults to the tree scripts/linux-tree.sh prepares. Needs GNU time
(/usr/bin/time) for the peak memory.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("tree", nargs="?",
                    default=os.path.expanduser("~/.cache/sockopt-migrate/linux-source-6.12"))
parser.add_argument("--tool", default=os.path.join(here, "..", "build", "tool", "sockopt-migrate"))
parser.add_argument("--before", help="an older sockopt-migrate to compare the scan with")
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("-j", dest="jobs", default="2")
args = parser.parse_args()
if not os.path.exists(os.path.join(args.tree, "compile_commands.json")):
    sys.exit("%s has no compile_commands.json; run scripts/linux-tree.sh first" % args.tree)
if not os.path.exists("/usr/bin/time"):
    sys.exit("/usr/bin/time (Debian package time) is needed for the peak memory")


def measure(argv, cwd=None):
    """(wall s, cpu s, peak MiB) of one run; the exit status is not judged."""
    fd, log = tempfile.mkstemp()
    os.close(fd)
    subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", log] + argv, cwd=cwd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(log) as f:
        wall, user, system, rss = f.read().split()[-4:]
    os.unlink(log)
    return float(wall), float(user) + float(system), int(rss) / 1024


def report(label, samples):
    wall = statistics.median(s[0] for s in samples)
    cpu = statistics.median(s[1] for s in samples)
    mem = max(s[2] for s in samples)
    print("%-46s wall %7.1f s  cpu %7.1f s  peak %6.0f MiB" % (label, wall, cpu, mem))
    return wall


print("whole scan of %s (-j %s, %d runs, median)" % (args.tree, args.jobs, args.runs))
tools = [("after", args.tool)] + ([("before", args.before)] if args.before else [])
samples = {name: [] for name, _ in tools}
for _ in range(args.runs):
    for name, tool in tools:
        samples[name].append(measure([tool, "scan", "-q", "-j", args.jobs, "-p", args.tree,
                                      "-o", os.devnull]))
walls = {name: report("  scan (%s: %s)" % (name, tool), samples[name]) for name, tool in tools}
if args.before:
    print("  ratio after/before: %.2f" % (walls["after"] / walls["before"]))

# check --changed-since in a scratch copy with its own history.
scratch = tempfile.mkdtemp(prefix="sockopt-bench-")
try:
    copy = os.path.join(scratch, "tree")
    subprocess.run(["cp", "-al", args.tree, copy], check=True)
    with open(os.path.join(args.tree, "compile_commands.json")) as f:
        db = json.load(f)
    for e in db:
        for key in ("directory", "file"):
            e[key] = e[key].replace(args.tree, copy)
        if "arguments" in e:
            e["arguments"] = [a.replace(args.tree, copy) for a in e["arguments"]]
    os.unlink(os.path.join(copy, "compile_commands.json"))
    with open(os.path.join(copy, "compile_commands.json"), "w") as f:
        json.dump(db, f)
    git = ["git", "-C", copy, "-c", "user.name=bench", "-c", "user.email=bench@invalid"]
    subprocess.run(git + ["init", "-q"], check=True)
    # Only the database's sources are committed: --changed-since compares
    # those, and hashing the whole tree would take minutes.
    subprocess.run(git + ["add", "-f", "--"] + sorted({os.path.relpath(e["file"], copy) for e in db}),
                   check=True)
    subprocess.run(git + ["commit", "-q", "-m", "base"], check=True)
    print("check --changed-since HEAD after a one-line change (%d runs, median)" % args.runs)
    for rel in ("net/ipv4/tcp_ao.c", "net/x25/af_x25.c"):
        path = os.path.join(copy, rel)
        if not os.path.exists(path):
            print("  %s: not in this tree" % rel)
            continue
        with open(path) as f:
            text = f.read()
        os.unlink(path)  # break the hard link before writing
        with open(path, "w") as f:
            f.write(text.replace("\n", " /* bench */\n", 1))
        runs = [measure([args.tool, "check", "-j", args.jobs, "-p", copy, "--changed-since",
                         "HEAD"]) for _ in range(args.runs)]
        report("  %s" % rel, runs)
        subprocess.run(git + ["checkout", "-q", "--", rel], check=True)
finally:
    shutil.rmtree(scratch)
