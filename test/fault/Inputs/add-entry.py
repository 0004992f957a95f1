#!/usr/bin/env python3
"""add-entry.py DB TREE RELATIVE [SOURCE]: adds a compile command for
TREE/RELATIVE to the compilation database DB, made from its first entry,
and copies SOURCE there when given. In RELATIVE, \\xNN stands for the byte
NN (to make names that are not valid UTF-8); such bytes are written raw
into DB, as a generator that copies paths would."""
import json
import os
import shutil
import sys

db_path, tree, relative = sys.argv[1:4]
relative = os.fsdecode(relative.encode().decode("unicode_escape").encode("latin-1"))
with open(db_path, "rb") as f:
    db = json.loads(f.read().decode("utf-8", "surrogateescape"))
entry = dict(db[0])
entry["file"] = tree + "/" + relative
entry["arguments"] = entry["arguments"][:-3] + ["-o", relative[:-2] + ".o", relative]
db.append(entry)
with open(db_path, "wb") as f:
    f.write(json.dumps(db, indent=2, ensure_ascii=False).encode("utf-8", "surrogateescape"))
if len(sys.argv) > 4:
    os.makedirs(os.path.dirname(os.path.join(tree, relative)), exist_ok=True)
    shutil.copy(sys.argv[4], os.path.join(tree, relative))
