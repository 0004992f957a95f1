#!/usr/bin/env python3
"""Name the Kconfig option that keeps a .c file out of the build.

  kbuild-option.py TREE FILE

FILE is a path relative to TREE whose object Kbuild does not build in this
configuration.  Kbuild decides from the "obj-$(CONFIG_X) += x.o" lines of
the Makefile (or Kbuild file) of x.o's directory, of the composite object
that lists x.o ("foo-y += x.o", then "obj-$(CONFIG_X) += foo.o"), or of a
parent directory ("obj-$(CONFIG_X) += dir/"): scripts/Makefile.build reads
them.  Prints the first such line found, nearest first, and the option's
value in TREE/.config:

  net/iucv/Makefile:6: obj-$(CONFIG_AFIUCV) += af_iucv.o; CONFIG_AFIUCV is not in .config (its dependencies are not met)

Prints nothing when no line names an option (an unconditional obj-y, an
object for another architecture that no Makefile here lists, ...): the
caller then says so in general terms.
"""
import os
import re
import sys

ASSIGNMENT = re.compile(r"^\s*([A-Za-z0-9_.-]+)-(y|m|objs|\$\((CONFIG_\w+)\))\s*[:+]?=\s*(.*)$")


def logical_lines(path):
    """(first line number, text) of PATH with backslash continuations joined
    and comments dropped."""
    with open(path, errors="replace") as f:
        lines = f.read().split("\n")
    n, out = 0, []
    while n < len(lines):
        start, text = n + 1, lines[n]
        while text.endswith("\\") and n + 1 < len(lines):
            n += 1
            text = text[:-1] + " " + lines[n]
        n += 1
        out.append((start, text.split("#", 1)[0]))
    return out


def makefiles(tree, directory):
    for name in ("Kbuild", "Makefile"):
        path = os.path.join(tree, directory, name)
        if os.path.isfile(path):
            yield path


def deciding_line(tree, target):
    """(makefile, line number, text, option) for TARGET ("dir/x.o" or
    "dir/sub/"), searched from TARGET's directory up to the tree's root."""
    directory = os.path.dirname(target.rstrip("/"))
    while True:
        relative = os.path.relpath(target, directory or ".") + ("/" if target.endswith("/") else "")
        for makefile in makefiles(tree, directory):
            for number, text in logical_lines(makefile):
                m = ASSIGNMENT.match(text)
                if not m or relative not in m.group(4).split():
                    continue
                name, kind, option = m.group(1), m.group(2), m.group(3)
                where = (os.path.relpath(makefile, tree), number, " ".join(text.split()))
                if option:
                    return where + (option,)
                if name == "obj":
                    # obj-y/obj-m: built whenever its directory is.
                    if not directory:
                        return None
                    return deciding_line(tree, directory + "/")
                # A part of the composite object NAME.o.
                return deciding_line(tree, os.path.join(directory, name + ".o"))
        if not directory:
            return None
        directory = os.path.dirname(directory)


def option_value(tree, option):
    try:
        with open(os.path.join(tree, ".config")) as f:
            config = f.read()
    except OSError:
        return "has no value (no .config)"
    m = re.search(r"^%s=(.*)$" % re.escape(option), config, re.M)
    if m:
        return "is %s" % m.group(1)
    if re.search(r"^# %s is not set$" % re.escape(option), config, re.M):
        return "is not set"
    return "is not in .config (its dependencies are not met)"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().split("\n")[2].strip())
    tree, file = sys.argv[1], sys.argv[2]
    found = deciding_line(tree, re.sub(r"\.c$", ".o", file))
    if found:
        makefile, number, text, option = found
        print("%s:%d: %s; %s %s" % (makefile, number, text, option, option_value(tree, option)))


if __name__ == "__main__":
    main()
