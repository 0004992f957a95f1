#!/usr/bin/env python3
"""Benchmark: the whole scan against bare `clang -fsyntax-only` over the same
translation units, one job at a time, so the two numbers compare directly.

    bench/scan-vs-syntax-only.py [TREE] [--tool build/tool/sockopt-migrate]

TREE defaults to the tree scripts/linux-tree.sh prepares. Prints wall-clock
seconds for each and their ratio. Not a test: nothing here passes or fails.
"""
import argparse
import json
import os
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("tree", nargs="?",
                    default=os.path.expanduser("~/.cache/sockopt-migrate/linux-source-6.12"))
parser.add_argument("--tool", default=os.path.join(here, "..", "build", "tool", "sockopt-migrate"))
args = parser.parse_args()

db_path = os.path.join(args.tree, "compile_commands.json")
if not os.path.exists(db_path):
    sys.exit(f"{db_path}: missing; run scripts/linux-tree.sh first")
with open(db_path) as f:
    db = json.load(f)


def syntax_only(entry):
    argv = list(entry["arguments"])
    out = argv.index("-o")
    del argv[out:out + 2]
    argv = [a for a in argv if a != "-c"] + ["-fsyntax-only", "-w", "-Wno-error"]
    subprocess.run(argv, cwd=entry["directory"], check=True)


start = time.monotonic()
for entry in db:
    syntax_only(entry)
bare = time.monotonic() - start

start = time.monotonic()
subprocess.run([args.tool, "scan", "-q", "-j", "1", "-p", args.tree, "-o", os.devnull],
               check=True)
scan = time.monotonic() - start

print(f"translation units:        {len(db)}")
print(f"clang -fsyntax-only (-j1): {bare:7.1f} s")
print(f"sockopt-migrate scan (-j1): {scan:6.1f} s  ({scan / bare:.2f}x)")
