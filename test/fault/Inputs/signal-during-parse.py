#!/usr/bin/env python3
"""signal-during-parse.py SIGNAL TMPDIR COMMAND...: runs COMMAND (a scan)
with TMPDIR as its temporary directory, sends SIGNAL once its workers are
parsing (its temporary directory exists), and reports how it ended, whether
any process of the run is still alive a moment later (a worker carries the
run's TMPDIR in its environment), and what is left in TMPDIR."""
import os
import signal
import subprocess
import sys
import time

sig = getattr(signal, sys.argv[1])
tmpdir = os.path.abspath(sys.argv[2])
os.makedirs(tmpdir, exist_ok=True)
marker = b"TMPDIR=" + os.fsencode(tmpdir) + b"\0"


def alive():
    count = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                environ = f.read()
            with open(f"/proc/{pid}/stat") as f:
                zombie = f.read().rsplit(")", 1)[1].split()[0] == "Z"
        except OSError:
            continue
        if marker in environ and not zombie:
            count += 1
    return count


def default_signals():
    # As from a terminal or a CI runner: the test runner itself may run
    # with SIGINT ignored, which its children would inherit.
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)


env = dict(os.environ, TMPDIR=tmpdir)
proc = subprocess.Popen(sys.argv[3:], env=env, preexec_fn=default_signals, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL)
deadline = time.monotonic() + 120
while not any(n.startswith("sockopt-migrate") for n in os.listdir(tmpdir)) or alive() < 2:
    if proc.poll() is not None or time.monotonic() > deadline:
        print("the run ended before its workers were seen; exit status %s" % proc.poll())
        proc.kill()
        sys.exit(1)
    time.sleep(0.005)
proc.send_signal(sig)
status = proc.wait()
time.sleep(0.5)
print("ended by %s" % (signal.Signals(-status).name if status < 0 else "exit %d" % status))
print("processes of the run still alive: %d" % alive())
print("left in TMPDIR: %s" % ("nothing" if not os.listdir(tmpdir) else "a directory"))
