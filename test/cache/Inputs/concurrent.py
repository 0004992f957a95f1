"""concurrent.py TOOL DB CACHE OUT: two scans of DB at the same time on one
empty cache, then one warm scan; prints "identical" when the three reports
equal a scan without the cache (the test compares the output)."""
import subprocess
import sys

tool, db, cache, out = sys.argv[1:5]


def scan(name, *extra):
    return subprocess.Popen([tool, "scan", "-q", "-j", "1", "-p", db, "-o", f"{out}/{name}.json",
                             *extra], env={"SOCKOPT_MIGRATE_CACHE": cache})


plain = scan("plain", "--no-cache")
first, second = scan("first"), scan("second")
for p in (plain, first, second):
    p.wait()
scan("warm").wait()
reports = [open(f"{out}/{name}.json", "rb").read() for name in ("plain", "first", "second", "warm")]
print("identical" if all(r == reports[0] for r in reports) else "different")
