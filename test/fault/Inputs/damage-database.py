#!/usr/bin/env python3
"""damage-database.py DB OUT: writes damaged copies of the compilation
database DB, one directory per kind of damage under OUT, each holding a
compile_commands.json:

  cut-at-entry   cut right after the second entry's "}," (the rest is lost,
                 as when a generator is killed or a disk fills)
  cut-mid-entry  cut in the middle of the third entry
  not-json       a text file
  object         a JSON object instead of an array of entries
  no-file        the second entry has no "file"
  bad-argument   the second entry's "arguments" holds a number
  no-command     the second entry has neither "arguments" nor "command"
  trailing-comma a comma after the last entry (not JSON)
  no-directory   the second entry's "directory" does not exist (clang would
                 abort on it)
"""
import json
import os
import sys

db_path, out = sys.argv[1:3]
with open(db_path) as f:
    text = f.read()
entries = json.loads(text)
pretty = json.dumps(entries, indent=2)
second_end = pretty.index("\n  },\n", pretty.index("\n  },\n") + 1) + len("\n  },\n")


def variant(name, content):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    with open(os.path.join(out, name, "compile_commands.json"), "w") as f:
        f.write(content)


def edited(change):
    copy = json.loads(text)
    change(copy[1])
    return json.dumps(copy, indent=2)


variant("cut-at-entry", pretty[:second_end])
variant("cut-mid-entry", pretty[:second_end + 40])
variant("not-json", "this is not a compilation database\n")
variant("object", json.dumps({"entries": entries}))
variant("no-file", edited(lambda e: e.pop("file")))
variant("bad-argument", edited(lambda e: e["arguments"].append(42)))
variant("no-command", edited(lambda e: e.pop("arguments")))
variant("trailing-comma", pretty[:-2] + ",\n]")
variant("no-directory", edited(lambda e: e.update(directory="/nonexistent/kernel")))
