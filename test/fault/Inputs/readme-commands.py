#!/usr/bin/env python3
"""readme-commands.py SRC TOOL FIXTURES FIXTURES_DB SCRATCH: runs the
sockopt-migrate and git commands that the documentation shows, as written,
over copies of the fixture tree, so that the documentation cannot drift
from the tool.

The pages: SRC's README.md, then docs/*.md in name order. Each page with a
command prints `== PAGE`, then each command and its exit status. Each page
is its own shell session: one working directory (SCRATCH/PAGE/cwd, with
`/` in PAGE as `-`) in which its commands run in page order (the baseline
written by one is read by the next), and the trees of its commands in
SCRATCH/PAGE/treeN, N the command's index on the page.

The commands:
- in a ```sh block, a line that starts with `sockopt-migrate`,
  `build/tool/sockopt-migrate` or `git -C "$tree"`;
- in a ```yaml block (a CI job), a `- run: sockopt-migrate ...` step;
- in a ```make block, a recipe line that runs `sockopt-migrate`.
A trailing `# comment` and `| less` are dropped; a GitHub expression
`${{ github.base_ref }}` is `main`.

`$tree` is a fresh copy of the fixture tree (its compile_commands.json at
the root, like a tree made by scripts/linux-tree.sh, a git repository with
an origin/main) for every command except a `git -C "$tree"` one, which
continues the tree of the command before it. A command with `-p .` runs
inside its fresh tree, as a kernel tree's own CI job or Makefile does;
there a `--baseline FILE` is a file the tree commits: when the tree has no
FILE, it is first written with `check -p . --write-baseline FILE` and
committed, as a tree that adopted the gate has it.

Positional source files of the real tree map onto fixture files through
FIXTURE_FOR; a path that is neither there nor in the fixture tree fails the
run.
"""
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys

src, tool, fixtures, fixtures_db, scratch = sys.argv[1:6]
tool = os.path.abspath(tool)
FIXTURE_FOR = {
    "net/bluetooth/sco.c": "net/typed/typed.c",
    "net/ipv4/tcp.c": "net/chain/chain_ops.c",  # a chain into another file
}
COMMAND = r"(build/tool/)?sockopt-migrate |git -C \"\$tree\" "


def clean(line):
    line = re.sub(r"\s+#.*$", "", line).strip()
    line = re.sub(r"\s*\|\s*less$", "", line)
    return line.replace("${{ github.base_ref }}", "main")


def commands(text):
    for kind, block in re.findall(r"^```(\w*)\n(.*?)^```", text, re.S | re.M):
        for line in block.splitlines():
            if kind == "yaml":
                m = re.match(r"\s*-?\s*run:\s*(.*)", line)
                line = m.group(1) if m else ""
            elif kind == "make":
                line = line[1:] if line.startswith("\t") else ""
            elif kind != "sh":
                continue
            line = clean(line)
            if re.match(COMMAND, line):
                yield line


def git(tree, *args):
    subprocess.run(["git", "-C", tree, "-c", "user.name=t", "-c", "user.email=t@t"] + list(args),
                   check=True, stdout=subprocess.DEVNULL)


def fresh_tree(session, n):
    tree = os.path.join(session, "tree%d" % n)
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(fixtures, tree)
    with open(os.path.join(fixtures_db, "compile_commands.json")) as f:
        db = f.read().replace(fixtures, tree)
    with open(os.path.join(tree, "compile_commands.json"), "w") as f:
        f.write(db)
    subprocess.run(["git", "init", "-q", tree], check=True)
    git(tree, "add", "-A")
    git(tree, "commit", "-qm", "base")
    git(tree, "update-ref", "refs/remotes/origin/main", "HEAD")
    return tree


def commit_baseline(tree, words):
    """The baseline a tree running the gate on itself commits."""
    if "--baseline" not in words:
        return
    baseline = words[words.index("--baseline") + 1]
    if os.path.exists(os.path.join(tree, baseline)):
        return
    subprocess.run([tool, "check", "-p", ".", "--write-baseline", baseline], cwd=tree,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    git(tree, "add", baseline)
    git(tree, "commit", "-qm", "sockopt-migrate baseline")


pages = ["README.md"] + sorted(os.path.relpath(p, src)
                               for p in glob.glob(os.path.join(src, "docs", "*.md")))
os.makedirs(scratch, exist_ok=True)
failed = False
total = 0
for page in pages:
    with open(os.path.join(src, page)) as f:
        lines = list(commands(f.read()))
    if not lines:
        continue
    print("== " + page)
    total += len(lines)
    session = os.path.join(scratch, page.replace("/", "-"))
    run = os.path.join(session, "cwd")  # one working directory, as in a shell session
    shutil.rmtree(session, ignore_errors=True)
    os.makedirs(run)
    tree = None
    for n, line in enumerate(lines):
        words = shlex.split(line)
        if not line.startswith("git "):
            tree = fresh_tree(session, n)
        cwd = run
        if "-p" in words[:-1] and words[words.index("-p") + 1] == ".":
            cwd = tree
            commit_baseline(tree, words)
        command = re.sub(r"^(build/tool/)?sockopt-migrate ", lambda m: shlex.quote(tool) + " ",
                         line)
        for word in words:
            if word in FIXTURE_FOR:
                command = command.replace(word, FIXTURE_FOR[word])
            elif word.endswith(".c") and not os.path.exists(os.path.join(fixtures, word)):
                print("readme-commands: %s names %s, which no fixture stands for" % (line, word))
                failed = True
        env = dict(os.environ, tree=tree, GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
        result = subprocess.run(["sh", "-c", command], cwd=cwd, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        print("%s -> exit %d" % (line, result.returncode))
        if result.returncode not in (0, 1):
            sys.stdout.write(result.stderr.decode(errors="replace"))
if not total:
    sys.exit("readme-commands: no command found in " + ", ".join(pages))
sys.exit(1 if failed else 0)
