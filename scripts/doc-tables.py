#!/usr/bin/env python3
"""Keeps the tables of docs/ that come from the tool's vocabularies
(model/Vocabulary.cpp, checks/Registry.cpp) equal to what
`sockopt-migrate explain --format=markdown` prints.

    doc-tables.py TOOL DOCS_DIR           check: exit 1 and a diff when a table differs
    doc-tables.py --update TOOL DOCS_DIR  rewrite the tables in place

A table's place in docs/ is the line `<!-- sockopt-migrate explain: NAME -->`;
the table runs from the next line to the first blank line. Every table the
tool prints has exactly one place, and every place names a table it prints.
"""
import difflib
import glob
import os
import re
import subprocess
import sys

MARKER = re.compile(r"^<!-- sockopt-migrate explain: ([a-z-]+) -->$")


def tables_of(lines):
    """{name: (index of the marker line, table lines)}"""
    found = {}
    for i, line in enumerate(lines):
        m = MARKER.match(line)
        if not m:
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip():
            j += 1
        if m.group(1) in found:
            sys.exit(f"doc-tables: table {m.group(1)} is placed twice")
        found[m.group(1)] = (i, lines[i + 1:j])
    return found


def main(argv):
    update = argv[:1] == ["--update"]
    if update:
        argv = argv[1:]
    if len(argv) != 2:
        sys.exit(__doc__)
    tool, docs = argv
    generated = subprocess.run([tool, "explain", "--format=markdown"], check=True,
                               capture_output=True, text=True).stdout.split("\n")
    wanted = {name: table for name, (_, table) in tables_of(generated).items()}
    placed = {}
    for path in sorted(glob.glob(os.path.join(docs, "*.md"))):
        lines = open(path, encoding="utf-8").read().split("\n")
        for name, (at, table) in tables_of(lines).items():
            if name in placed:
                sys.exit(f"doc-tables: table {name} is placed in {placed[name][0]} and {path}")
            placed[name] = (path, at, table)
    failed = False
    for name in sorted(set(placed) - set(wanted)):
        print(f"doc-tables: {placed[name][0]} places table {name}, which the tool does not print")
        failed = True
    for name in sorted(set(wanted) - set(placed)):
        print(f"doc-tables: table {name} has no place in {docs}")
        failed = True
    stale = [name for name in sorted(set(wanted) & set(placed)) if placed[name][2] != wanted[name]]
    if update:
        # From the last table of a file up, so that the places above stay put.
        for name in sorted(stale, key=lambda n: (placed[n][0], -placed[n][1])):
            path, at, table = placed[name]
            lines = open(path, encoding="utf-8").read().split("\n")
            lines[at + 1:at + 1 + len(table)] = wanted[name]
            open(path, "w", encoding="utf-8").write("\n".join(lines))
            print(f"doc-tables: updated {name} in {path}")
        return 1 if failed else 0
    for name in stale:
        path, at, table = placed[name]
        print(f"doc-tables: table {name} in {path} differs from the tool's:")
        sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(
            table, wanted[name], "docs", "tool", lineterm=""))
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
