#!/usr/bin/env python3
"""readme-commands.py README TOOL FIXTURES FIXTURES_DB SCRATCH: runs the
sockopt-migrate and git commands of README.md's ```sh blocks, as written,
over copies of the fixture tree, so that the README cannot drift from the
tool.

A command line is one that starts with `sockopt-migrate`,
`build/tool/sockopt-migrate` or `git -C "$tree"`; `$tree` is a fresh copy of
the fixture tree (its compile_commands.json at the root, like a tree made by
scripts/linux-tree.sh, a git repository with an origin/main) for every
command except a `git -C "$tree"` one, which continues the tree of the
command before it. All run in one working directory, in README order, as
in a shell session (the baseline written by one is read by the next). A trailing `# comment` and `| less` are dropped.
Positional source files of the real tree map onto fixture files through
FIXTURE_FOR; a path that is neither there nor in the fixture tree fails the
run. Prints each command and its exit status.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys

readme, tool, fixtures, fixtures_db, scratch = sys.argv[1:6]
FIXTURE_FOR = {
    "net/bluetooth/sco.c": "net/typed/typed.c",
    "net/ipv4/tcp.c": "net/chain/chain_ops.c",  # a chain into another file
}


def commands(text):
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            line = re.sub(r"\s*\|\s*less$", "", line)
            if re.match(r"(build/tool/)?sockopt-migrate |git -C \"\$tree\" ", line):
                yield line


def fresh_tree(n):
    tree = os.path.join(scratch, "tree%d" % n)
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(fixtures, tree)
    with open(os.path.join(fixtures_db, "compile_commands.json")) as f:
        db = f.read().replace(fixtures, tree)
    with open(os.path.join(tree, "compile_commands.json"), "w") as f:
        f.write(db)
    git = ["git", "-C", tree, "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", tree], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "base"], check=True)
    subprocess.run(git + ["update-ref", "refs/remotes/origin/main", "HEAD"], check=True)
    return tree


os.makedirs(scratch, exist_ok=True)
with open(readme) as f:
    lines = list(commands(f.read()))
if not lines:
    sys.exit("readme-commands: no command found in " + readme)
run = os.path.join(scratch, "cwd")  # one working directory, as in a shell session
shutil.rmtree(run, ignore_errors=True)
os.makedirs(run)
tree = None
failed = False
for n, line in enumerate(lines):
    if not line.startswith("git "):
        tree = fresh_tree(n)
    command = re.sub(r"^(build/tool/)?sockopt-migrate ", lambda m: shlex.quote(tool) + " ", line)
    for word in shlex.split(line):
        if word in FIXTURE_FOR:
            command = command.replace(word, FIXTURE_FOR[word])
        elif word.endswith(".c") and not os.path.exists(os.path.join(fixtures, word)):
            print("readme-commands: %s names %s, which no fixture stands for" % (line, word))
            failed = True
    env = dict(os.environ, tree=tree, GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    result = subprocess.run(["sh", "-c", command], cwd=run, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    print("%s -> exit %d" % (line, result.returncode))
    if result.returncode not in (0, 1):
        sys.stdout.write(result.stderr.decode(errors="replace"))
sys.exit(1 if failed else 0)
