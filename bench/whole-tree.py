#!/usr/bin/env python3
"""Benchmark of the whole-tree analysis (not a test: nothing passes or fails).

    bench/whole-tree.py [TREE] [--tool NEW] [--before OLD] [--runs 3] [-j 2]

1. The whole scan of TREE's compilation database with the tool (NEW, default
   build/tool/sockopt-migrate), without its result cache (cold) and with a
   filled one (warm), and, with --before, with an older build (e.g. one
   built from the commit before the whole-tree analysis: `git worktree add
   /tmp/old REV && make -C /tmp/old build`): median wall, cpu and peak
   memory of RUNS runs, alternating the tools.
2. `check --changed-since HEAD` after a one-line change (a comment appended
   to a line) in net/ipv4/tcp_ao.c and in net/x25/af_x25.c, in a scratch
   copy of the tree (hard links, its own git repository; TREE is never
   written), without the cache.

TREE defaults to the tree scripts/linux-tree.sh prepares. Needs GNU time
(/usr/bin/time) for the peak memory.
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile

import benchlib

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("tree", nargs="?", default=benchlib.DEFAULT_TREE)
parser.add_argument("--tool", default=benchlib.TOOL)
parser.add_argument("--before", help="an older sockopt-migrate to compare the scan with")
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("-j", dest="jobs", default="2")
args = parser.parse_args()
benchlib.require(args.tree)

scratch = tempfile.mkdtemp(prefix="sockopt-bench-")
try:
    cache = os.path.join(scratch, "cache")
    scan = ["scan", "-q", "-j", args.jobs, "-p", args.tree, "-o", os.devnull]
    subprocess.run([args.tool] + scan + ["--cache-dir", cache], check=True)  # fills it
    runs = [("cold", [args.tool] + scan + ["--no-cache"]),
            ("warm", [args.tool] + scan + ["--cache-dir", cache])]
    if args.before:
        runs.append(("before", [args.before] + scan))
    print("whole scan of %s (-j %s, %d runs, median)" % (args.tree, args.jobs, args.runs))
    samples = {name: [] for name, _ in runs}
    for _ in range(args.runs):
        for name, argv in runs:
            samples[name].append(benchlib.measure(argv))
    walls = {name: benchlib.report("scan, %s" % name, samples[name])[0] for name, _ in runs}
    if args.before:
        print("  ratio cold/before: %.2f" % (walls["cold"] / walls["before"]))

    with open(os.path.join(args.tree, "compile_commands.json")) as f:
        files = {os.path.relpath(e["file"], args.tree) for e in json.load(f)}
    copy = benchlib.scratch_copy(args.tree, scratch, files)
    print("check --changed-since HEAD after a one-line change (%d runs, median)" % args.runs)
    for rel in ("net/ipv4/tcp_ao.c", "net/x25/af_x25.c"):
        path = os.path.join(copy, rel)
        if not os.path.exists(path):
            print("  %s: not in this tree" % rel)
            continue
        text = benchlib.change_one_line(path)
        benchlib.report(rel, [benchlib.measure([args.tool, "check", "--no-cache", "-j", args.jobs,
                                                "-p", copy, "--changed-since", "HEAD"])
                              for _ in range(args.runs)])
        benchlib.restore(path, text)
finally:
    shutil.rmtree(scratch)
