#!/usr/bin/env python3
"""Compare the probe's transcripts from the kernel before and after the rewrite.

usage: compare.py --baseline A.txt --baseline-again A2.txt --converted B.txt
                  --report report.json --expected expected-differences.txt
                  --tree KERNEL_SRC_DIR

A.txt and A2.txt come from two boots of the kernel before
`sockopt-migrate rewrite --apply`, B.txt from the kernel after it (formats in
e2e/probe/probe.c). Fields that differ between A and A2 are masked. Every
other difference between A and B is printed and must be either

  - predicted by report.json (`sockopt-migrate scan` of the tree before the
    rewrite): a change of the entry's implementation or of one of its
    helpers, for that optname (names resolved in --tree): short-buffer-efault
    seen as a new -EFAULT with 0 <= optlen < width, narrowed-store as the
    first narrowed_to bytes of what the legacy code wrote (or -EFAULT with
    optlen < narrowed_to); or
  - listed in the expected-differences file (core-level changes, see its
    header for the format).

Entries whose getsockopt is getsockopt_iter in B and not in A ("converted":
io_uring reaches them in B, it gives -EOPNOTSUPP for legacy getsockopt) are
checked twice more: B's URING records must equal B's syscall records, and
every predicted change must show where A shows the old behaviour (the call
succeeded, wrote past optlen 0 <= optlen < width).

Exit status: 0 all differences explained; 1 an unexplained difference, a
predicted change that did not show, or io_uring differing from the syscall;
2 usage or input error (a transcript without PROBE-END: the boot did not
finish).
"""
import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict

ORDER = ("status", "ret", "errno", "olen", "res", "bytes", "socket-errno", "setup-errno")
NAMED_VARIANTS = ("null-optval", "unmapped-4", "unmapped-256", "null-optlen")
RESULT_FIELDS = {"CALL": {"ret", "errno", "olen", "bytes"}, "URING": {"res", "bytes"}}
NO_SOCKET_FIELDS = ({"socket-errno"}, {"setup-errno"})  # the fresh socket failed


class InputError(Exception):
    pass


def is_int(s):
    return re.fullmatch(r"-?\d+", s) is not None


# Transcripts ----------------------------------------------------------------

class Transcript:
    """The records of one boot, keyed by what was called."""

    def __init__(self, path):
        self.path = path
        self.records = {}          # key -> {field: value}
        self.level_names = {}      # (entry, level) -> name
        self.opt_names = {}        # (entry, level, optname) -> name
        self.ranges = defaultdict(list)  # entry -> [(level, first, last)]
        self.impl = {}             # entry -> implementation ("-": none)
        self.uring_error = None
        self.calls = 0
        self._parse()
        self.iter_entries = self._iter_entries()

    def _fail(self, lineno, what):
        raise InputError("%s:%d: %s" % (self.path, lineno, what))

    def _parse(self):
        try:
            with open(self.path, encoding="ascii", errors="replace") as f:
                lines = [l.rstrip("\r\n").rstrip() for l in f]
        except OSError as e:
            raise InputError("%s: %s" % (self.path, e.strerror))
        body = [(n, l) for n, l in enumerate(lines, 1) if l]
        if not body or body[0][1] != "PROBE-BEGIN 1":
            raise InputError("%s: does not start with PROBE-BEGIN 1" % self.path)
        end = None
        for lineno, line in body[1:]:
            if end is not None:
                self._fail(lineno, "record after PROBE-END")
            if line.startswith("PROBE-END"):
                end = (lineno, line)
            else:
                self._record(lineno, line)
        if end is None:
            raise InputError("%s: no PROBE-END after line %d: the boot did not finish"
                             % (self.path, body[-1][0]))
        m = re.fullmatch(r"PROBE-END calls=(\d+)", end[1])
        if not m:
            self._fail(end[0], "malformed record: %s" % end[1])
        if int(m.group(1)) != self.calls:
            self._fail(end[0], "PROBE-END counts %s calls, the transcript has %d"
                       % (m.group(1), self.calls))

    def _record(self, lineno, line):
        t = line.split(" ")
        kind = t[0]
        if kind in ("LEVEL", "OPTNAME", "CALL", "URING") and len(t) > 1 and t[1] not in self.impl:
            self._fail(lineno, "%s record of %s before its SOCKET record" % (kind, t[1]))
        try:
            if kind == "PROBE-ERROR":
                self._fail(lineno, "the probe failed: %s" % line)
            elif kind == "SOCKET" and len(t) == 7 and all(map(is_int, t[2:5])):
                status = t[6]
                if status != "ok" and not re.fullmatch(r"(errno|setup-errno)=\S+", status):
                    raise ValueError
                self.impl[t[1]] = t[5]
                self._add(lineno, ("SOCKET", t[1]), {"status": status})
            elif kind == "LEVEL" and len(t) == 6 and is_int(t[2]) and is_int(t[4]) and is_int(t[5]):
                self.level_names[(t[1], int(t[2]))] = t[3]
                self.ranges[t[1]].append((int(t[2]), int(t[4]), int(t[5])))
            elif kind == "OPTNAME" and len(t) == 5 and is_int(t[2]) and is_int(t[3]):
                self.opt_names[(t[1], int(t[2]), int(t[3]))] = t[4]
            elif kind == "URING-SETUP" and len(t) == 2 and t[1].startswith("errno="):
                self.uring_error = t[1][len("errno="):]
            elif kind in ("CALL", "URING") and len(t) >= 6 and is_int(t[2]) and is_int(t[3]):
                variant = t[4]
                if not (is_int(variant) or (kind == "CALL" and variant in NAMED_VARIANTS)):
                    raise ValueError
                fields = dict(f.split("=", 1) for f in t[5:] if "=" in f)
                if len(fields) != len(t) - 5:
                    raise ValueError
                if set(fields) == RESULT_FIELDS[kind]:
                    self.calls += 1
                elif set(fields) not in NO_SOCKET_FIELDS:
                    raise ValueError
                self._add(lineno, (kind, t[1], int(t[2]), int(t[3]), variant), fields)
            else:
                raise ValueError
        except ValueError:
            self._fail(lineno, "malformed record: %s" % line)

    def _add(self, lineno, key, fields):
        if key in self.records:
            self._fail(lineno, "duplicate record: %s" % " ".join(map(str, key)))
        self.records[key] = fields

    def _iter_entries(self):
        """Entries io_uring reaches: their getsockopt is getsockopt_iter.

        io_uring_cmd_getsockopt() (io_uring/uring_cmd.c, with the test patch)
        answers -EOPNOTSUPP for every level but SOL_SOCKET when the socket
        has only the legacy callback; the probe calls no SOL_SOCKET option.
        """
        reached = set()
        for key, fields in self.records.items():
            if key[0] == "URING" and "res" in fields and fields["res"] != "-EOPNOTSUPP":
                reached.add(key[1])
        return reached


# What the tool predicted ------------------------------------------------------

class Defines:
    """Values of option macros and enum constants in a kernel tree."""

    DIRS = ("include/uapi", "include/linux", "include/net")

    def __init__(self, tree):
        if not os.path.isdir(os.path.join(tree, "include")):
            raise InputError("%s: not a kernel tree (no include/)" % tree)
        self.tree = tree
        self.values = defaultdict(set)

    def load(self, names, sources):
        """Reads the definitions of names, and of the names they use."""
        files = [os.path.join(self.tree, s) for s in sources]
        for d in self.DIRS:
            for root, _, fs in os.walk(os.path.join(self.tree, d)):
                files += [os.path.join(root, f) for f in sorted(fs) if f.endswith(".h")]
        exprs = defaultdict(set)
        wanted, done = set(names), set()
        while wanted - done:
            todo = wanted - done
            done |= todo
            for path in files:
                try:
                    with open(path, encoding="utf-8", errors="replace") as f:
                        text = f.read()
                except OSError:
                    continue
                if any(n in text for n in todo):
                    self._scan(text, exprs)
            wanted |= {w for n in todo for e in exprs.get(n, ()) for w in re.findall(r"[A-Za-z_]\w*", e)}
        for name in names:
            for expr in exprs.get(name, ()):
                v = self._eval(expr, exprs, {name})
                if v is not None:
                    self.values[name].add(v)

    @staticmethod
    def _scan(text, exprs):
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        text = re.sub(r"//[^\n]*", "", text)
        text = re.sub(r"\\\n", " ", text)
        for m in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+([^\n]+)", text, re.M):
            exprs[m.group(1)].add(m.group(2).strip())
        for m in re.finditer(r"\benum\b[^{;()]*\{([^}]*)\}", text):
            body = re.sub(r"^[ \t]*#[^\n]*", "", m.group(1), flags=re.M)
            base, offset = "0", 0   # the next constant is base + offset
            for item in body.split(","):
                im = re.fullmatch(r"\s*(\w+)\s*(?:=\s*(.+?))?\s*", item, re.S)
                if not im:
                    continue
                if im.group(2) is not None:
                    base, offset = im.group(2), 0
                exprs[im.group(1)].add(base if not offset else "(%s) + %d" % (base, offset))
                offset += 1

    def _eval(self, expr, exprs, seen):
        tokens = re.findall(r"0[xX][0-9a-fA-F]+|\d+|\w+|<<|>>|[-+*|&~()]|\S", expr)
        out = []
        for tok in tokens:
            if re.fullmatch(r"0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*", tok):
                out.append(str(int(tok.rstrip("uUlL"), 0)))
            elif re.fullmatch(r"[A-Za-z_]\w*", tok):
                if tok in seen or len(exprs.get(tok, ())) != 1:
                    return None
                v = self._eval(next(iter(exprs[tok])), exprs, seen | {tok})
                if v is None:
                    return None
                out.append("(%d)" % v)
            elif tok in ("<<", ">>", "-", "+", "*", "|", "&", "~", "(", ")"):
                out.append(tok)
            else:
                return None
        try:  # only numbers and operators are left
            return int(eval(" ".join(out), {"__builtins__": {}}))
        except Exception:
            return None


class Prediction:
    """A behaviour change of the report, for the calls of its options.

    short-buffer-efault: a call with 0 <= optlen < width that the legacy
    code answered by writing past optlen now gets -EFAULT.
    narrowed-store: the legacy code wrote width bytes where optlen must be
    exactly narrowed_to; the converted code writes the first narrowed_to of
    them (the value's low bytes on a little-endian machine), or gets -EFAULT
    where the length is not checked and optlen < narrowed_to."""

    def __init__(self, bc, numbers):
        self.bc = bc
        self.numbers = numbers
        self.width = bc["width"]
        self.narrowed = bc.get("narrowed_to", 0)

    def covers(self, optname, optlen):
        return optname in self.numbers and 0 <= optlen and (self.width == 0 or optlen < self.width)

    def explains(self, optname, optlen, old, new):
        """Whether the change accounts for the call going from old to new."""
        if not new:
            return False
        if not self.narrowed:
            return self.covers(optname, optlen) and new.get("errno") == "EFAULT"
        if optname not in self.numbers or optlen < 0:
            return False
        if new.get("errno") == "EFAULT":
            return optlen < self.narrowed
        return (old is not None and old.get("ret") == "0" and new.get("ret") == "0"
                and written(old) > self.narrowed >= written(new)
                and old["bytes"].startswith(new["bytes"].replace("-", "")))

    def __str__(self):
        b = self.bc
        return "%s %s %s, %s:%d" % (b["code"], b["function"], b["option"], b["file"], b["line"])


def load_predictions(path, impls, defines, probe_names):
    """short-buffer-efault and narrowed-store changes per implementation
    name, helpers included.

    An implementation's changes include those of the functions it reaches in
    other files (pvc_getsockopt's SO_SETCLP write is in net/atm/common.c's
    vcc_getsockopt()). An option name the tree's defines cannot evaluate (a
    function-like macro: include/uapi/linux/atm.h's __SO_ENCODE()) takes the
    values the probe printed for it in its OPTNAME records."""
    try:
        with open(path) as f:
            report = json.load(f)
        implementations = report["implementations"]
    except OSError as e:
        raise InputError("%s: %s" % (path, e.strerror))
    except (ValueError, KeyError, TypeError) as e:
        raise InputError("%s: not a sockopt-migrate scan report (%s)" % (path, e))

    by_name = defaultdict(list)
    for impl in implementations:
        by_name[impl["function"]].append(impl)

    wanted = {}
    for name in impls:
        found = by_name.get(name, [])
        # raw_getsockopt is both net/can/raw.c's proto_ops and net/ipv4/raw.c's proto
        found = [i for i in found if i["kind"] == "proto_ops"] or found
        unique = {(b["file"], b["line"], b["column"]): b for i in found
                  for b in i["behaviour_changes"]
                  if b["code"] in ("short-buffer-efault", "narrowed-store")}
        wanted[name] = [unique[k] for k in sorted(unique)]

    names = {n for bcs in wanted.values() for b in bcs for n in b["option"].split("|") if n}
    defines.load(names, sorted({b["file"] for bcs in wanted.values() for b in bcs}))
    predictions = {}
    for impl, bcs in wanted.items():
        predictions[impl] = []
        for b in bcs:
            numbers = set()
            for n in filter(None, b["option"].split("|")):
                if not defines.values.get(n) and probe_names.get(n):
                    defines.values[n] = probe_names[n]
                if not defines.values.get(n):
                    raise InputError("%s: option %s of %s (%s:%d) has no value in %s"
                                     % (path, n, b["function"], b["file"], b["line"], defines.tree))
                numbers |= defines.values[n]
            predictions[impl].append(Prediction(b, numbers))
    return predictions


# Expected differences -------------------------------------------------------

class Expected:
    """One reviewed core-level difference of the expected-differences file."""

    KEYS = ("kind", "entries", "levels", "optnames", "variants")

    def __init__(self, ident, where):
        self.ident, self.where = ident, where
        self.calls, self.old, self.new, self.why = None, None, None, None
        self.seen = 0

    def matches(self, key, old, new, converted, names):
        kind, entry, level, optname, variant = key
        c = self.calls
        if c["kind"] != {kind}:
            return False
        if "converted" in c["entries"]:
            if entry not in converted:
                return False
        elif entry not in c["entries"]:
            return False
        if "levels" in c and not ({str(level), names.level(entry, level)} & c["levels"]):
            return False
        if "optnames" in c and not ({str(optname), names.opt(entry, level, optname)} & c["optnames"]):
            return False
        if "variants" in c and variant not in c["variants"]:
            return False
        return self._fits(self.old, old) and self._fits(self.new, new)

    @staticmethod
    def _fits(pattern, fields):
        if pattern is None:
            return True
        if fields is None:
            return False
        return all(k in fields and (v == "*" or fields[k] == v) for k, v in pattern.items())


def load_expected(path):
    try:
        with open(path) as f:
            lines = f.read().split("\n")
    except OSError as e:
        raise InputError("%s: %s" % (path, e.strerror))
    entries, cur, last = [], None, None

    def fail(n, what):
        raise InputError("%s:%d: %s" % (path, n, what))

    def finish():
        if cur and None in (cur.calls, cur.new, cur.why):
            raise InputError("%s: [%s] needs calls:, new: and why:" % (cur.where, cur.ident))

    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.fullmatch(r"\[([\w-]+)\]", line.strip())
        if m:
            finish()
            if any(e.ident == m.group(1) for e in entries):
                fail(n, "duplicate [%s]" % m.group(1))
            cur, last = Expected(m.group(1), "%s:%d" % (path, n)), None
            entries.append(cur)
            continue
        if line[0] in " \t" and last == "why":
            cur.why += " " + line.strip()
            continue
        m = re.fullmatch(r"(calls|old|new|why):\s*(.*)", line)
        if not m or cur is None:
            fail(n, "expected [id], calls:, old:, new: or why:")
        last, value = m.group(1), m.group(2).strip()
        if last == "why":
            cur.why = value
            continue
        try:
            fields = dict(f.split("=", 1) for f in value.split()) if value != "*" else {}
        except ValueError:
            fail(n, "expected FIELD=VALUE ...")
        if last == "calls":
            if set(fields) - set(Expected.KEYS) or "kind" not in fields or "entries" not in fields:
                fail(n, "calls: takes kind= entries= [levels=] [optnames=] [variants=]")
            cur.calls = {k: set(v.split(",")) for k, v in fields.items()}
            if not cur.calls["kind"] <= {"CALL", "URING"} or len(cur.calls["kind"]) != 1:
                fail(n, "kind= is CALL or URING")
        elif set(fields) - set(ORDER):
            fail(n, "unknown field: %s" % " ".join(sorted(set(fields) - set(ORDER))))
        else:
            setattr(cur, last, fields)
    finish()
    return entries


# Comparison -----------------------------------------------------------------

class Names:
    """Level and optname names from the transcripts' LEVEL/OPTNAME records."""

    def __init__(self, *transcripts):
        self.levels, self.opts = {}, {}
        for t in transcripts:
            self.levels.update(t.level_names)
            self.opts.update(t.opt_names)

    def level(self, entry, level):
        return self.levels.get((entry, level), str(level))

    def opt(self, entry, level, optname):
        return self.opts.get((entry, level, optname), str(optname))

    def key(self, key):
        if key[0] == "SOCKET":
            return "%s/socket" % key[1]
        kind, entry, level, optname, variant = key
        text = "%s/%s/%s/%s" % (entry, self.level(entry, level), self.opt(entry, level, optname), variant)
        return "uring " + text if kind == "URING" else text


def show(fields):
    if fields is None:
        return "(no record)"
    return " ".join("%s=%s" % (k, fields[k]) if k != "status" else fields[k]
                    for k in sorted(fields, key=ORDER.index))


def written(fields):
    """How far the call changed the buffer, in bytes."""
    return 0 if fields["bytes"] == "-" else len(fields["bytes"]) // 2


# Options whose bytes are read from the clock, so two boots agree on them
# only by chance (a baseline pair that happens to agree must not turn the
# third run's value into a difference). Their bytes are never compared; the
# return value, errno and optlen still are. Keyed by (level, optname).
CLOCK_OPTIONS = {
    # tcp_get_info() (net/ipv4/tcp.c): tcpi_last_data_sent, tcpi_last_data_recv
    # and tcpi_last_ack_recv are jiffies since a timestamp, the chrono stats
    # are times too.
    (6, 11): "TCP_INFO",
    # do_tcp_getsockopt() (net/ipv4/tcp.c): tcp_clock_ts() + tp->tsoffset.
    (6, 24): "TCP_TIMESTAMP",
}


def clock_masks(transcripts):
    """Per key, {"bytes"} for every call of a CLOCK_OPTIONS option."""
    return {key: {"bytes"} for t in transcripts for key in t.records
            if key[0] in RESULT_FIELDS and (key[2], key[3]) in CLOCK_OPTIONS}


def masks(a, a2):
    """Per key, the fields whose values differ between the two baseline runs.

    A field that differs at one optlen of an option is masked at every optlen
    of it: a value that changes with time (TCP_INFO's counters, TCP_TIMESTAMP)
    can happen to be equal in the two baseline runs at one optlen and still
    differ in the third."""
    masked, volatile = {}, {}
    keys = list(dict.fromkeys(list(a.records) + list(a2.records)))
    for key in keys:
        f1, f2 = a.records.get(key), a2.records.get(key)
        if f1 is None or f2 is None or set(f1) != set(f2):
            masked[key] = set(ORDER)
        else:
            diff = {k for k in f1 if f1[k] != f2[k]}
            if diff:
                masked[key] = diff
                volatile.setdefault(key[:4], set()).update(diff)
    for key in keys:
        if key[:4] in volatile:
            masked[key] = masked.get(key, set()) | volatile[key[:4]]
    return masked


def differs(old, new, mask):
    if mask >= set(ORDER):
        return False  # in one baseline run only, or with other fields
    if old is None or new is None:
        return old is not new
    if set(old) != set(new):
        return True
    return any(old[k] != new[k] for k in old if k not in mask)


def uring_vs_syscall(b, converted, masked, names):
    """B's URING records against B's syscall records, for converted entries.

    io_uring_cmd_getsockopt() returns optlen as the result on success and
    the error otherwise; the buffer must hold the same bytes.
    """
    equal, different = 0, []
    for key, uring in b.records.items():
        if key[0] != "URING" or key[1] not in converted or "res" not in uring:
            continue
        call_key = ("CALL",) + key[1:]
        call = b.records.get(call_key)
        mask = masked.get(call_key, set())
        if call is not None and "ret" in call:
            want = call["olen"] if call["ret"] == "0" else "-" + call["errno"]
            if (mask & {"ret", "errno", "olen"} or uring["res"] == want) and \
                    ("bytes" in mask or uring["bytes"] == call["bytes"]):
                equal += 1
                continue
        different.append("%s: syscall %s, io_uring %s" % (names.key(call_key), show(call), show(uring)))
    return equal, different


class Comparison:
    """The baseline against the converted run, difference by difference."""

    def __init__(self, a, a2, b, converted, predictions, expected):
        self.a, self.b = a, b
        self.converted = converted
        self.predictions, self.expected = predictions, expected
        self.names = Names(a, b)
        self.unstable = masks(a, a2)
        self.clock = clock_masks((a, a2, b))
        self.masked = {k: self.unstable.get(k, set()) | self.clock.get(k, set())
                       for k in {**self.unstable, **self.clock}}
        self.counts = Counter()     # per category
        self.compared = Counter()   # per record kind
        self.lines = defaultdict(list)

    def run(self):
        for key in list(self.a.records) + [k for k in self.b.records if k not in self.a.records]:
            if key[0] == "URING" and key[1] in self.converted:
                continue  # against the converted run's syscalls instead
            self.compared[key[0]] += 1
            old, new = self.a.records.get(key), self.b.records.get(key)
            if differs(old, new, self.masked.get(key, set())):
                self._explain(key, old, new)

    def _explain(self, key, old, new):
        text = "%s: old %s -> new %s" % (self.names.key(key), show(old), show(new))
        p = self._prediction(key, old, new)
        if p:
            self._add("predicted", "predicted", "%s [%s]" % (text, p))
            return
        e = next((e for e in self.expected if key[0] != "SOCKET" and
                  e.matches(key, old, new, self.converted, self.names)), None)
        if e:
            e.seen += 1
            self._add("expected", "expected " + e.ident, "%s [%s]" % (text, e.ident))
        else:
            self._add("unexplained", "unexplained", text)

    def _add(self, section, category, line):
        self.counts[category] += 1
        self.lines[section].append(line)

    def _prediction(self, key, old, new):
        """The report's change that explains the difference, if any."""
        if key[0] != "CALL" or key[1] not in self.converted or not is_int(key[4]):
            return None
        return next((p for p in self.predictions.get(self.b.impl[key[1]], [])
                     if p.explains(key[3], int(key[4]), old, new)), None)

    def unshown(self):
        """Predicted changes missing where the baseline shows the old behaviour.

        The old behaviour: the call succeeded with 0 <= optlen < width and
        wrote past optlen; the new one must be the change's (explains()).
        Returns those calls, and the predictions that no call of any entry
        of the implementation reached.
        """
        absent, unreached = [], []
        entries = defaultdict(list)
        for entry in sorted(self.converted):
            entries[self.b.impl[entry]].append(entry)
        for impl in sorted(entries):
            for p in self.predictions.get(impl, []):
                reached = False
                for key in (k for e in entries[impl] for k in self._calls_of(e, p)):
                    old, new = self.a.records.get(key), self.b.records.get(key)
                    if not old or old.get("ret") != "0" or written(old) <= int(key[4]):
                        continue
                    reached = True
                    if not p.explains(key[3], int(key[4]), old, new):
                        absent.append("%s: old %s -> new %s [%s]"
                                      % (self.names.key(key), show(old), show(new), p))
                if not p.width:
                    unreached.append("%s (its width is not constant)" % p)
                elif not reached:
                    unreached.append(str(p))
        return absent, unreached

    def _calls_of(self, entry, p):
        for level, first, last in self.b.ranges.get(entry, []):
            for optname in sorted(n for n in p.numbers if first <= n <= last):
                for optlen in range(p.width):
                    yield ("CALL", entry, level, optname, str(optlen))


def section(title, lines):
    return ["%s (%d):" % (title, len(lines))] + ["  " + l for l in lines] if lines else []


def compare(args):
    a = Transcript(args.baseline)
    a2 = Transcript(args.baseline_again)
    b = Transcript(args.converted)
    expected = load_expected(args.expected)
    defines = Defines(args.tree)
    if b.uring_error:
        raise InputError("%s: io_uring_setup failed (errno=%s): cannot tell which entries "
                         "getsockopt_iter serves" % (b.path, b.uring_error))
    converted = b.iter_entries - a.iter_entries
    impls = {b.impl[e] for e in converted if b.impl[e] != "-"}
    probe_names = defaultdict(set)
    for (_, _, optname), name in b.opt_names.items():
        probe_names[name].add(optname)
    c = Comparison(a, a2, b, converted,
                   load_predictions(args.report, impls, defines, probe_names), expected)
    c.run()
    absent, unreached = c.unshown()
    uring_equal, uring_diff = uring_vs_syscall(b, c.converted, c.masked, c.names)

    out = section("unexplained differences", c.lines["unexplained"])
    out += section("predicted differences", c.lines["predicted"])
    out += section("expected core-level differences", c.lines["expected"])
    out += section("predicted changes that did not show", absent)
    out += section("io_uring different from the syscall", uring_diff)
    out += section("predicted changes the probe did not reach", unreached)
    out += section("masked, they differ between the baseline runs",
                   ["%s: %s" % (c.names.key(k), " ".join(f for f in ORDER if f in m)
                                if m != set(ORDER) else "in one run only")
                    for k, m in c.unstable.items() if m - c.clock.get(k, set())])
    out += section("masked, their bytes follow the clock",
                   sorted({"%s/%s/%s: bytes" % (k[1], c.names.level(k[1], k[2]),
                                                CLOCK_OPTIONS[(k[2], k[3])])
                           for k in c.clock}))
    out += section("expected differences that no longer occur",
                   ["[%s] %s" % (e.ident, e.where) for e in expected if not e.seen])

    sockets = [k for k, f in b.records.items() if k[0] == "SOCKET" and f["status"] == "ok"]
    optnames = {k[1:4] for k in b.records if k[0] == "CALL"}
    ok = not c.counts["unexplained"] and not absent and not uring_diff
    out += [
        "summary:",
        "  probed: %d entries with a socket, %d optnames, %d calls (converted run)"
        % (len(sockets), len(optnames), b.calls),
        "  converted (getsockopt_iter only after the rewrite): %s"
        % (" ".join(sorted(c.converted)) or "none"),
        "  compared: %d calls, %d io_uring calls, %d sockets, %d of them masked"
        % (c.compared["CALL"], c.compared["URING"], c.compared["SOCKET"], len(c.masked)),
        "  differences: %d (%s)" % (sum(c.counts.values()),
                                    ", ".join("%s %d" % (k, c.counts[k]) for k in sorted(c.counts)) or "none"),
        "  io_uring: %d calls equal to the syscall, %d different" % (uring_equal, len(uring_diff)),
        "result: %s" % ("PASS" if ok else "FAIL"),
    ]
    print("\n".join(out))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description="Compare the probe's transcripts before and after the rewrite.")
    for opt in ("--baseline", "--baseline-again", "--converted", "--report", "--expected", "--tree"):
        p.add_argument(opt, required=True)
    args = p.parse_args()
    try:
        return compare(args)
    except InputError as e:
        print("compare.py: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
