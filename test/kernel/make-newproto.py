#!/usr/bin/env python3
"""make-newproto.py FIXTURE OUT: a fixture protocol as a kernel source file
that builds warning-free under Kbuild's -Werror (kernel headers, and a
prototype for its exported create function)."""
import re
import sys

text = open(sys.argv[1]).read()
text = text.replace("#include <linux/errno.h>", "#include <linux/errno.h>\n#include <linux/types.h>")
create = re.search(r"^int (\w+_create)\(([^)]*)\)", text, re.M)
if create:
    text = text.replace(create.group(0), f"int {create.group(1)}({create.group(2)});\n\n{create.group(0)}", 1)
open(sys.argv[2], "w").write(text)
