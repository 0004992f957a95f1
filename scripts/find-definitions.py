#!/usr/bin/env python3
"""Find the .c files of a kernel tree that define given functions.

  find-definitions.py TREE NAME...

Prints "NAME FILE" (FILE relative to TREE) for every definition found,
sorted; a name defined in several files (one per architecture, or a static
function of the same name in two drivers) gets one line per file.  Names
with no definition are simply absent from the output.

Kernel style puts a function definition at the start of a line: the return
type and the name ("int tcp_ao_get_mkts(struct sock *sk, ...)"), or the name
alone under a return type on the line above ("static int\\nfoo(...)").  So a
definition here is a line that starts with neither blank nor '#', holds
NAME( before any ';', '{', '}' or '=', and whose parameter list is followed
(after comments and annotations such as __acquires(x)) by '{', not ';' as
in a prototype.  Definitions that a macro generates (BPF_CALL_5(name, ...),
SYSCALL_DEFINE5(...)) are not found: the name is not followed by its own
parameter list.

tools/ is skipped: it is user-space code built outside Kbuild, with its own
copies of kernel functions.
"""
import os
import re
import subprocess
import sys

PROG = "find-definitions"
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
# An annotation between the parameter list and the body: __acquires(x),
# __releases(x), __must_hold(x), __attribute__((...)).
ANNOTATION = re.compile(r"\s*[A-Za-z_][A-Za-z0-9_]*\s*(\((?:[^()]|\([^()]*\))*\))?")
BODY = re.compile(r"\s*\{")


def fail(msg):
    sys.exit("%s: error: %s" % (PROG, msg))


def files_mentioning(tree, names):
    """The .c files under tree (outside tools/) that contain a name as a word."""
    cmd = ["grep", "-rlwE", "--include=*.c", "--exclude-dir=tools", "--exclude-dir=.git",
           "-e", "|".join(names), "."]
    res = subprocess.run(cmd, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if res.returncode > 1:
        fail("grep failed in %s: %s" % (tree, res.stderr.strip()))
    return sorted(os.path.normpath(p) for p in res.stdout.split())


def body_follows(text, pos):
    """text[pos] is the '(' of a parameter list: is it followed by a body?"""
    depth = 0
    for i in range(pos, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                break
    else:
        return False
    i += 1
    while (m := ANNOTATION.match(text, i)) and m.group(0).strip():
        i = m.end()
    return BODY.match(text, i) is not None


def defines(text, name):
    head = re.compile(r"^(?![\s#])[^;{}=\n]*?\b%s\s*\(" % re.escape(name), re.M)
    return any(body_follows(text, m.end() - 1) for m in head.finditer(text))


def main(argv):
    if len(argv) < 2:
        fail("usage: find-definitions.py TREE NAME...")
    tree, names = argv[0], sorted(set(argv[1:]))
    bad = [n for n in names if not IDENT.fullmatch(n)]
    if bad:
        fail("not a C identifier: %s" % " ".join(bad))
    if not os.path.isdir(tree):
        fail("%s is not a directory" % tree)
    found = []
    for path in files_mentioning(tree, names):
        with open(os.path.join(tree, path), errors="replace") as f:
            # Comments out, newlines kept: a commented-out definition is none.
            text = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), f.read())
        found.extend((name, path) for name in names if name in text and defines(text, name))
    for name, path in sorted(found):
        print(name, path)


if __name__ == "__main__":
    main(sys.argv[1:])
