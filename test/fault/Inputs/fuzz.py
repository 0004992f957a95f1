#!/usr/bin/env python3
"""fuzz.py KIND TOOL FIXTURES_DB SCRATCH: feeds the tool many damaged
inputs of one KIND, from a fixed seed (the same cases on every run), and
checks the promises that hold for every input:

  - the tool ends by exiting with 0, 1 or 2, never by a signal or with
    another status (a crash, an abort on an exception);
  - it never says "internal error";
  - where the damage makes the input unusable, it exits 2 with a message on
    stderr and nothing on stdout.

KIND is one of
  database   compile_commands.json cut at every entry boundary and at random
             offsets (always exit 2), and with random bytes replaced or
             inserted (any of 0, 1, 2; a small database of two entries, so
             that the parses are quick);
  baseline   --baseline files whose suppressions have random JSON values in
             random places (exit 2 unless the file is a baseline);
  revision   --changed-since with revisions that are not commits, or look
             like options (always exit 2);
  gitstate   --changed-since in repositories in odd states: no commit yet,
             a damaged .git, a detached HEAD, a stale index.lock, a merge
             conflict, a tree that a surrounding repository ignores; a new legacy protocol is never passed (exit 1 where
             git can tell, else 2).
Prints "KIND: N cases, all as promised" or one line per broken promise.
"""
import json
import os
import random
import shutil
import subprocess
import sys

kind, tool, fixtures_db, scratch = sys.argv[1:5]
rng = random.Random(11)
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(scratch)
with open(os.path.join(fixtures_db, "compile_commands.json")) as f:
    entries = json.load(f)
small = [e for e in entries if e["file"].endswith(("/converted.c", "/typed.c"))]
broken = []


def run(args, case, must_fail):
    r = subprocess.run([tool] + args, capture_output=True, timeout=120)
    err = r.stderr.decode(errors="replace")
    what = None
    if r.returncode < 0:
        what = "killed by signal %d" % -r.returncode
    elif r.returncode not in (0, 1, 2):
        what = "exit %d" % r.returncode
    elif "internal error" in err or "crashed" in err:
        what = "internal error: " + err.strip().splitlines()[-1]
    elif must_fail and (r.returncode != 2 or r.stdout or "error:" not in err):
        what = "exit %d, %d bytes on stdout, stderr %r" % (r.returncode, len(r.stdout), err[:200])
    if what:
        broken.append("%s: %s" % (case, what))


def write_db(name, content):
    d = os.path.join(scratch, name)
    os.makedirs(d)
    with open(os.path.join(d, "compile_commands.json"), "wb") as f:
        f.write(content)
    return d


cases = 0
if kind == "database":
    text = json.dumps(entries, indent=2).encode()
    cuts = [i + 1 for i, c in enumerate(text) if c == ord("}")]
    cuts += rng.sample(range(1, len(text) - 1), 40)
    for n, cut in enumerate(cuts):
        d = write_db("cut%d" % n, text[:cut])
        run(["scan", "-p", d], "cut at byte %d" % cut, True)
        cases += 1
    small_text = json.dumps(small, indent=2).encode()
    for n in range(40):
        data = bytearray(small_text)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(data))
            byte = rng.choice(b'{}[]",:\\\x00\xff\n 0a-')
            if rng.random() < 0.5:
                data[at] = byte
            else:
                data.insert(at, byte)
        d = write_db("flip%d" % n, bytes(data))
        run(["scan", "-q", "-p", d], "bytes changed (case %d)" % n, False)
        cases += 1
elif kind == "baseline":
    values = [None, True, 0, -1, 1.5, "", "x" * 300, [], {}, [1], {"rule": 1}, "\udcff"]
    converted = next(e["file"] for e in entries if e["file"].endswith("/converted.c"))
    for n in range(60):
        sup = {"rule": "legacy-getsockopt", "file": "net/x.c", "function": "f"}
        doc = {"version": 1, "suppressions": [dict(sup)]}
        target = rng.choice(["doc", "suppressions", "element", "field"])
        value = rng.choice(values)
        if target == "doc":
            doc = value
        elif target == "suppressions":
            doc["suppressions"] = value
        elif target == "element":
            doc["suppressions"].append(value)
        else:
            doc["suppressions"][0][rng.choice(list(sup))] = value
        path = os.path.join(scratch, "baseline%d.json" % n)
        with open(path, "w", errors="surrogateescape") as f:
            f.write(json.dumps(doc, ensure_ascii=False))
        valid = isinstance(doc, dict) and isinstance(doc.get("suppressions"), list) and all(
            isinstance(s, dict) and all(isinstance(s.get(k), str) for k in sup)
            for s in doc["suppressions"])
        run(["check", "-p", fixtures_db, "--baseline", path, converted],
            "baseline %s" % json.dumps(doc)[:80], not valid)
        cases += 1
elif kind == "revision":
    root = small[0]["directory"]
    tree = os.path.join(scratch, "tree")
    shutil.copytree(root, tree)
    db = write_db("db", json.dumps(small).replace(root, tree).encode())
    git = ["git", "-C", tree, "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", tree], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "base"], check=True)
    victim = os.path.join(scratch, "victim")
    revisions = ["-", "--", "-h", "--help", "--output=" + victim, "-p", "--no-index",
                 "HEAD:", "HEAD^{tree}", "HEAD~99", "@{-1}", "HEAD..HEAD", "HEAD...HEAD",
                 "no-such-branch", ":/no such message", "HEAD\n", " HEAD", "\x01"]
    for rev in revisions:
        with open(victim, "w") as f:
            f.write("keep\n")
        run(["check", "-p", db, "--changed-since=" + rev], "revision %r" % rev, True)
        with open(victim) as f:
            if f.read() != "keep\n":
                broken.append("revision %r: wrote to %s" % (rev, victim))
        cases += 1
elif kind == "gitstate":
    root = small[0]["directory"]
    legacy = next(e["file"] for e in small if e["file"].endswith("/typed.c"))

    def repo(name, commit=True):
        tree = os.path.join(scratch, name)
        shutil.copytree(root, tree)
        db = write_db(name + ".db", json.dumps(small).replace(root, tree).encode())
        git = ["git", "-C", tree, "-c", "user.name=t", "-c", "user.email=t@t"]
        subprocess.run(["git", "init", "-q", tree], check=True)
        if commit:
            # base: everything but the legacy protocol's file, which the
            # next commit adds: the change the gate must see.
            rel = os.path.relpath(legacy, root)
            subprocess.run(git + ["add", "-A", "--", ".", ":!" + rel], check=True)
            subprocess.run(git + ["commit", "-q", "-m", "base"], check=True)
            subprocess.run(git + ["add", rel], check=True)
            subprocess.run(git + ["commit", "-q", "-m", "add"], check=True)
        return tree, db, git

    # No repository above the scratch directory takes part (the test may run
    # inside one).
    ceiling = dict(os.environ, GIT_CEILING_DIRECTORIES=os.path.abspath(scratch))

    def gate(name, db, rev, statuses):
        r = subprocess.run([tool, "check", "-p", db, "--changed-since", rev], capture_output=True,
                           env=ceiling)
        if r.returncode not in statuses:
            broken.append("%s: exit %d, expected %s; %s" % (name, r.returncode, statuses,
                                                           r.stderr.decode(errors="replace")[:200]))

    tree, db, git = repo("unborn", commit=False)
    gate("no commit yet", db, "HEAD", (2,))
    tree, db, git = repo("detached")
    subprocess.run(git + ["checkout", "-q", "--detach", "HEAD"], check=True)
    gate("detached HEAD", db, "HEAD~1", (1,))
    tree, db, git = repo("locked")
    open(os.path.join(tree, ".git", "index.lock"), "w").close()
    gate("stale index.lock", db, "HEAD~1", (1,))
    tree, db, git = repo("damaged")
    shutil.rmtree(os.path.join(tree, ".git", "objects"))
    gate("no object store", db, "HEAD~1", (2,))
    tree, db, git = repo("gitfile")
    shutil.rmtree(os.path.join(tree, ".git"))
    with open(os.path.join(tree, ".git"), "w") as f:
        f.write("gitdir: /nonexistent\n")
    gate(".git naming a missing directory", db, "HEAD~1", (2,))
    # The tree inside an outer repository that ignores it, its own .git gone.
    tree, db, git = repo("outer/tree")
    shutil.rmtree(os.path.join(tree, ".git"))
    outer = os.path.join(scratch, "outer")
    with open(os.path.join(outer, ".gitignore"), "w") as f:
        f.write("tree/\n")
    subprocess.run(["git", "init", "-q", outer], check=True)
    subprocess.run(["git", "-C", outer, "add", ".gitignore"], check=True)
    subprocess.run(["git", "-C", outer, "-c", "user.name=t", "-c", "user.email=t@t", "commit",
                    "-q", "-m", "outer"], check=True)
    gate("tree ignored by a surrounding repository", db, "HEAD", (2,))
    tree, db, git = repo("conflict")
    branch = subprocess.run(git + ["symbolic-ref", "--short", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    subprocess.run(git + ["checkout", "-q", "-b", "other", "HEAD~1"], check=True)
    os.makedirs(os.path.dirname(legacy.replace(root, tree)), exist_ok=True)
    with open(legacy.replace(root, tree), "w") as f:
        f.write("int other;\n")
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "other"], check=True)
    subprocess.run(git + ["merge", "-q", branch], capture_output=True)
    gate("merge conflict", db, "HEAD", (1, 2))
    cases = 7
else:
    sys.exit("fuzz.py: unknown KIND " + kind)

for line in broken:
    print(line)
if not broken:
    print("%s: %d cases, all as promised" % (kind, cases))
sys.exit(1 if broken else 0)
