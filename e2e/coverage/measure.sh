#!/usr/bin/env bash
# measure.sh - how much of the code that sockopt-migrate's rewrite converted
# does the booted-kernel probe (e2e/probe/) execute?  A one-off measurement,
# not part of `make test`.
#
# Run it after e2e/kernels.sh (it needs that script's tree, report.json and
# rewrite.diff):
#
#   e2e/kernels.sh && e2e/coverage/measure.sh
#
# Environment: JOBS (make -j, default 2), SOCKOPT_E2E_TIMEOUT (boot.sh's,
# default 600 s).  Takes a full kernel build with debug info the first time
# (16 minutes on two busy cores); later runs rebuild nothing unless
# rewrite.diff or the configured tree changed.
#
#   1. copies the pristine tree of e2e/kernels.sh (after checking that no
#      rewrite is applied to it) to
#      ${XDG_CACHE_HOME:-$HOME/.cache}/sockopt-migrate/e2e-cov/linux, applies
#      rewrite.diff there and adds CONFIG_KCOV, CONFIG_DEBUG_FS and DWARF 5
#      line tables (CONFIG_DEBUG_INFO_REDUCED) to the configuration;
#   2. builds bzImage and vmlinux (nice -n 10, make -j$JOBS);
#   3. builds /init from e2e/probe/*.c and e2e/coverage/kcov-init.c: the probe
#      with kcov enabled on its task; it appends the unique kernel PCs it
#      reached to its transcript;
#   4. boots it with e2e/boot.sh;
#   5. for each converted function (the convertible implementations of
#      report.json and their helpers, those rewrite.diff changes), reads the
#      line table of its code in vmlinux (llvm-objdump-19 --line-numbers,
#      including copies inlined into other functions of the file) and prints
#      function, file, lines reached / lines with code, percent.
#
# Approximations: kcov reports the return address of each
# __sanitizer_cov_trace_pc call, i.e. the instrumented basic blocks reached.
# The function is split into blocks from its disassembly (branch targets,
# after branches, at each callback); a block without a callback (the compiler
# prunes those whose coverage others imply) counts as reached when a reached
# block can only continue into it or it is the only way into a reached block,
# otherwise as not reached; targets of indirect jumps (jump tables) are not
# known.  A source line is reached when one of its instructions is; only the
# lines inside the function's braces count, wherever they were inlined in the
# file's functions.  kcov follows only the probe's task (io_uring work punted
# to a worker is not seen).
set -euo pipefail
{

export LC_ALL=C
unset KBUILD_OUTPUT O M KBUILD_EXTMOD W KBUILD_EXTRA_WARN C KBUILD_CHECKSRC \
	V KBUILD_VERBOSE KCFLAGS KCPPFLAGS KAFLAGS KRUSTFLAGS CFLAGS_KERNEL \
	CFLAGS_MODULE KCONFIG_CONFIG KCONFIG_ALLCONFIG CROSS_COMPILE LLVM_IAS \
	ARCH SUBARCH LLVM MAKEFLAGS MFLAGS MAKELEVEL GNUMAKEFLAGS

readonly MAKE_VARS=(ARCH=x86_64 LLVM=-19)
readonly COV_OPTIONS=(CONFIG_KCOV=y CONFIG_KCOV_INSTRUMENT_ALL=y CONFIG_DEBUG_FS=y
	CONFIG_DEBUG_INFO_DWARF5=y CONFIG_DEBUG_INFO_REDUCED=y)
# Bump when the way the copy is made or configured changes.
readonly STAMP_FORMAT=1

log() { printf 'measure: [%4ds] %s\n' "$SECONDS" "$*" >&2; }
die() { printf 'measure: error: %s\n' "$*" >&2; exit 1; }

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
e2e=$(dirname -- "$here")
jobs=${JOBS:-2}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/sockopt-migrate
src=$cache/e2e/linux
out=$cache/e2e/out
cov=$cache/e2e-cov
tree=$cov/linux
for f in report.json rewrite.diff; do
	[[ -f $out/$f ]] || die "$out/$f not found: run e2e/kernels.sh first"
done
[[ -f $src/.sockopt-e2e/configured ]] || die "$src is not a configured tree of e2e/kernels.sh"

# --- 1. the copy ----------------------------------------------------------------

key=$(printf 'format=%s\ntree=%s\ndiff=%s\noptions=%s\n' "$STAMP_FORMAT" \
	"$(sha256sum <"$src/.sockopt-e2e/configured")" \
	"$(sha256sum <"$out/rewrite.diff")" "${COV_OPTIONS[*]}")
mkdir -p -- "$cov"
if [[ -f $tree/.cov/key && $(<"$tree/.cov/key") == "$key" ]]; then
	log "coverage tree $tree is up to date"
else
	log "copying $src to $tree"
	rm -rf -- "$tree" "$tree.tmp"
	# A shared lock: e2e/kernels.sh (which takes it exclusively) does not
	# rewrite the tree while it is copied.
	exec {lock_fd}>"$cache/e2e/linux.lock"
	flock -s "$lock_fd"
	[[ ! -e $src/.sockopt-e2e/dirty ]] || die "$src has a rewrite applied (an interrupted e2e/kernels.sh?)"
	while IFS= read -r f; do
		cmp -s -- "$src/.sockopt-e2e/pristine/$f" "$src/$f" ||
			die "$src/$f differs from its pristine copy"
	done <"$src/.sockopt-e2e/rewritable"
	cp -a -- "$src" "$tree.tmp"
	flock -u "$lock_fd"
	log "applying rewrite.diff"
	patch -d "$tree.tmp" -p1 --forward --no-backup-if-mismatch <"$out/rewrite.diff" >/dev/null ||
		die "$out/rewrite.diff does not apply to the pristine tree"
	mkdir -p -- "$tree.tmp/.cov"
	printf '%s\n' "${COV_OPTIONS[@]}" >"$tree.tmp/.cov/fragment"
	(cd "$tree.tmp" && scripts/kconfig/merge_config.sh -m .config .cov/fragment &&
		make "${MAKE_VARS[@]}" olddefconfig) >"$tree.tmp/.cov/config.log" 2>&1 ||
		die "configuring failed (see $tree.tmp/.cov/config.log)"
	for o in "${COV_OPTIONS[@]}"; do
		grep -qx -- "$o" "$tree.tmp/.config" || die "Kconfig did not take $o"
	done
	mv -- "$tree.tmp" "$tree"
	printf '%s\n' "$key" >"$tree/.cov/key"
fi

# --- 2. the kernel ------------------------------------------------------------------

log "building: nice -n 10 make ${MAKE_VARS[*]} -j$jobs bzImage"
start=$SECONDS
nice -n 10 make -C "$tree" "${MAKE_VARS[@]}" -j"$jobs" bzImage >"$tree/.cov/build.log" 2>&1 || {
	tail -n 30 -- "$tree/.cov/build.log" >&2
	die "the build failed (see $tree/.cov/build.log)"
}
log "built in $((SECONDS - start))s ($(grep -c '^  CC ' "$tree/.cov/build.log" || true) objects compiled)"

# --- 3. /init ---------------------------------------------------------------------

root=$cov/root
obj=$cov/obj
rm -rf -- "$root" "$obj"
mkdir -p -- "$root" "$obj"
for f in "$e2e"/probe/*.c; do
	clang-19 -O2 -Dmain=probe_main -c -o "$obj/$(basename -- "${f%.c}").o" "$f"
done
clang-19 -O2 -Wall -Wextra -c -o "$obj/kcov-init.o" "$here/kcov-init.c"
clang-19 -static -o "$root/init" "$obj"/*.o -Wl,--wrap=syscall -Wl,--wrap=reboot

# --- 4. the boot -------------------------------------------------------------------

cp -- "$tree/arch/x86/boot/bzImage" "$cov/coverage.bzImage"
start=$SECONDS
GEN_INIT_CPIO=$tree/usr/gen_init_cpio "$e2e/boot.sh" "$cov/coverage.bzImage" "$root" \
	"$cov/transcript" "$cov/console"
log "booted in $((SECONDS - start))s"
grep -q '^KCOV-END ' "$cov/transcript" || {
	grep '^KCOV-ERROR' "$cov/transcript" >&2 || true
	die "no KCOV-END line in $cov/transcript"
}
log "$(grep '^KCOV-END ' "$cov/transcript")"

# --- 5. the table --------------------------------------------------------------------

python3 - "$tree" "$out/report.json" "$out/rewrite.diff" "$cov/transcript" <<'PY' | tee "$cov/coverage.txt"
import bisect, json, os, re, subprocess, sys
from collections import defaultdict

tree, report, diff, transcript = sys.argv[1:]
tree = os.path.realpath(tree)

# PCs the probe reached (kcov: the return address of each
# __sanitizer_cov_trace_pc call).
pcs = set()
end = ""
with open(transcript) as f:
    for line in f:
        if line.startswith("KCOV-PC "):
            pcs.add(int(line.split()[1], 16))
        elif line.startswith("KCOV-END "):
            end = line.strip()

# Lines each file's rewrite added (new-file numbering).
added = defaultdict(set)
with open(diff) as f:
    cur = None
    for line in f:
        if line.startswith("+++ "):
            cur = line[4:].split("\t")[0].strip()[2:]
        elif line.startswith("@@"):
            n = int(re.match(r"@@ -\d+(?:,\d+)? \+(\d+)", line).group(1))
        elif cur is not None and not line.startswith("---"):
            if line.startswith("+"):
                added[cur].add(n)
                n += 1
            elif line.startswith(" "):
                n += 1

# Converted functions: convertible implementations and their helpers.
with open(report) as f:
    impls = json.load(f)["implementations"]
wanted = []
for i in impls:
    if i["verdict"] != "convertible":
        continue
    wanted.append((i["function"], i["file"]))
    for h in i.get("helpers", []):
        wanted.append((h["function"], h["file"]))

def span(path, name):
    """First and last line (1-based) of the definition of name in path."""
    with open(path, errors="replace") as f:
        lines = f.read().split("\n")
    pat = re.compile(r"^(?:[A-Za-z_].*[\s*])?" + re.escape(name) + r"\(")
    for i, l in enumerate(lines):
        if not pat.match(l) or l.rstrip().endswith(";"):
            continue
        j = i
        while j < len(lines) and lines[j] != "{" and not lines[j].rstrip().endswith("{"):
            if lines[j].rstrip().endswith(";"):
                break
            j += 1
        if j >= len(lines) or lines[j].rstrip().endswith(";"):
            continue
        k = j
        while k < len(lines) and lines[k] != "}":
            k += 1
        return i + 1, k + 1
    return None

funcs = []  # (name, file, first, last)
for name, file in wanted:
    s = span(os.path.join(tree, file), name)
    if s is None:
        print(f"measure: {name} not found in {file}", file=sys.stderr)
        continue
    if not any(s[0] <= n <= s[1] for n in added.get(file, ())):
        continue  # not changed by the rewrite (e.g. left manual)
    funcs.append((name, file) + s)

# The functions of vmlinux built from each file: the text symbols of its
# object file, found by name in vmlinux.
def text_symbols(path):
    r = subprocess.run(["llvm-nm-19", "--defined-only", path], check=True,
                       capture_output=True, text=True).stdout
    return {l.split()[2] for l in r.splitlines()
            if len(l.split()) == 3 and l.split()[1] in "tTW"}

vmlinux = os.path.join(tree, "vmlinux")
vm_syms = text_symbols(vmlinux)
symbols = set()
for file in {f for _, f, _, _ in funcs}:
    o = os.path.join(tree, file[:-2] + ".o")
    symbols |= text_symbols(o) & vm_syms
symbols.discard("__sanitizer_cov_trace_pc")

# Disassembly with the line table.  For each instruction: its file:line and
# whether the nearest callback before it in the same function was reached.
dis = subprocess.run(["llvm-objdump-19", "-d", "--line-numbers", "--no-show-raw-insn",
                      "--disassemble-symbols=" + ",".join(sorted(symbols)), vmlinux],
                     check=True, capture_output=True, text=True).stdout
sym_re = re.compile(r"^([0-9a-f]+) <(.*)>:$")
loc_re = re.compile(r"^; (\S+):(\d+)(?: \(discriminator \d+\))?$")
ins_re = re.compile(r"^\s*([0-9a-f]+):\s+(.*)$")
cov_re = re.compile(r"\bcall[lq]?\s.*<__sanitizer_cov_trace_pc>")

code = defaultdict(set)     # (file, line) -> instructions carry code
reached = defaultdict(set)

def rel(path):
    path = os.path.normpath(path)
    if path.startswith(tree + os.sep):
        return path[len(tree) + 1:]
    return path

def flush(insns):
    """insns: [(addr, loc, text)] of one function, in address order.

    Splits the function into blocks (at branch targets, after branches and
    returns, and at each __sanitizer_cov_trace_pc call).  A block holding a
    callback was reached when the callback's return address is among the
    PCs.  The state of a block without one (the compiler prunes blocks
    whose coverage the others imply) is inferred: it was reached when a
    reached block can only continue into it, or when it is the only way
    into a reached block."""
    if not insns:
        return
    addrs = [a for a, _, _ in insns]
    index = {a: i for i, a in enumerate(addrs)}
    starts = {0}
    jumps = {}  # instruction index -> (target index or None, conditional)
    for i, (a, _, text) in enumerate(insns):
        words = [w for w in text.split() if w not in ("lock", "rep", "repz", "repe", "repnz", "repne", "notrack", "cs", "ds")]
        mn = words[0] if words else ""
        if cov_re.search(text):
            starts.add(i)
        if mn.startswith("j") or mn.startswith("ret") or mn in ("ud2", "int3"):
            t = re.search(r"\b(?:0x)?([0-9a-f]+) <", text)
            tgt = index.get(int(t.group(1), 16)) if t and "*" not in text else None
            cond = mn.startswith("j") and not mn.startswith("jmp")
            jumps[i] = (tgt, cond)
            if tgt is not None:
                starts.add(tgt)
            if i + 1 < len(insns):
                starts.add(i + 1)
    starts = sorted(starts)
    blocks = []  # [first, last] instruction indexes
    for k, s in enumerate(starts):
        e = starts[k + 1] - 1 if k + 1 < len(starts) else len(insns) - 1
        blocks.append((s, e))
    block_of = {s: k for k, (s, _) in enumerate(blocks)}
    succs = [set() for _ in blocks]
    preds = [set() for _ in blocks]
    for k, (s, e) in enumerate(blocks):
        j = jumps.get(e)
        if j is None or j[1]:  # falls through
            if k + 1 < len(blocks):
                succs[k].add(k + 1)
        if j is not None and j[0] is not None:
            succs[k].add(block_of[j[0]])
        for t in succs[k]:
            preds[t].add(k)
    state = [None] * len(blocks)
    for k, (s, e) in enumerate(blocks):
        for i in range(s, e + 1):
            if cov_re.search(insns[i][2]):
                nxt = addrs[i + 1] if i + 1 < len(addrs) else None
                state[k] = nxt in pcs
                break
    known = [x is not None for x in state]
    changed = True
    while changed:
        changed = False
        for k in range(len(blocks)):
            if state[k]:
                continue
            if known[k]:
                continue
            if (any(state[p] and len(succs[p]) == 1 for p in preds[k]) or
                    any(state[t] and len(preds[t]) == 1 for t in succs[k])):
                state[k] = True
                changed = True
    for k, (s, e) in enumerate(blocks):
        for i in range(s, e + 1):
            loc = insns[i][1]
            if loc is None:
                continue
            code[loc[0]].add(loc[1])
            if state[k]:
                reached[loc[0]].add(loc[1])

insns, loc = [], None
for line in dis.splitlines():
    m = sym_re.match(line)
    if m:
        flush(insns)
        insns, loc = [], None
        continue
    m = loc_re.match(line)
    if m:
        loc = (rel(m.group(1)), int(m.group(2)))
        continue
    m = ins_re.match(line)
    if m and insns is not None:
        insns.append((int(m.group(1), 16), loc, m.group(2)))
flush(insns)

rows = []
tot_r = tot_c = 0
for name, file, first, last in funcs:
    c = {l for l in code[file] if first <= l <= last}
    r = {l for l in reached[file] if first <= l <= last}
    tot_r += len(r)
    tot_c += len(c)
    pct = f"{100.0 * len(r) / len(c):.1f}%" if c else "-"
    rows.append((name, file, f"{len(r)}/{len(c)}", pct))
rows.append(("TOTAL", "", f"{tot_r}/{tot_c}",
             f"{100.0 * tot_r / tot_c:.1f}%" if tot_c else "-"))
w = [max(len(r[i]) for r in rows + [("function", "file", "lines-reached/lines-with-code", "percent")])
     for i in range(4)]
print(f"{'function':<{w[0]}}  {'file':<{w[1]}}  {'lines-reached/lines-with-code':>{w[2]}}  {'percent':>{w[3]}}")
for r in rows:
    print(f"{r[0]:<{w[0]}}  {r[1]:<{w[1]}}  {r[2]:>{w[2]}}  {r[3]:>{w[3]}}")
print(f"# {end}; {len(pcs)} unique PCs; {len(symbols)} functions of the converted files disassembled")
print("# lines: source lines inside the function's braces that carry instructions in vmlinux")
print("# (also where inlined); reached: one of them is in a block kcov saw, or that such a")
print("# block implies (see the comment at the top of e2e/coverage/measure.sh)")
PY
}
