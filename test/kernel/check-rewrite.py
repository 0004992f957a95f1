#!/usr/bin/env python3
"""Rewrites a scratch copy of a prepared kernel tree and proves the result.

    check-rewrite.py TOOL TREE SCRATCH

SCRATCH becomes a hard-linked copy of TREE (an --apply writes a new file
through a rename, so the cached tree is never touched). Then:
  1. `rewrite --apply --accept short-buffer-efault --accept narrowed-store`
     converts what it can,
     and the same run with --patches gives a series that `git am` applies
     to the original files, with the same result;
  2. every changed file compiles with its own compilation-database command
     (clang-19, the real Kbuild flags, -fsyntax-only) with no diagnostics
     beyond those of the original file;
  3. a second `rewrite` over the result is empty;
  4. `scan` reports every converted implementation as already-converted;
  5. `scripts/checkpatch.pl --strict` finds nothing in any patch: no
     error, warning or check on a line the series adds, even where the
     original line had it (a touched line is the patch's).
Prints the converted implementations and those left manual with reasons.
Exit status 1 when any check fails.
"""
import json
import os
import re
import shutil
import subprocess
import sys

tool, tree, scratch = sys.argv[1:4]
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


if os.path.exists(scratch):
    shutil.rmtree(scratch)
subprocess.run(["cp", "-al", tree, scratch], check=True)
os.remove(os.path.join(scratch, "compile_commands.json"))
with open(os.path.join(tree, "compile_commands.json")) as f:
    text = f.read().replace(tree.rstrip("/"), scratch.rstrip("/"))
with open(os.path.join(scratch, "compile_commands.json"), "w") as f:
    f.write(text)
db = {e["file"]: e for e in json.loads(text)}

series = scratch.rstrip("/") + ".series"
shutil.rmtree(series, ignore_errors=True)
ACCEPT = ["--accept", "short-buffer-efault", "--accept", "narrowed-store"]
made = subprocess.run([tool, "rewrite", "-p", scratch, *ACCEPT,
                       "--patches", series, "--signoff", "sockopt-migrate test <test@localhost>"],
                      capture_output=True, text=True)
if made.returncode != 0:
    fail(f"rewrite --patches exited {made.returncode}: {made.stderr}")

run = subprocess.run([tool, "rewrite", "-p", scratch, "--apply", *ACCEPT],
                     capture_output=True, text=True)
print(run.stderr, end="")
if run.returncode != 0:
    fail(f"rewrite --apply exited {run.returncode}")

# The files --apply replaced (new inodes in the hard-linked copy): the
# translation units, and the headers the series names (net/atm/common.h,
# whose vcc_getsockopt() prototype converts with pvc and svc).
series_files = set()
for name in sorted(os.listdir(series)) if os.path.isdir(series) else []:
    with open(os.path.join(series, name)) as f:
        series_files |= {os.path.join(scratch, m) for m in re.findall(r"^\+\+\+ b/(\S+)$", f.read(), re.M)}
changed = sorted({f for f in db if os.stat(f).st_nlink == 1} | series_files)
for path in changed:
    if os.stat(path).st_nlink != 1:
        fail(f"{os.path.relpath(path, scratch)}: in the series, but --apply did not change it")
converted = [line for line in run.stderr.splitlines() if "converted in" in line]


def compile_file(entry, path):
    args = list(entry["arguments"])
    i = args.index("-o")
    del args[i:i + 2]
    args = [a for a in args if a != "-c"]
    args[-1] = path
    args.append("-fsyntax-only")
    r = subprocess.run(args, cwd=entry["directory"], capture_output=True, text=True)
    # Diagnostics without locations, so line shifts do not count as new.
    lines = {re.sub(r"^[^:]*:\d+:\d+: ", "", l) for l in r.stderr.splitlines()
             if re.search(r": (warning|error):", l)}
    return r.returncode, lines


for path in changed:
    if path not in db:
        continue  # a header: compiled with the units that include it
    entry = db[path]
    original = path.replace(scratch.rstrip("/"), tree.rstrip("/"))
    _, before = compile_file(entry, original)
    status, after = compile_file(entry, path)
    new = after - before
    rel = os.path.relpath(path, scratch)
    if status != 0 or new:
        fail(f"{rel} does not compile cleanly after the rewrite: {sorted(new)[:5]}")
    else:
        print(f"compiles: {rel}")

# git am of the series onto the original files gives what --apply wrote.
repo = scratch.rstrip("/") + ".git-am"
shutil.rmtree(repo, ignore_errors=True)
git = ["git", "-c", "user.name=t", "-c", "user.email=t@localhost"]
for path in changed:
    rel = os.path.relpath(path, scratch)
    os.makedirs(os.path.dirname(os.path.join(repo, rel)), exist_ok=True)
    shutil.copy(os.path.join(tree, rel), os.path.join(repo, rel))
subprocess.run(["git", "init", "-q", repo], check=True)
subprocess.run(git + ["-C", repo, "add", "-A"], check=True)
subprocess.run(git + ["-C", repo, "commit", "-qm", "base"], check=True)
patches = sorted(os.path.join(series, p) for p in os.listdir(series) if not p.startswith("0000-"))
am = subprocess.run(git + ["-C", repo, "am", "-q"] + patches, capture_output=True, text=True)
if am.returncode != 0:
    fail("git am of the series failed: " + am.stdout + am.stderr)
else:
    print(f"git am: {len(patches)} patches applied")
    for path in changed:
        rel = os.path.relpath(path, scratch)
        with open(os.path.join(repo, rel)) as a, open(path) as b:
            if a.read() != b.read():
                fail(f"{rel}: git am of the series differs from --apply")

# checkpatch --strict on every patch: each complaint is one too many.
checkpatch = [os.path.join(tree, "scripts", "checkpatch.pl"), "--strict", "--terse",
              "--show-types", "--no-tree"]

if am.returncode == 0:
    total = 0
    for patch in patches:
        r = subprocess.run(checkpatch + [patch], capture_output=True, text=True)
        found = [l for l in r.stdout.splitlines() if re.search(r": (?:ERROR|WARNING|CHECK):", l)]
        total += len(found)
        if found:
            fail(f"checkpatch --strict: {os.path.basename(patch)}: {len(found)} complaints: "
                 + "; ".join(found[:3]))
    print(f"checkpatch --strict: {total} complaints in {len(patches)} patches")

again = subprocess.run([tool, "rewrite", "-p", scratch], capture_output=True, text=True)
if again.returncode != 0 or again.stdout:
    fail("a second rewrite is not empty:\n" + again.stdout[:2000])

scan = subprocess.run([tool, "scan", "-q", "-p", scratch], capture_output=True, text=True)
report = json.loads(scan.stdout)
by_file = {}
for impl in report["implementations"]:
    by_file.setdefault(impl["file"], []).append(impl)
converted_count = 0
for path in changed:
    rel = os.path.relpath(path, scratch)
    verdicts = [i["verdict"] for i in by_file.get(rel, []) if i["kind"] in ("proto_ops", "inner")]
    if rel == "include/linux/net.h":
        # The core helper the inner helpers' wrappers call.
        if "sockopt_init_user" not in open(path).read():
            fail(f"{rel}: changed, but has no sockopt_init_user()")
        else:
            print(f"core helper: {rel}")
    elif not verdicts:
        # No implementation of its own: a shared helper (its patch says
        # which callers it serves), a struct proto hook wrapping its call
        # of another file's inner helper (that helper's patch names it), or
        # the header declaring either.
        notes = re.sub(r"\s+", " ", "".join(open(os.path.join(series, n)).read()
                                             for n in os.listdir(series)))
        if f" in {rel}, which gets the same wrapper " in notes:
            print(f"wraps another file's inner helper: {rel}")
        elif rel.endswith(".c") and f" in {rel} serves " not in notes:
            fail(f"{rel}: changed, but holds no implementation, no shared helper and no wrapper")
        else:
            print(f"converted with its callers: {rel}")
    elif "already-converted" not in verdicts:
        fail(f"{rel}: scan after the rewrite does not report it already-converted: {verdicts}")
    else:
        converted_count += 1

print(f"converted implementations: {converted_count} in {len(changed)} files")
print(f"{len(failures)} failed" if failures else "rewrite of the real tree: all checks passed")
sys.exit(1 if failures else 0)
