#!/usr/bin/env python3
"""Write a compile_commands.json from the commands Kbuild saved for x.i.

  compile-db.py TREE OUT SOURCE...

SOURCE is a path relative to TREE (dir/x.c) that Kbuild has preprocessed
with "make dir/x.i": if_changed_dep saved the command in dir/.x.i.cmd as
"savedcmd_dir/x.i := ..." (Linux 6.2 and later) or "cmd_dir/x.i := ..."
(before 6.2, when scripts/Kbuild.include's make-cmd still wrote cmd_).
Kbuild's preprocessing rule (scripts/Makefile.build: "cmd_cpp_i_c =
$(CPP) $(c_flags) -o $@ $<", CPP = $(CC) -E) uses the very c_flags of
cmd_cc_o_c, so the compile command of x.o is that command without -E, with
"-c -o dir/x.o" and the depfile of x.o.  The entries are written sorted by
file, with TREE as their directory.
"""
import json
import os
import shlex
import sys

PROG = "compile-db"


def fail(msg):
    sys.exit("%s: error: %s" % (PROG, msg))


def unescape(s):
    # scripts/Kbuild.include make-cmd writes "$" as "$$" and "#" as "$(pound)".
    res, i = [], 0
    while i < len(s):
        if s.startswith("$$", i):
            res.append("$")
            i += 2
        elif s.startswith("$(pound)", i):
            res.append("#")
            i += len("$(pound)")
        else:
            res.append(s[i])
            i += 1
    return "".join(res)


def saved_command(cmdfile, target):
    prefixes = ("savedcmd_%s := " % target, "cmd_%s := " % target)
    try:
        with open(cmdfile) as f:
            for line in f:
                for prefix in prefixes:
                    if line.startswith(prefix):
                        return line[len(prefix):].strip()
    except OSError as e:
        fail("cannot read %s: %s" % (cmdfile, e))
    fail("%s has no 'savedcmd_%s :=' or 'cmd_%s :=' line" % (cmdfile, target, target))


def entry(tree, src):
    if not src.endswith(".c") or os.path.isabs(src):
        fail("not a .c path relative to the tree: %s" % src)
    stem = src[:-2]
    d, base = os.path.split(stem)
    cmdfile = os.path.join(tree, d, "." + base + ".i.cmd")
    args = shlex.split(unescape(saved_command(cmdfile, stem + ".i")))
    dep_i = "-Wp,-MMD," + os.path.join(d, "." + base + ".i.d")
    if (args.count("-E") != 1 or args.count(dep_i) != 1 or args[-1] != src
            or args[-3:-1] != ["-o", stem + ".i"]):
        fail("unexpected command in %s: %s" % (cmdfile, " ".join(args)))
    args.remove("-E")
    args[args.index(dep_i)] = dep_i[:-len(".i.d")] + ".o.d"
    args[-3:-1] = ["-c", "-o", stem + ".o"]
    return {"directory": tree, "file": os.path.join(tree, src), "arguments": args}


def main(argv):
    if len(argv) < 3:
        fail("usage: compile-db.py TREE OUT SOURCE...")
    tree, out, sources = argv[0], argv[1], argv[2:]
    entries = sorted((entry(tree, src) for src in sources), key=lambda e: e["file"])
    with open(out, "w") as f:
        json.dump(entries, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
