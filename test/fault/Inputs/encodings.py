#!/usr/bin/env python3
"""encodings.py FIXTURES FIXTURES_DB DEST: copies of the fixture tree whose
bytes are unusual, each with its compilation database:

  DEST/latin1/{tree,db}  a Latin-1 byte (not valid UTF-8) in comments of
                         net/kdoc/kdoc.c (inside the kernel-doc the rewrite
                         edits) and net/typed/typed.c (inside the function)
  DEST/label/{tree,db}   a Latin-1 byte in a comment inside the case label
                         of net/shortbuf/shortbuf.c that the report quotes
                         as the option of a behaviour change
  DEST/crlf/{tree,db}    net/typed/typed.c and net/kdoc/kdoc.c with CRLF
                         line endings
  DEST/odd/db, DEST/odd/caf\\xe9/tree
                         the tree under a directory whose name is not
                         valid UTF-8
"""
import os
import shutil
import sys

fixtures, fixtures_db, dest = (os.fsencode(a) for a in sys.argv[1:4])


def copy(tree, db):
    shutil.rmtree(os.path.dirname(tree), ignore_errors=True)
    shutil.copytree(fixtures, tree, symlinks=True)
    os.makedirs(db, exist_ok=True)
    with open(os.path.join(fixtures_db, b"compile_commands.json"), "rb") as f:
        text = f.read().replace(fixtures, tree)
    with open(os.path.join(db, b"compile_commands.json"), "wb") as f:
        f.write(text)


def edit(path, change):
    with open(path, "rb") as f:
        text = f.read()
    with open(path, "wb") as f:
        f.write(change(text))


latin1 = os.path.join(dest, b"latin1")
copy(os.path.join(latin1, b"tree"), os.path.join(latin1, b"db"))
edit(os.path.join(latin1, b"tree/net/kdoc/kdoc.c"),
     lambda t: t.replace(b" * @optval: where the value goes\n",
                         b" * @optval: where the value goes (caf\xe9)\n"))
edit(os.path.join(latin1, b"tree/net/typed/typed.c"),
     lambda t: t.replace(b"\tlock_sock(sk);\n", b"\t/* d\xe9j\xe0 vu */\n\tlock_sock(sk);\n"))

label = os.path.join(dest, b"label")
copy(os.path.join(label, b"tree"), os.path.join(label, b"db"))
edit(os.path.join(label, b"tree/net/shortbuf/shortbuf.c"),
     lambda t: t.replace(b"case SHORTBUF_DEFER:", b"case SHORTBUF_DEFER /* d\xe9fer */ + 0:", 1))

crlf = os.path.join(dest, b"crlf")
copy(os.path.join(crlf, b"tree"), os.path.join(crlf, b"db"))
for name in (b"tree/net/typed/typed.c", b"tree/net/kdoc/kdoc.c"):
    edit(os.path.join(crlf, name), lambda t: t.replace(b"\n", b"\r\n"))

odd = os.path.join(dest, b"odd")
shutil.rmtree(odd, ignore_errors=True)
copy(os.path.join(odd, b"caf\xe9", b"tree"), os.path.join(odd, b"db"))
