#!/usr/bin/env python3
"""has-bytes.py FILE BYTES: exit 0 when FILE holds BYTES (\\xNN escapes
allowed, for bytes that are not valid UTF-8), else 1 with a message."""
import sys

path, wanted = sys.argv[1], sys.argv[2].encode().decode("unicode_escape").encode("latin-1")
with open(path, "rb") as f:
    if wanted not in f.read():
        sys.exit("has-bytes: %s does not hold %r" % (path, wanted))
