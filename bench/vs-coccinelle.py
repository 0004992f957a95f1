#!/usr/bin/env python3
"""Benchmark: sockopt-migrate against Coccinelle on the same files.

Not a test: nothing passes or fails.

    bench/vs-coccinelle.py [TREE] --cocci FILE [--tool T] [--runs 3] [-j 2]

FILE is a Coccinelle semantic patch for the same migration (struct
proto_ops getsockopt to getsockopt_iter); this repository does not ship
one, so the user supplies it.

The files: those with a struct proto_ops `.getsockopt =` initializer
(`grep -rlE '\.getsockopt[[:space:]]*='` over the *.c files, then
`grep -lE 'struct[[:space:]]+proto_ops\b'`) that TREE's compilation
database compiles, 41 on Debian's 6.12 for x86_64. Both tools with
-j/--jobs J, RUNS runs alternating the tools, in a scratch copy of TREE
(hard links; TREE is never written):

  cold     scan and rewrite with an empty result cache; spatch
  warm     the same again, nothing changed: the cache answers; spatch
  changed  a comment appended to one line of net/x25/af_x25.c before each
           run, the cache filled before: one unit parsed; spatch

Prints each tool's median wall, cpu and peak memory, and our/Coccinelle
ratios. spatch runs once over exactly our file list, one file per
--file-groups group, with --very-quiet and --timeout 120, from outside the
tree copy (so that a .cocciconfig in the tree is not read). Needs spatch
(Debian coccinelle) and GNU time (Debian time).
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
parser.add_argument("--cocci", required=True, metavar="FILE",
                    help="the Coccinelle semantic patch to run (.cocci)")
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("-j", dest="jobs", default="2")
args = parser.parse_args()
benchlib.require(args.tree)
if not shutil.which("spatch"):
    raise SystemExit("spatch not found: apt-get install coccinelle")
semantic_patch = os.path.abspath(args.cocci)
if not os.path.isfile(semantic_patch):
    raise SystemExit("%s: no such semantic patch" % args.cocci)

with open(os.path.join(args.tree, "compile_commands.json")) as f:
    compiled = {os.path.relpath(e["file"], args.tree) for e in json.load(f)}
grep = subprocess.run("grep -rlE --include='*.c' '\\.getsockopt[[:space:]]*=' . "
                      "| xargs -r grep -lE 'struct[[:space:]]+proto_ops\\b'",
                      shell=True, cwd=args.tree, capture_output=True, text=True, check=True)
files = sorted(f[2:] for f in grep.stdout.split() if f[2:] in compiled)
changed = "net/x25/af_x25.c"

scratch = tempfile.mkdtemp(prefix="sockopt-bench-")
try:
    copy = benchlib.scratch_copy(args.tree, scratch, files)
    paths = [os.path.join(copy, f) for f in files]
    groups = os.path.join(scratch, "groups")
    with open(groups, "w") as f:
        f.write("".join(p + "\n\n" for p in paths))
    spatch = ["spatch", "--sp-file", semantic_patch, "--file-groups", groups, "--patch", copy,
              "--very-quiet", "--timeout", "120", "--jobs", args.jobs]
    cache = os.path.join(scratch, "cache")

    def ours(command, *extra):
        argv = [args.tool, command, "-j", args.jobs, "-p", copy, "--cache-dir", cache, *extra]
        return argv + (["-q", "-o", os.devnull] if command == "scan" else []) + paths

    def cold(command):
        shutil.rmtree(cache, ignore_errors=True)
        return benchlib.measure(ours(command))

    def after_change(command, run):
        subprocess.run(ours(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        path = os.path.join(copy, changed)
        with open(path) as f:
            text = f.read()
        benchlib.restore(path, text.replace("\n", " /* bench %d */\n" % run, 1))
        sample = benchlib.measure(ours(command))
        benchlib.restore(path, text)
        return sample

    print("%d files, -j %s, %d runs alternating, median (peak: the largest)" %
          (len(files), args.jobs, args.runs))
    scenarios = {}
    for run in range(args.runs):
        for name, measure in (
                ("scan cold", lambda: cold("scan")),
                ("scan warm", lambda: benchlib.measure(ours("scan"))),
                ("rewrite cold", lambda: cold("rewrite")),
                ("rewrite warm", lambda: benchlib.measure(ours("rewrite"))),
                ("scan after changing " + changed, lambda: after_change("scan", run)),
                ("spatch", lambda: benchlib.measure(spatch, cwd=scratch))):
            scenarios.setdefault(name, []).append(measure())
    results = {name: benchlib.report(name, samples) for name, samples in scenarios.items()}
    base = results.pop("spatch")
    print("ratios to spatch (wall, cpu, peak memory):")
    for name, (wall, cpu, mem) in results.items():
        print("  %-44s %5.2fx  %5.2fx  %5.2fx" % (name, wall / base[0], cpu / base[1],
                                                   mem / base[2]))
finally:
    shutil.rmtree(scratch)
