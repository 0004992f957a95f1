#!/usr/bin/env bash
# linux-tree.sh [DIR] - prepare a Linux 6.12 tree and a compile_commands.json
# for the getsockopt implementations under net/ and drivers/, and for the
# callers in io_uring/ and kernel/bpf/.
#
# sockopt-migrate is a Clang LibTooling tool; to parse kernel sources it needs
# the exact flags Kbuild would pass for each file.  This script:
#   1. installs Debian's linux-source-6.12 and the build dependencies (only
#      the missing ones),
#   2. unpacks the source into a cache directory outside the repo (default
#      ${XDG_CACHE_HOME:-$HOME/.cache}/sockopt-migrate/linux-source-6.12, or
#      DIR),
#   3. configures x86_64 allmodconfig with LLVM=-19 and runs `make prepare`,
#   4. asks Kbuild itself which of the .c files under net/, drivers/,
#      io_uring/ and kernel/bpf/ that mention getsockopt are compiled in this
#      configuration (builtin or module), and records their exact compiler
#      command lines in DIR/compile_commands.json - without building the
#      kernel.  io_uring/ and kernel/bpf/ only call the callbacks; they are
#      there so that `check` can show it leaves such callers alone.
#
# Steps 2-3 are skipped when a stamp shows they were done with the same
# inputs, so a rerun takes seconds.  Progress goes to stderr; the tree's
# absolute path is the only thing printed on stdout (last line).
set -euo pipefail

readonly SERIES=6.12
readonly SRC_PKG="linux-source-${SERIES}"
readonly TARBALL="/usr/src/${SRC_PKG}.tar.xz"
readonly CONFIG_TARGET=allmodconfig
readonly MAKE_VARS=(ARCH=x86_64 LLVM=-19)
readonly PATTERN=getsockopt
readonly SCAN_DIRS=(net drivers io_uring kernel/bpf)
# Bump when the way the tree is configured/prepared changes.
readonly STAMP_FORMAT=1
# Debian packages the steps above need (make prepare builds fixdep, kconfig,
# objtool, ... with HOSTCC=clang-19, hence libc6-dev/libelf-dev/libssl-dev).
readonly DEB_PACKAGES=("$SRC_PKG" clang-19 lld-19 llvm-19 make bc flex bison
	libelf-dev libssl-dev libc6-dev xz-utils python3)

SCRIPT_NAME=linux-tree
# shellcheck source=scripts/kernel-script.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/kernel-script.sh"

usage() {
	cat >&2 <<EOF
usage: ${0##*/} [DIR]

Unpack Debian's ${SRC_PKG} into DIR (default:
\${XDG_CACHE_HOME:-\$HOME/.cache}/sockopt-migrate/${SRC_PKG}), configure
${CONFIG_TARGET} with ${MAKE_VARS[*]}, run 'make prepare' and write
DIR/compile_commands.json for the ${SCAN_DIRS[*]} sources that mention
${PATTERN}.  Prints DIR's absolute path on stdout.
EOF
}

# --- arguments -------------------------------------------------------------

case "${1:-}" in
-h | --help) usage; exit 0 ;;
-*) usage; die "unknown option: $1" ;;
esac
[[ $# -le 1 ]] || { usage; die "expected at most one argument"; }

if [[ $# -eq 1 ]]; then
	[[ -n $1 ]] || die "DIR must not be empty"
	tree=$1
else
	tree="${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/sockopt-migrate/${SRC_PKG}"
fi
tree=$(realpath -m -- "$tree")
[[ $tree != / ]] || die "refusing to use / as the tree"
meta="$tree/.sockopt-migrate" # our stamps and make logs inside the tree

# --- dependencies ----------------------------------------------------------

install_missing "${DEB_PACKAGES[@]}"
[[ -f $TARBALL ]] || die "$TARBALL not found although $SRC_PKG is installed"
pkg_version=$(dpkg-query -W -f='${Version}' "$SRC_PKG")
# 6.12.117-1~deb12u1 -> 6.12.117: what the tarball's Makefile must say.
upstream_version=${pkg_version%%-*}

# --- lock ------------------------------------------------------------------

mkdir -p -- "$(dirname -- "$tree")"
lock_tree "$tree.lock"

# --- unpack ----------------------------------------------------------------

# VERSION.PATCHLEVEL.SUBLEVEL from the top-level Makefile of tree $1.
tree_version() {
	awk -F' *= *' '
		$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
		$1 == "SUBLEVEL" { s = $2 }
		END { if (v != "") printf "%s.%s.%s\n", v, p, s }' "$1/Makefile"
}

unpack() {
	local tmp
	if [[ -d $tree ]] && [[ -n $(ls -A -- "$tree") ]]; then
		die "$tree exists and is not empty but has no kernel Makefile; remove it"
	fi
	log "unpacking $TARBALL ($pkg_version) into $tree"
	# Unpack next to the destination and rename, so an interrupted run never
	# leaves a half-unpacked tree that a later run would take as complete.
	tmp=$(mktemp -d -- "$(dirname -- "$tree")/.unpack.XXXXXX")
	cleanup_paths+=("$tmp")
	# mktemp -d creates the directory 0700; give it the usual umask mode.
	chmod -- "$(printf '%o' $((0777 & ~$(umask))))" "$tmp"
	tar -xf "$TARBALL" -C "$tmp" --strip-components=1 ||
		die "failed to unpack $TARBALL"
	mkdir -p -- "$tmp/.sockopt-migrate"
	printf '%s\n' "$pkg_version" >"$tmp/.sockopt-migrate/unpacked"
	if [[ -d $tree ]]; then
		rmdir -- "$tree" || die "cannot replace $tree"
	fi
	mv -- "$tmp" "$tree"
}

if [[ ! -f $tree/Makefile ]]; then
	unpack
fi
version=$(tree_version "$tree")
if [[ $version != "$upstream_version" ]]; then
	if [[ -f $meta/unpacked ]]; then
		# A tree we unpacked from an older linux-source package: replace it.
		log "$tree is Linux $version, $SRC_PKG is $pkg_version: re-unpacking"
		rm -rf -- "$tree"
		unpack
		version=$(tree_version "$tree")
	else
		die "$tree holds Linux '${version}', not $upstream_version from $SRC_PKG; remove it or pass another DIR"
	fi
fi
[[ -d $tree/net && -d $tree/drivers && -f $tree/scripts/Makefile.build ]] ||
	die "$tree does not look like a complete kernel tree; remove it"
mkdir -p -- "$meta"

# --- configure + prepare ---------------------------------------------------

jobs=$(nproc)

# Everything the configuration depends on.  Kconfig also probes the
# toolchain (scripts/Kconfig.include: cc/ld versions, pahole for
# DEBUG_INFO_BTF, rustc/bindgen for RUST), so their versions are part of it.
config_key() {
	local tool
	printf 'format=%s\nkernel=%s\npackage=%s\nconfig=%s\nvars=%s\n' \
		"$STAMP_FORMAT" "$version" "$pkg_version" "$CONFIG_TARGET" "${MAKE_VARS[*]}"
	clang-19 --version | sed -n 1p
	ld.lld-19 --version | sed -n 1p
	make --version | sed -n 1p
	for tool in rustc bindgen pahole; do
		if command -v "$tool" >/dev/null; then
			printf '%s: %s\n' "$tool" "$("$tool" --version 2>&1 | sed -n 1p)"
		fi
	done
}

stamp="$meta/prepared"
key=$(config_key)
current=
if [[ -f $tree/.config && -f $tree/include/generated/autoconf.h ]]; then
	current="$key"$'\n'"dotconfig=$(sha256sum <"$tree/.config")"
fi
if [[ -n $current && -f $stamp && $(<"$stamp") == "$current" ]]; then
	log "tree already configured ($CONFIG_TARGET, ${MAKE_VARS[*]}) and prepared"
else
	rm -f -- "$stamp"
	log "configuring: make ${MAKE_VARS[*]} $CONFIG_TARGET"
	kmake "$meta/config.log" "$CONFIG_TARGET"
	log "preparing: make ${MAKE_VARS[*]} -j$jobs prepare"
	kmake "$meta/prepare.log" -j"$jobs" prepare
	printf '%s\ndotconfig=%s\n' "$key" "$(sha256sum <"$tree/.config")" \
		>"$stamp.tmp"
	mv -- "$stamp.tmp" "$stamp"
fi

# --- which candidate files does Kbuild compile? ------------------------------

log "looking for .c files under ${SCAN_DIRS[*]} that mention $PATTERN"
candidates=()
while IFS= read -r f; do
	candidates+=("$f")
done < <(cd "$tree" && { grep -rl --include='*.c' -e "$PATTERN" -- "${SCAN_DIRS[@]}" || true; } | sort)
((${#candidates[@]})) || die "no .c file under ${SCAN_DIRS[*]} mentions $PATTERN"
log "${#candidates[@]} candidate files"

# Kbuild's single-target mode ("make dir/file.i", top-level Makefile,
# "Single targets") descends from the top through the same Kbuild/Makefile
# files as a full build, entering a subdirectory only if it is in subdir-ym
# there, i.e. only if the parent's obj-y/obj-m enables it
# (scripts/Makefile.build, "Single targets"/"Descending").  But in the
# directory where it stops it builds *any* requested goal
# ("targets += $(filter-out $(single-subdir-goals), $(MAKECMDGOALS))"), even
# a file that is not in obj-y/obj-m, and a goal below a disabled
# subdirectory is even built in the nearest enabled ancestor with that
# ancestor's flags.  So success of "make x.i" proves nothing.
#
# Instead we ask that directory's make: for each candidate x.c we request the
# goal x.sockopt-probe.i, which passes the top-level single-target filter
# (%.i) and the same descent, and --eval (propagated to every sub-make via
# MAKEFLAGS) adds a pattern rule for it whose recipe, expanded after the
# directory's Makefile and scripts/Makefile.lib have been read, reports
# whether x.o is in that directory's real-obj-m / lib-y / real-obj-y.
# Kbuild's own "$(obj)/%.i: $(obj)/%.c" rule does not match because
# x.sockopt-probe.c does not exist, and in the top-level Makefile
# ("$(single-no-ko): $(build-dir)") and the ancestor directories
# ("$(single-subdir-goals): $(single-subdirs)") Kbuild's explicit rules take
# precedence over the pattern, so only the directory that would build x.o
# answers.  (A goal under a disabled directory is answered by the nearest
# enabled ancestor, which does not list it: "none".)
# As in Kbuild, real-obj-y objects are only compiled if the directory's
# built-in.a is wanted (need-builtin, passed by the parent, set for "obj-y +=
# dir/" but not "obj-m += dir/"); part-of-module (scripts/Makefile.lib) is
# what makes a file a module object (-DMODULE).
# shellcheck disable=SC2016 # make syntax, expanded by make, not bash
probe_rule='%.sockopt-probe.i: ; @echo "sockopt-probe: $* $(if $(filter $*.o,$(real-obj-m)),module,$(if $(filter $*.o,$(lib-y)),builtin,$(if $(filter $*.o,$(real-obj-y)),$(if $(need-builtin),builtin,unlinked),none)))"'
log "asking Kbuild which candidates are built in this configuration"
probe_goals=("${candidates[@]/%.c/.sockopt-probe.i}")
kmake "$meta/probe.log" -j"$jobs" --eval="$probe_rule" "${probe_goals[@]}"

declare -A verdict=()
while read -r _ stem kind; do
	verdict["$stem.c"]=$kind
done < <(grep '^sockopt-probe: ' "$meta/probe.log")

compiled=()
skipped=()
for f in "${candidates[@]}"; do
	case "${verdict[$f]:-}" in
	module | builtin) compiled+=("$f") ;;
	none) skipped+=("$f (no obj-y/obj-m object in this configuration: option off, other architecture, or not a Kbuild object)") ;;
	unlinked) skipped+=("$f (obj-y of a directory only linked as a module)") ;;
	*) die "Kbuild gave no verdict for $f (see $meta/probe.log)" ;;
	esac
done
((${#compiled[@]})) || die "none of the candidates is built in this configuration"
log "${#compiled[@]} built, ${#skipped[@]} not built in this configuration"
for s in "${skipped[@]}"; do
	log "  skipped: $s"
done

# --- record the flags --------------------------------------------------------

# Preprocess the built files with Kbuild's own rule (scripts/Makefile.build:
# "cmd_cpp_i_c = $(CPP) $(c_flags) -o $@ $<", CPP = $(CC) -E): c_flags is the
# very variable cmd_cc_o_c uses for x.o (per-directory ccflags-y, inherited
# subdir-ccflags-y, CFLAGS_x.o, -DMODULE, -DKBUILD_MODNAME, ...), and
# if_changed_dep saves the command in dir/.x.i.cmd.  No Makefile under net/,
# drivers/, io_uring/ or kernel/bpf/ sets target-specific variables on a .o
# (checked for 6.12.117, and the result was compared with the .x.o.cmd of
# real "make x.o" builds), so x.i and x.o get the same c_flags; only the
# depfile name (-Wp,-MMD,dir/.x.i.d, derived from $@) and -E/-o x.i differ,
# and are rewritten below.
log "recording Kbuild's flags for ${#compiled[@]} files (make -j$jobs <file>.i)"
kmake "$meta/preprocess.log" -j"$jobs" "${compiled[@]/%.c/.i}"

dbtmp=$(mktemp -- "$tree/.compile_commands.json.XXXXXX")
cleanup_paths+=("$dbtmp")
python3 - "$tree" "$dbtmp" "${compiled[@]}" <<'PY' ||
import json
import os
import shlex
import sys

tree, out, sources = sys.argv[1], sys.argv[2], sys.argv[3:]


def fail(msg):
    sys.exit("linux-tree: error: " + msg)


def unescape(s):
    # scripts/Kbuild.include make-cmd writes "$" as "$$" and "#" as "$(pound)".
    res, i = [], 0
    while i < len(s):
        if s.startswith("$$", i):
            res.append("$")
            i += 2
        elif s.startswith("$(pound)", i):
            res.append("#")
            i += len("$(pound)")
        else:
            res.append(s[i])
            i += 1
    return "".join(res)


entries = []
for src in sources:
    stem = src[:-2]
    d, base = os.path.split(stem)
    cmdfile = os.path.join(tree, d, "." + base + ".i.cmd")
    prefix = "savedcmd_%s.i := " % stem
    try:
        with open(cmdfile) as f:
            line = next((l for l in f if l.startswith(prefix)), None)
    except OSError as e:
        fail("cannot read %s: %s" % (cmdfile, e))
    if line is None:
        fail("%s has no '%s' line" % (cmdfile, prefix.strip()))
    args = shlex.split(unescape(line[len(prefix):].strip()))
    # Turn "$(CC) -E $(c_flags) -o x.i x.c" into cmd_cc_o_c's
    # "$(CC) $(c_flags) -c -o x.o x.c" (scripts/Makefile.build).
    dep_i = "-Wp,-MMD," + os.path.join(d, "." + base + ".i.d")
    if (args.count("-E") != 1 or args.count(dep_i) != 1 or args[-1] != src
            or args[-3:-1] != ["-o", stem + ".i"]):
        fail("unexpected command in %s: %s" % (cmdfile, " ".join(args)))
    args.remove("-E")
    args[args.index(dep_i)] = dep_i[:-len(".i.d")] + ".o.d"
    args[-3:-1] = ["-c", "-o", stem + ".o"]
    entries.append({"directory": tree,
                    "file": os.path.join(tree, src),
                    "arguments": args})

entries.sort(key=lambda e: e["file"])
with open(out, "w") as f:
    json.dump(entries, f, indent=2)
    f.write("\n")
PY
	die "could not write compile_commands.json"

# The preprocessed output itself is not needed (~400 MB).  Truncate rather
# than delete it: the empty x.i stays newer than its prerequisites and
# matches the saved command, so Kbuild's if_changed_dep leaves it alone on the
# next run (which stays fast) and redoes it only if a header, the config or
# the flags change.
for f in "${compiled[@]}"; do
	: >"$tree/${f%.c}.i"
done

chmod 644 -- "$dbtmp"
mv -- "$dbtmp" "$tree/compile_commands.json"
log "wrote $tree/compile_commands.json (${#compiled[@]} entries)"
printf '%s\n' "$tree"
