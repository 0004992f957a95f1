#!/usr/bin/env python3
"""signal-during-apply.py SIGNAL TREE COMMAND...: runs COMMAND (a
`rewrite --apply` over TREE) with a pause between staging and renaming
(SOCKOPT_MIGRATE_PAUSE_BEFORE_RENAME_MS), sends SIGNAL as soon as a staged
temporary file appears in TREE, and reports how the command ended and which
*.tmp files are left. Exit 1 when no temporary file ever appeared."""
import os
import signal
import subprocess
import sys
import time


def temporaries(tree):
    return sorted(os.path.relpath(os.path.join(d, f), tree)
                  for d, _, files in os.walk(tree) for f in files if f.endswith(".tmp"))


sig = getattr(signal, sys.argv[1])
tree = sys.argv[2]
def default_signals():
    # As from a terminal or a CI runner: the test runner itself may run
    # with SIGINT ignored, which its children would inherit.
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)


env = dict(os.environ, SOCKOPT_MIGRATE_PAUSE_BEFORE_RENAME_MS="20000")
proc = subprocess.Popen(sys.argv[3:], env=env, preexec_fn=default_signals)
deadline = time.monotonic() + 120
while not temporaries(tree):
    if proc.poll() is not None or time.monotonic() > deadline:
        print("no temporary file appeared; exit status %s" % proc.poll())
        proc.kill()
        sys.exit(1)
    time.sleep(0.01)
proc.send_signal(sig)
status = proc.wait()
print("ended by %s" % (signal.Signals(-status).name if status < 0 else "exit %d" % status))
print("temporary files left: %s" % (" ".join(temporaries(tree)) or "none"))
