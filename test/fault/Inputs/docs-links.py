#!/usr/bin/env python3
"""docs-links.py SRC: checks the documentation of the repository at SRC,
README.md and docs/*.md (and kernel-fixtures/README.md, which they link
to), so that a reader who has only the repository can follow it:

- no page points outside the repository: no `../` link that leaves it, and
  no mention of a design-notes file or a shared folder that users do not
  have (the words are in FORBIDDEN); the source files' comments neither;
- every relative link names a file or directory that exists, and a
  `#fragment` names a heading of the page it points at (GitHub's anchors);
- every path of this repository that a page names (`tool/...`,
  `test/...`, ...; see REPO_DIRS) exists; a `*` is a glob.

Prints one line per problem, then the number of pages and links checked.
"""
import glob
import os
import re
import sys

src = os.path.realpath(sys.argv[1])
# Spelt in pieces, so that this file does not match itself.
FORBIDDEN = ["../" + "shared", "DESIGN" + ".md"]
# Top-level directories of the repository: a path starting with one of them
# names a file of the repository.
REPO_DIRS = ["tool", "support", "model", "analysis", "engine", "runner", "output", "rewrites", "checks", "plugin", "test", "scripts", "e2e",
             "bench", "docs", "kernel-fixtures", "unittests", ".ci"]
# Kernel paths that start like a repository path.
KERNEL_PATHS = {"scripts/checkpatch.pl", "scripts/clang-tools/gen_compile_commands.py"}
SOURCE_SUFFIXES = (".cpp", ".h", ".c", ".py", ".sh", ".txt", ".in", ".cfg", ".json", ".test",
                   ".config", ".patch", ".md")

pages = ["README.md"] + sorted(os.path.relpath(p, src)
                               for p in glob.glob(os.path.join(src, "docs", "*.md")))
pages.append("kernel-fixtures/README.md")
problems = []


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped
    (word characters, spaces and hyphens stay), spaces become hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path):
    seen = {}
    result = set()
    in_code = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("```"):
                in_code = not in_code
            m = re.match(r"(#{1,6})\s+(.*?)\s*#*\s*$", line)
            if m and not in_code:
                base = slug(m.group(2))
                n = seen.get(base, 0)
                seen[base] = n + 1
                result.add(base if n == 0 else "%s-%d" % (base, n))
    return result


def prose_and_code(text):
    """(inline text, code block text) of a page."""
    code = "".join(re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M))
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.S | re.M)
    return prose, code


links = 0
for page in pages:
    path = os.path.join(src, page)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for word in FORBIDDEN:
        for n, line in enumerate(text.splitlines(), 1):
            if word in line:
                problems.append("%s:%d: mentions %s" % (page, n, word))
    prose, code = prose_and_code(text)
    for n, line in enumerate(prose.splitlines(), 1):
        for target in re.findall(r"\]\(([^)\s]+)\)", line):
            if re.match(r"[a-z]+:", target):
                continue  # a URL
            links += 1
            file, _, fragment = target.partition("#")
            resolved = os.path.realpath(os.path.join(os.path.dirname(path), file)) if file else path
            if resolved != src and not resolved.startswith(src + os.sep):
                problems.append("%s: link %s leaves the repository" % (page, target))
                continue
            if not os.path.exists(resolved):
                problems.append("%s: link %s: no such file" % (page, target))
                continue
            if fragment:
                if not resolved.endswith(".md"):
                    problems.append("%s: link %s: a fragment of a file that is not a page"
                                    % (page, target))
                elif fragment not in anchors(resolved):
                    problems.append("%s: link %s: no such heading in %s"
                                    % (page, target, os.path.relpath(resolved, src)))
    if page.startswith("kernel-fixtures/"):
        continue  # its paths are relative to the fixture tree
    pattern = r"(?<![\w./$-])((?:%s)/[\w.*/-]*[\w*/])" % "|".join(re.escape(d) for d in REPO_DIRS)
    unlinked = re.sub(r"\]\([^)]*\)", "]", prose)  # links are checked above
    for named in sorted(set(re.findall(pattern, unlinked + code))):
        if named in KERNEL_PATHS:
            continue
        if not glob.glob(os.path.join(src, named)):
            problems.append("%s: names %s, which the repository does not have" % (page, named))

# The sources' comments: no pointer to a file users do not have.
for root, dirs, files in os.walk(src):
    dirs[:] = [d for d in dirs if not d.startswith(".") and not d.startswith("build")]
    for name in files:
        if not name.endswith(SOURCE_SUFFIXES):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, src)
        if rel in pages:
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                for word in FORBIDDEN:
                    if word in line:
                        problems.append("%s:%d: mentions %s" % (rel, n, word))

for p in problems:
    print(p)
print("%d pages, %d links checked, %d problems" % (len(pages), links, len(problems)))
sys.exit(1 if problems else 0)
