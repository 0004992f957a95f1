"""What the benchmarks share: timing a command, printing medians, and a
writable scratch copy of a kernel tree. Not a test: nothing passes or fails."""
import json
import os
import statistics
import subprocess
import sys
import tempfile

DEFAULT_TREE = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
                            "sockopt-migrate", "linux-source-6.12")
TOOL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "tool",
                    "sockopt-migrate")


def require(tree):
    if not os.path.exists(os.path.join(tree, "compile_commands.json")):
        sys.exit("%s has no compile_commands.json; run scripts/linux-tree.sh first" % tree)
    if not os.path.exists("/usr/bin/time"):
        sys.exit("/usr/bin/time (Debian package time) is needed for the peak memory")


def measure(argv, cwd=None, env=None):
    """(wall s, cpu s, peak MiB) of one run; the exit status is not judged.
    The peak is the largest resident set of the process or of any worker it
    waited for (GNU time's %M)."""
    fd, log = tempfile.mkstemp()
    os.close(fd)
    subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", log] + argv, cwd=cwd,
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(log) as f:
        wall, user, system, rss = f.read().split()[-4:]
    os.unlink(log)
    return float(wall), float(user) + float(system), int(rss) / 1024


def summary(samples):
    """(median wall, median cpu, peak memory) of (wall, cpu, peak) samples."""
    return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples),
            max(s[2] for s in samples))


def report(label, samples):
    wall, cpu, mem = summary(samples)
    print("  %-44s wall %7.2f s  cpu %7.2f s  peak %6.0f MiB" % (label, wall, cpu, mem))
    return wall, cpu, mem


def scratch_copy(tree, scratch, commit_files):
    """A copy of `tree` in `scratch`/tree made of hard links (a file is
    copied before it is changed, so `tree` is never written), with its
    compilation database pointing at the copy and a git repository in
    which `commit_files` (tree-relative) are committed. Returns its path."""
    copy = os.path.join(scratch, "tree")
    subprocess.run(["cp", "-al", tree, copy], check=True)
    with open(os.path.join(tree, "compile_commands.json")) as f:
        db = json.load(f)
    for e in db:
        for key in ("directory", "file"):
            e[key] = e[key].replace(tree, copy)
        if "arguments" in e:
            e["arguments"] = [a.replace(tree, copy) for a in e["arguments"]]
    os.unlink(os.path.join(copy, "compile_commands.json"))
    with open(os.path.join(copy, "compile_commands.json"), "w") as f:
        json.dump(db, f)
    git = ["git", "-C", copy, "-c", "user.name=bench", "-c", "user.email=bench@invalid"]
    subprocess.run(git + ["init", "-q"], check=True)
    # The Debian tree's .gitignore files ignore some sources: -f.
    subprocess.run(git + ["add", "-f", "--"] + sorted(commit_files), check=True)
    subprocess.run(git + ["commit", "-q", "-m", "base"], check=True)
    return copy


def change_one_line(path):
    """Appends a comment to the first line of `path`, breaking its hard
    link first; returns the original text."""
    with open(path) as f:
        text = f.read()
    os.unlink(path)
    with open(path, "w") as f:
        f.write(text.replace("\n", " /* bench */\n", 1))
    return text


def restore(path, text):
    os.unlink(path)
    with open(path, "w") as f:
        f.write(text)
