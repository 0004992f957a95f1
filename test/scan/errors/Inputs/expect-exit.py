#!/usr/bin/env python3
"""usage: expect-exit.py STATUS COMMAND [ARG...]

Runs COMMAND with this process's stdin, stdout and stderr and succeeds (exit
0) only when COMMAND exits with exactly STATUS. lit's `not` only tells zero
from non-zero; sockopt-migrate gives 1 and 2 different meanings, so the tests
check the exact status with this. On a mismatch it says what happened on
stderr and exits 1.
"""
import subprocess
import sys


def main(argv):
    if len(argv) < 3 or not argv[1].isdigit():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    want = int(argv[1])
    sys.stdout.flush()
    got = subprocess.call(argv[2:])
    if got == want:
        return 0
    how = "was killed by signal %d" % -got if got < 0 else "exited with status %d" % got
    print("expect-exit: %s %s, expected exit status %d" % (argv[2], how, want), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
