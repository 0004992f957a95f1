#!/usr/bin/env python3
"""strip-sockopt.py NET_H: turns the fixture include/linux/net.h into the
header of a tree without the getsockopt_iter API (no sockopt_t, no
getsockopt_iter member), as before the backport."""
import re
import sys

text = open(sys.argv[1]).read()
text = re.sub(r"/\*\*\n \* struct sockopt.*?\} sockopt_t;\n", "", text, flags=re.S)
text = re.sub(r"\tint\t\t\(\*getsockopt_iter\)\(.*?\);\n", "", text, flags=re.S)
open(sys.argv[1], "w").write(text)
