#!/usr/bin/env python3
"""Merge Kconfig fragments, and check that a .config honours them.

  kconfig-fragments.py merge TREE DEFAULT [FRAGMENT...] > merged.config
  kconfig-fragments.py check MERGED DOTCONFIG
  kconfig-fragments.py apply MERGED DOTCONFIG

A fragment holds lines "CONFIG_X=value" and "# CONFIG_X is not set" (the
.config syntax scripts/kconfig/confdata.c reads), comments and blank lines;
anything else is an error with its file and line.

merge: the settings of DEFAULT, then of each FRAGMENT in order; a later
setting of a symbol replaces an earlier one (noted on stderr).  Every symbol
must be declared by a Kconfig file of TREE ("config X" / "menuconfig X"),
except that those of DEFAULT are dropped with a note when TREE's kernel does
not have them (TCP_AO only exists since Linux 6.7): DEFAULT describes what
the migration would like compiled, a FRAGMENT what the user asked for.  The
result, one setting per symbol, each after a "# from FILE:LINE" comment, is
what KCONFIG_ALLCONFIG takes (scripts/kconfig/conf.c reads it with
conf_read_simple() before allmodconfig fills in the rest).

check: every setting of MERGED has the requested value in DOTCONFIG ("is
not set" is also satisfied by an absent symbol, which is what Kconfig writes
for an option whose menu dependencies are off).  Kconfig silently lowers a
requested value whose "depends on" is not met, so a mismatch is reported
with that likely cause.  Exit 1 and one line per mismatch on stderr.

apply: rewrite DOTCONFIG (an existing configuration) with the settings of
MERGED in place of its own settings of the same symbols, for "make
olddefconfig" to resolve (what scripts/kconfig/merge_config.sh -m does).
"""
import os
import re
import sys

PROG = "kconfig-fragments"
SET = re.compile(r"CONFIG_([A-Za-z0-9_]+)=(.*)")
UNSET = re.compile(r"# CONFIG_([A-Za-z0-9_]+) is not set")
ORIGIN = re.compile(r"# from (.+:\d+)")
DECLARED = re.compile(r"^\s*(?:menu)?config\s+([A-Za-z0-9_]+)\s*$", re.M)


class Error(Exception):
    pass


def note(msg):
    print("%s: %s" % (PROG, msg), file=sys.stderr)


def read_fragment(path):
    """[(symbol, value, 'path:line')], value 'n' for "is not set"."""
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise Error("cannot read %s: %s" % (path, e))
    settings = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        where = "%s:%d" % (path, number)
        m = SET.fullmatch(line) or UNSET.fullmatch(line)
        if m:
            value = m.group(2) if m.re is SET else "n"
            if value == "":
                raise Error("%s: no value for CONFIG_%s" % (where, m.group(1)))
            settings.append((m.group(1), value, where))
        elif line and not line.startswith("#"):
            raise Error("%s: not a Kconfig setting "
                        "(CONFIG_X=value or '# CONFIG_X is not set'): %s" % (where, line))
    return settings


def declared_symbols(tree):
    symbols = set()
    for top, dirs, files in os.walk(tree):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("Kconfig"):
                with open(os.path.join(top, name), errors="replace") as f:
                    symbols.update(DECLARED.findall(f.read()))
    if not symbols:
        raise Error("no Kconfig file under %s declares a symbol" % tree)
    return symbols


def value_text(symbol, value):
    return "# CONFIG_%s is not set" % symbol if value == "n" else "CONFIG_%s=%s" % (symbol, value)


def merge(tree, default, fragments):
    known = declared_symbols(tree)
    merged = {}
    for index, path in enumerate([default] + fragments):
        for symbol, value, where in read_fragment(path):
            if symbol not in known:
                if index == 0:
                    note("%s: CONFIG_%s does not exist in this kernel, dropped" % (where, symbol))
                    continue
                raise Error("%s: CONFIG_%s is not declared by any Kconfig file of %s"
                            % (where, symbol, tree))
            if symbol in merged and merged[symbol][0] != value:
                note("%s: %s replaces %s (%s)" % (where, value_text(symbol, value),
                                                   value_text(symbol, merged[symbol][0]),
                                                   merged[symbol][1]))
            merged.pop(symbol, None)
            merged[symbol] = (value, where)
    for symbol, (value, where) in merged.items():
        print("# from %s" % where)
        print(value_text(symbol, value))


def read_merged(path):
    """[(symbol, value, origin)] of a file written by merge: the origin is
    the "# from FILE:LINE" comment before each setting."""
    with open(path) as f:
        origins = [m.group(1) for m in map(ORIGIN.fullmatch, f.read().splitlines()) if m]
    settings = read_fragment(path)
    if len(origins) != len(settings):
        raise Error("%s was not written by '%s merge'" % (path, PROG))
    return [(symbol, value, origin) for (symbol, value, _), origin in zip(settings, origins)]


def read_dotconfig(path):
    return {symbol: value for symbol, value, _ in read_fragment(path)}


def check(merged_path, dotconfig_path):
    values = read_dotconfig(dotconfig_path)
    failures = 0
    for symbol, wanted, origin in read_merged(merged_path):
        have = values.get(symbol)
        if have == wanted or (wanted == "n" and have is None):
            continue
        failures += 1
        note("%s asks for %s, but %s has %s: its Kconfig dependencies are not met "
             "in this configuration" % (origin, value_text(symbol, wanted), dotconfig_path,
                                        "no CONFIG_%s" % symbol if have is None
                                        else value_text(symbol, have)))
    return 1 if failures else 0


def apply(merged_path, dotconfig_path):
    settings = read_merged(merged_path)
    symbols = {symbol for symbol, _, _ in settings}
    with open(dotconfig_path) as f:
        kept = [line for line in f.read().splitlines()
                if not ((m := SET.fullmatch(line) or UNSET.fullmatch(line))
                        and m.group(1) in symbols)]
    kept += [value_text(symbol, value) for symbol, value, _ in settings]
    with open(dotconfig_path + ".tmp", "w") as f:
        f.write("\n".join(kept) + "\n")
    os.replace(dotconfig_path + ".tmp", dotconfig_path)


def main(argv):
    try:
        if len(argv) >= 3 and argv[0] == "merge":
            merge(argv[1], argv[2], argv[3:])
            return 0
        if len(argv) == 3 and argv[0] == "check":
            return check(argv[1], argv[2])
        if len(argv) == 3 and argv[0] == "apply":
            apply(argv[1], argv[2])
            return 0
    except (Error, OSError) as e:
        print("%s: error: %s" % (PROG, e), file=sys.stderr)
        return 2
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
