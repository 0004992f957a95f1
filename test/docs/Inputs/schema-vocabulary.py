#!/usr/bin/env python3
"""The report's schema and the rules page against the tool's vocabularies.

usage: schema-vocabulary.py VOCABULARY.json SCHEMA.json RULES.md

VOCABULARY.json is `sockopt-migrate explain --format=json`. Every enum of the
schema that names words of the report must list exactly the tool's words,
and the table of checks in docs/rules.md must describe exactly its rules.
Prints each difference and exits 1; exits 0 silently.
"""
import json
import re
import sys

vocabulary, schema_path, rules_path = sys.argv[1:]
words = {key: [w["name"] for w in rows] for key, rows in json.load(open(vocabulary)).items()}
schema = json.load(open(schema_path))
defs = schema["$defs"]
implementation = defs["implementation"]["properties"]

expected = [
    ("$defs/implementation/verdict", implementation["verdict"]["enum"], words["verdicts"]),
    ("$defs/implementation/options/verdict",
     implementation["options"]["items"]["properties"]["verdict"]["enum"],
     [w for w in words["verdicts"] if w != "already-converted"]),
    ("$defs/implementation/kind", implementation["kind"]["enum"], words["kinds"]),
    ("$defs/implementation/callers/bridge",
     implementation["callers"]["items"]["properties"]["bridge"]["enum"], words["bridges"]),
    ("$defs/external_call/resolution", defs["external_call"]["properties"]["resolution"]["enum"],
     words["resolutions"]),
    ("$defs/reason_code", defs["reason_code"]["enum"],
     words["reason-codes"] + words["rewrite-reasons"]),
    ("$defs/change_code", defs["change_code"]["enum"], words["behaviour-changes"]),
]
rules_page = open(rules_path, encoding="utf-8").read()
checks = rules_page[rules_page.index("## Checks"):]
expected.append(("docs/rules.md, Checks", re.findall(r"^\| `([a-z-]+)` \|", checks, re.M),
                 words["check-rules"]))

failed = False
for where, have, want in expected:
    if have != want:
        print(f"{where}: {have} != the tool's {want}")
        failed = True
sys.exit(1 if failed else 0)
