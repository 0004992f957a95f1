#!/usr/bin/env python3
"""A stand-in for `sockopt-migrate scan -p TREE --list-undefined` over the
fixture tree: the functions called with optval/optlen in the files of TREE's
compile_commands.json that none of those files defines (definitions and calls
found by regex, which these fixtures are written for; an "#ifdef CONFIG_X"
block counts only if TREE/.config sets X).  Exit 2 on other arguments, as the
tool does on a usage error."""
import json
import os
import re
import sys

if len(sys.argv) != 5 or sys.argv[1:3] != ["scan", "-p"] or sys.argv[4] != "--list-undefined":
    sys.exit("usage: list-undefined.py scan -p TREE --list-undefined")
tree = sys.argv[3]
with open(os.path.join(tree, ".config")) as f:
    enabled = set(re.findall(r"^CONFIG_(\w+)=[ym]$", f.read(), re.M))


def configured(text):
    return re.sub(r"^#ifdef CONFIG_(\w+)\n(.*?)^#endif\n",
                  lambda m: m.group(2) if m.group(1) in enabled else "", text, flags=re.M | re.S)


with open(os.path.join(tree, "compile_commands.json")) as f:
    texts = [configured(open(e["file"]).read()) for e in json.load(f)]
defined = {m for t in texts for m in re.findall(r"^\w[^;(]*?\b(\w+)\([^;]*?\)\s*(?:__\w+\([^)]*\)\s*)?\{", t, re.M)}
called = {m for t in texts for m in re.findall(r"\b(\w+)\((?:optval|optlen)", t)}
for name in sorted(called - defined):
    print(name)
