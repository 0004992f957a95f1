#!/usr/bin/env bash
# kernels.sh [--broken] [--tool PATH] [--out DIR] - build the kernels of the booted-kernel
# getsockopt test: the same small Linux 6.12 before and after the rewrite.
#
# sockopt-migrate's rewrite must not change what userspace sees except where
# its report says so.  The e2e test proves it by booting both kernels under
# qemu with a probe as /init and comparing the transcripts.  This script:
#   1. unpacks Debian's linux-source-6.12 into
#      ${XDG_CACHE_HOME:-$HOME/.cache}/sockopt-migrate/e2e/linux (its own
#      copy, not scripts/linux-tree.sh's), applies e2e/io_uring-getsockopt.patch
#      (test only: lets io_uring's SOCKET_URING_OP_GETSOCKOPT reach
#      getsockopt_iter), configures x86_64 tinyconfig + e2e/kernel.config with
#      LLVM=-19 and checks that every option of the fragment is really set;
#   2. builds bzImage (the baseline) and writes the tree's
#      compile_commands.json with the kernel's own gen_compile_commands.py;
#   3. runs `sockopt-migrate scan` (report.json) and `rewrite --apply
#      --accept short-buffer-efault --accept narrowed-store` over the files
#      of that database which mention getsockopt (a first rewrite without --apply
#      names the headers it edits too, such as net/atm/common.h, so that
#      they are saved with them), rebuilds (only the rewritten files
#      recompile) and saves the converted bzImage;
#   4. with --broken, also corrupts one converted copy_to_iter() length in
#      net/packet/af_packet.c and builds a third kernel, which the comparison
#      must reject (proof that the test can fail);
#   5. puts the pristine files back, so the next run starts from the baseline
#      (only those files recompile then).
#
# Results go to the output directory (default .../sockopt-migrate/e2e/out):
# baseline.bzImage, converted.bzImage, broken.bzImage (--broken),
# report.json, rewrite.diff, rewrite.log, timings, and for the comparison
# and the boot: tree (a symlink to the pristine tree) and gen_init_cpio.
# Step 1 is redone only when the package version, the settings of the
# fragment, the patch or the toolchain change; nothing is built again while
# these, the tool and --broken stay the same.  Progress goes to stderr; the
# output directory's absolute path is the last line on stdout.
set -euo pipefail
# The braces make bash read the whole script before running it, so that
# editing it during a run cannot break that run.
{

readonly SERIES=6.12
readonly SRC_PKG="linux-source-${SERIES}"
readonly TARBALL="/usr/src/${SRC_PKG}.tar.xz"
readonly MAKE_VARS=(ARCH=x86_64 LLVM=-19)
readonly PATTERN=getsockopt
readonly SCAN_DIRS=(net drivers)
readonly ACCEPT=(--accept short-buffer-efault --accept narrowed-store)
# The deliberately wrong edit of --broken: one converted copy_to_iter() in
# packet_getsockopt() copies one byte less than it reports.
readonly BROKEN_FILE=net/packet/af_packet.c
readonly BROKEN_FROM='copy_to_iter(data, len, &opt->iter_out) != len'
readonly BROKEN_TO='copy_to_iter(data, len - 1, &opt->iter_out) != len - 1'
# Bump when the way the tree is configured/built changes.
readonly STAMP_FORMAT=1
readonly DEB_PACKAGES=("$SRC_PKG" clang-19 lld-19 llvm-19 make bc flex bison
	libelf-dev libssl-dev libc6-dev xz-utils python3 patch diffutils)

SCRIPT_NAME=kernels
# shellcheck source=scripts/kernel-script.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/../scripts/kernel-script.sh"

# A reproducible build: rebuilding the baseline after the pristine files are
# back gives the same bzImage, whatever the date and the build count.
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 1970' \
	KBUILD_BUILD_USER=sockopt-migrate KBUILD_BUILD_HOST=e2e \
	KBUILD_BUILD_VERSION=1

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname -- "$here")
readonly FRAGMENT="$here/kernel.config"
readonly PATCH="$here/io_uring-getsockopt.patch"

usage() {
	cat >&2 <<EOF
usage: ${0##*/} [--broken] [--tool PATH] [--out DIR]

Build the baseline and the converted Linux ${SERIES} kernels of the booted-kernel
test (tinyconfig + e2e/kernel.config, ${MAKE_VARS[*]}) in
\${XDG_CACHE_HOME:-\$HOME/.cache}/sockopt-migrate/e2e/linux.

  --broken     also build broken.bzImage: the converted kernel with one
               copy_to_iter() length in ${BROKEN_FILE} off by one
  --tool PATH  the sockopt-migrate binary (default: build/tool/sockopt-migrate)
  --out DIR    where the kernels and the report go (default: .../e2e/out)

Prints the output directory's absolute path on stdout.
EOF
}

cache=${XDG_CACHE_HOME:-$HOME/.cache}/sockopt-migrate/e2e
tool=$repo/build/tool/sockopt-migrate
out=$cache/out
broken=0
while (($#)); do
	case $1 in
	-h | --help) usage; exit 0 ;;
	--broken) broken=1 ;;
	--tool) (($# > 1)) || die "--tool needs a path"; tool=$2; shift ;;
	--out) (($# > 1)) || die "--out needs a directory"; out=$2; shift ;;
	*) usage; die "unknown argument: $1" ;;
	esac
	shift
done
[[ -x $tool ]] || die "$tool is not an executable (run 'make build' first, or pass --tool)"
tool=$(cd -- "$(dirname -- "$tool")" && pwd)/$(basename -- "$tool")
[[ -f $FRAGMENT ]] || die "$FRAGMENT not found"
[[ -f $PATCH ]] || die "$PATCH not found"
tree=$cache/linux
meta=$tree/.sockopt-e2e

# --- packages ----------------------------------------------------------------

install_missing "${DEB_PACKAGES[@]}"
[[ -f $TARBALL ]] || die "$TARBALL not found although $SRC_PKG is installed"
pkg_version=$(dpkg-query -W -f='${Version}' "$SRC_PKG")

# --- lock --------------------------------------------------------------------

mkdir -p -- "$cache" "$out"
out=$(cd -- "$out" && pwd)
lock_tree "$cache/linux.lock"

jobs=$(nproc)

# --- unpack, patch, configure --------------------------------------------------

# Everything the configured tree depends on.
tree_key() {
	printf 'format=%s\npackage=%s\nvars=%s\n' \
		"$STAMP_FORMAT" "$pkg_version" "${MAKE_VARS[*]}"
	# The settings of the fragment, not its comments.
	printf 'fragment=%s\n' "$(grep -E '^(CONFIG_|# CONFIG_[A-Za-z0-9_]+ is not set)' -- "$FRAGMENT" | sha256sum)"
	printf 'patch=%s\n' "$(sha256sum <"$PATCH")"
	clang-19 --version | sed -n 1p
	ld.lld-19 --version | sed -n 1p
	make --version | sed -n 1p
}

# The options the fragment sets (CONFIG_X=value lines) must all be in .config
# with that value.
check_config() {
	local line name want got bad=()
	while IFS= read -r line; do
		[[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]] || continue
		name=${BASH_REMATCH[1]} want=${BASH_REMATCH[2]}
		got=$(sed -n "s/^$name=//p" "$tree/.config")
		if [[ $got != "$want" ]]; then
			bad+=("$name=$want (.config: ${got:-not set})")
		fi
	done <"$FRAGMENT"
	if ((${#bad[@]})); then
		printf '  %s\n' "${bad[@]}" >&2
		die "Kconfig did not take these options of $FRAGMENT (unmet dependencies?)"
	fi
}

unpack_and_configure() {
	local tmp
	log "unpacking $TARBALL ($pkg_version) into $tree"
	rm -rf -- "$tree"
	# Unpack next to the destination and rename, so an interrupted run never
	# leaves a half-unpacked tree that a later run would take as complete.
	tmp=$(mktemp -d -- "$cache/.unpack.XXXXXX")
	cleanup_paths+=("$tmp")
	chmod -- "$(printf '%o' $((0777 & ~$(umask))))" "$tmp"
	tar -xf "$TARBALL" -C "$tmp" --strip-components=1 ||
		die "failed to unpack $TARBALL"
	log "applying ${PATCH#"$repo/"}"
	patch -d "$tmp" -p1 --forward --no-backup-if-mismatch <"$PATCH" >"$tmp/.patch.log" 2>&1 || {
		cat -- "$tmp/.patch.log" >&2
		die "${PATCH#"$repo/"} does not apply to $SRC_PKG $pkg_version"
	}
	rm -f -- "$tmp/.patch.log"
	mv -- "$tmp" "$tree"
	mkdir -p -- "$meta"

	log "configuring: make ${MAKE_VARS[*]} tinyconfig + ${FRAGMENT#"$repo/"}"
	kmake "$meta/config.log" tinyconfig
	(cd "$tree" && scripts/kconfig/merge_config.sh -m .config "$FRAGMENT") \
		>>"$meta/config.log" 2>&1 || {
		tail -n 40 -- "$meta/config.log" >&2
		die "merging $FRAGMENT failed"
	}
	kmake "$meta/config.log.2" olddefconfig
	cat -- "$meta/config.log.2" >>"$meta/config.log"
	rm -f -- "$meta/config.log.2"
	check_config
}

key=$(tree_key)
if [[ -f $meta/configured && $(<"$meta/configured") == "$key" && -f $tree/.config ]]; then
	log "tree already unpacked, patched and configured ($pkg_version)"
else
	unpack_and_configure
	printf '%s\n' "$key" >"$meta/configured"
	rm -f -- "$out"/*.bzImage "$out/stamp"
fi
check_config

# --- interrupted runs ------------------------------------------------------------

pristine=$meta/pristine
# A run that stopped between the rewrite and the restore leaves "dirty": put
# the saved files back first.
restore_pristine() {
	local f n=0
	[[ -f $meta/dirty ]] || return 0
	while IFS= read -r f; do
		if ! cmp -s -- "$pristine/$f" "$tree/$f"; then
			# cp, not cp -p: the new mtime makes Kbuild recompile the file.
			cp -- "$pristine/$f" "$tree/$f"
			n=$((n + 1))
		fi
	done <"$meta/rewritable"
	rm -f -- "$meta/dirty"
	log "restored $n pristine files"
}
restore_pristine

# --- up to date? ------------------------------------------------------------------

# Everything below depends on the configured tree (key), the tool and the
# options; the baseline kernel only on the tree.  The pristine sources are
# back (restore_pristine above), so with the same inputs the saved kernels
# are still right and nothing needs building.
conv_key=$(printf 'tree=%s\ntool=%s\nbroken=%s\naccept=%s\n' \
	"$(sha256sum <<<"$key")" "$(sha256sum <"$tool")" "$broken" "${ACCEPT[*]}")
want=(baseline.bzImage converted.bzImage report.json rewrite.diff rewrite.log
	timings gen_init_cpio tree)
((broken)) && want+=(broken.bzImage)
have_all=1
for f in "${want[@]}"; do
	[[ -e $out/$f ]] || have_all=0
done
if ((have_all)) && [[ -f $out/stamp && $(<"$out/stamp") == "$conv_key" ]]; then
	log "kernels up to date (same package, fragment, patch, tool and options) in $out"
	printf '%s\n' "$out"
	exit 0
fi

# --- baseline ----------------------------------------------------------------------

# build NAME: make bzImage and copy it to $out/NAME.bzImage; sets build_secs
# and rebuilt (the objects make compiled).
build() {
	local name=$1 start=$SECONDS
	log "building the $name kernel: make ${MAKE_VARS[*]} -j$jobs bzImage"
	kmake "$meta/build-$name.log" -j"$jobs" bzImage
	build_secs=$((SECONDS - start))
	rebuilt=$(sed -n 's/^  CC  *\(.*\.o\)$/\1/p' "$meta/build-$name.log" | sort | tr '\n' ' ')
	cp -- "$tree/arch/x86/boot/bzImage" "$out/$name.bzImage.tmp"
	mv -- "$out/$name.bzImage.tmp" "$out/$name.bzImage"
	local n
	n=$(wc -w <<<"$rebuilt")
	if ((n > 30)); then
		log "$name kernel built in ${build_secs}s ($n objects compiled)"
	else
		log "$name kernel built in ${build_secs}s; compiled: ${rebuilt:-nothing}"
	fi
}

first_build=0
[[ -f $tree/vmlinux ]] || first_build=1
build baseline
if ((first_build)); then
	printf 'full-build-seconds=%s\n' "$build_secs" >"$meta/full-build-time"
fi

# The compile database of this build, from the kernel's own script (it reads
# the .cmd files Kbuild left next to every object).
if [[ ! -f $tree/compile_commands.json || $tree/vmlinux -nt $tree/compile_commands.json ]]; then
	log "writing compile_commands.json (scripts/clang-tools/gen_compile_commands.py)"
	(cd "$tree" && python3 scripts/clang-tools/gen_compile_commands.py -d . \
		-o compile_commands.json.tmp) >"$meta/gen_compile_commands.log" 2>&1 || {
		tail -n 20 -- "$meta/gen_compile_commands.log" >&2
		die "gen_compile_commands.py failed"
	}
	mv -- "$tree/compile_commands.json.tmp" "$tree/compile_commands.json"
fi

# For the comparison and the boot: the tree (compare.py reads the sources)
# and the kernel's gen_init_cpio (boot.sh packs the initramfs with it).
ln -sfn -- "$tree" "$out/tree"
cp -- "$tree/usr/gen_init_cpio" "$out/gen_init_cpio.tmp"
mv -- "$out/gen_init_cpio.tmp" "$out/gen_init_cpio"

# The translation units the tool looks at: those of the database under
# net/ and drivers/ that mention getsockopt (the rewrite can only edit these).
# They hold every implementation of the whole database, which takes 25 times
# longer to scan.
mapfile -t rewritable < <(python3 - "$tree" "$PATTERN" "${SCAN_DIRS[@]}" <<'PY'
import json, os, sys
tree, pattern, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(os.path.join(tree, "compile_commands.json")) as f:
    db = json.load(f)
for e in db:
    path = os.path.relpath(os.path.join(e["directory"], e["file"]), tree)
    if path.split(os.sep, 1)[0] in dirs and path.endswith(".c"):
        with open(os.path.join(tree, path), errors="replace") as src:
            if pattern in src.read():
                print(path)
PY
)
((${#rewritable[@]})) || die "no file of $tree/compile_commands.json under ${SCAN_DIRS[*]} mentions $PATTERN"
mapfile -t rewritable < <(printf '%s\n' "${rewritable[@]}" | sort -u)
units=("${rewritable[@]}")

# --- converted (and broken) ---------------------------------------------------------

rm -f -- "$out/stamp" "$out/broken.bzImage"

log "${#rewritable[@]} translation units mention $PATTERN; scanning them"
scan_status=0
# (Positional files are relative to the working directory.)
(cd "$tree" && "$tool" scan -p "$tree" -q -o "$out/report.json.tmp" "${units[@]}") \
	2>"$meta/scan.log" || scan_status=$?
if ((scan_status != 0)); then
	cat -- "$meta/scan.log" >&2
	die "sockopt-migrate scan failed with status $scan_status on $tree/compile_commands.json"
fi
mv -- "$out/report.json.tmp" "$out/report.json"

# What the rewrite edits besides the translation units: the headers that
# declare a function it converts with its callers in other files
# (net/atm/common.h's vcc_getsockopt()).  A rewrite without --apply prints
# the diff; its "+++ b/" lines name the files.
log "listing the files the rewrite edits: sockopt-migrate rewrite ${ACCEPT[*]}"
listed_status=0
(cd "$tree" && "$tool" rewrite -p "$tree" "${ACCEPT[@]}" "${units[@]}") \
	>"$meta/rewrite-list.diff" 2>"$meta/rewrite-list.log" || listed_status=$?
if ((listed_status != 0)); then
	cat -- "$meta/rewrite-list.log" >&2
	die "sockopt-migrate rewrite (the diff) failed with status $listed_status"
fi
mapfile -t edited < <(sed -n 's|^+++ b/||p' "$meta/rewrite-list.diff")
mapfile -t rewritable < <(printf '%s\n' "${rewritable[@]}" "${edited[@]}" | sort -u)

# Save what the rewrite may edit, then mark the tree dirty until restored.
rm -rf -- "$pristine"
for f in "${rewritable[@]}"; do
	mkdir -p -- "$pristine/$(dirname -- "$f")"
	cp -p -- "$tree/$f" "$pristine/$f"
done
printf '%s\n' "${rewritable[@]}" >"$meta/rewritable"
: >"$meta/dirty"
touch -- "$meta/before-rewrite"
sleep 1 # a rewritten file's mtime must be newer than the marker's

log "rewriting: sockopt-migrate rewrite --apply ${ACCEPT[*]}"
rewrite_status=0
(cd "$tree" && "$tool" rewrite -p "$tree" --apply "${ACCEPT[@]}" "${units[@]}") \
	>"$out/rewrite.log.tmp" 2>&1 || rewrite_status=$?
if ((rewrite_status != 0)); then
	cat -- "$out/rewrite.log.tmp" >&2
	restore_pristine
	die "sockopt-migrate rewrite failed with status $rewrite_status"
fi
mv -- "$out/rewrite.log.tmp" "$out/rewrite.log"
sed 's/^/  /' "$out/rewrite.log" >&2

# Which files changed: everything newer than the marker (the rewrite writes
# through a temporary file and a rename); each must be one we saved.
mapfile -t changed < <(cd "$tree" && find . -path ./.sockopt-e2e -prune -o -type f \
	-newer "$meta/before-rewrite" -print | sed 's|^\./||' | sort)
((${#changed[@]})) || { restore_pristine; die "the rewrite changed no file"; }
for f in "${changed[@]}"; do
	[[ -f $pristine/$f ]] || { restore_pristine; die "the rewrite changed $f, which is not a translation unit it was given"; }
done
: >"$out/rewrite.diff.tmp"
for f in "${changed[@]}"; do
	(cd "$tree" && diff -u --label "a/$f" --label "b/$f" -- ".sockopt-e2e/pristine/$f" "$f" \
		>>"$out/rewrite.diff.tmp") || true
done
mv -- "$out/rewrite.diff.tmp" "$out/rewrite.diff"
log "the rewrite changed ${#changed[@]} files: ${changed[*]}"

build converted
printf 'incremental-build-seconds=%s\n' "$build_secs" >"$meta/incremental-build-time"
# Every rewritten file that this kernel compiles must have been recompiled
# (a header is compiled as part of those that include it).
for f in "${changed[@]}"; do
	[[ $f == *.c ]] || continue
	[[ " $rebuilt " == *" ${f%.c}.o "* ]] || {
		restore_pristine
		die "$f was rewritten but make did not recompile it"
	}
done

if ((broken)); then
	n=$(grep -cF -- "$BROKEN_FROM" "$tree/$BROKEN_FILE" || true)
	if ((n != 1)); then
		restore_pristine
		die "expected exactly one '$BROKEN_FROM' in the converted $BROKEN_FILE, found $n"
	fi
	log "breaking $BROKEN_FILE on purpose: $BROKEN_TO"
	python3 - "$tree/$BROKEN_FILE" "$BROKEN_FROM" "$BROKEN_TO" <<'PY'
import sys
path, old, new = sys.argv[1:]
with open(path) as f:
    s = f.read()
with open(path, "w") as f:
    f.write(s.replace(old, new))
PY
	build broken
fi

log "restoring the pristine files"
restore_pristine

{
	cat -- "$meta/full-build-time" 2>/dev/null || true
	cat -- "$meta/incremental-build-time"
} >"$out/timings"
printf '%s\n' "$conv_key" >"$out/stamp"
log "kernels in $out: ${want[*]}"
printf '%s\n' "$out"
exit
}
