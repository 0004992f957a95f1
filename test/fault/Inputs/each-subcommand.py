#!/usr/bin/env python3
"""each-subcommand.py STATUS TOOL ARG...: runs `TOOL scan ARG...`,
`TOOL rewrite ARG...` and `TOOL check ARG...` and prints what each wrote
on stderr. Fails (exit 1, saying why) unless every one exits with STATUS
and writes nothing on stdout."""
import subprocess
import sys

status, tool, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
ok = True
for sub in ("scan", "rewrite", "check"):
    run = subprocess.run([tool, sub] + args, capture_output=True)
    sys.stdout.buffer.write(run.stderr)
    if run.returncode != status:
        print(f"each-subcommand: {sub} exited with {run.returncode}, expected {status}",
              file=sys.stderr)
        ok = False
    if run.stdout:
        print(f"each-subcommand: {sub} wrote on stdout", file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
