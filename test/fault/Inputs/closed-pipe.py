#!/usr/bin/env python3
"""closed-pipe.py COMMAND...: runs COMMAND with its stdout on a pipe whose
reader has gone (as `COMMAND | head -c 0` would; the tools write only at the
end of a run, long after), and prints its exit status and what it wrote on
stderr."""
import subprocess
import sys

proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
proc.stdout.close()
err = proc.stderr.read().decode(errors="replace")
print("exit %d" % proc.wait())
sys.stdout.write(err)
