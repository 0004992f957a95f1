#!/usr/bin/env python3
"""add-protocol.py TREE SCRATCH SOURCE: copies SOURCE (a fixture protocol,
written against the kernel's own headers) to SCRATCH/net/newproto/newproto.c
and writes SCRATCH/compile_commands.json: TREE's database moved to SCRATCH,
plus an entry for the new file with the flags of net/packet/af_packet.c."""
import json
import os
import sys

tree, scratch, source = (p.rstrip("/") for p in sys.argv[1:4])
os.makedirs(os.path.join(scratch, "net/newproto"), exist_ok=True)
with open(source) as f:
    text = f.read()
# The fixture headers are a subset of the kernel's; <linux/types.h> and
# <net/sock.h> bring the rest.
with open(os.path.join(scratch, "net/newproto/newproto.c"), "w") as f:
    f.write(text.replace("#include <linux/errno.h>", "#include <linux/errno.h>\n#include <linux/types.h>"))
with open(os.path.join(tree, "compile_commands.json")) as f:
    db = json.loads(f.read().replace(tree, scratch))
model = next(e for e in db if e["file"].endswith("net/packet/af_packet.c"))
entry = dict(model)
entry["file"] = os.path.join(scratch, "net/newproto/newproto.c")
entry["arguments"] = [a.replace("af_packet", "newproto").replace("net/packet/", "net/newproto/")
                      for a in model["arguments"]]
db = [e for e in db if not e["file"].endswith("net/newproto/newproto.c")] + [entry]
with open(os.path.join(scratch, "compile_commands.json"), "w") as f:
    json.dump(db, f, indent=1)
