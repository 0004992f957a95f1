# kernel-script.sh - sourced by scripts/linux-tree.sh and e2e/kernels.sh:
# what both need to drive Kbuild over Debian's linux-source package.  The
# sourcing script sets SCRIPT_NAME (the prefix of its messages) first, and
# `tree` and MAKE_VARS before it calls kmake.
# shellcheck shell=bash

export LC_ALL=C
# Kbuild honours these from the environment; any of them would change the
# configuration or the recorded flags (e.g. KCFLAGS, W=, KCONFIG_ALLCONFIG,
# CROSS_COMPILE for clang's --target, MAKEFLAGS from a parent make).
unset KBUILD_OUTPUT O M KBUILD_EXTMOD W KBUILD_EXTRA_WARN C KBUILD_CHECKSRC \
	V KBUILD_VERBOSE KCFLAGS KCPPFLAGS KAFLAGS KRUSTFLAGS CFLAGS_KERNEL \
	CFLAGS_MODULE KCONFIG_CONFIG KCONFIG_ALLCONFIG CROSS_COMPILE LLVM_IAS \
	ARCH SUBARCH LLVM MAKEFLAGS MFLAGS MAKELEVEL GNUMAKEFLAGS

log() { printf '%s: [%3ds] %s\n' "$SCRIPT_NAME" "$SECONDS" "$*" >&2; }
die() { printf '%s: error: %s\n' "$SCRIPT_NAME" "$*" >&2; exit 1; }

# Paths removed on exit (temporary unpack directories, temporary files).
cleanup_paths=()
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	local p
	for p in "${cleanup_paths[@]}"; do
		rm -rf -- "$p"
	done
}
trap cleanup EXIT

# install_missing PACKAGE...: apt-get install the Debian packages that are
# not installed (python3 counts as present when the command is there).
install_missing() {
	local pkg status aptlog missing=() sudo=()
	for pkg in "$@"; do
		if [[ $pkg == python3 ]] && command -v python3 >/dev/null; then
			continue
		fi
		status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null) || status=
		[[ $status == installed ]] || missing+=("$pkg")
	done
	((${#missing[@]})) || return 0
	log "installing missing Debian packages: ${missing[*]}"
	if ((EUID != 0)); then
		command -v sudo >/dev/null ||
			die "not root and no sudo; install these packages: ${missing[*]}"
		sudo=(sudo)
	fi
	aptlog=$(mktemp -t "$SCRIPT_NAME-apt.XXXXXX")
	cleanup_paths+=("$aptlog")
	if ! { "${sudo[@]}" apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
			--no-install-recommends "${missing[@]}"; } >"$aptlog" 2>&1; then
		tail -n 40 -- "$aptlog" >&2
		die "could not install ${missing[*]} with apt-get"
	fi
}

# lock_tree LOCKFILE: hold LOCKFILE for the rest of the script, waiting for
# another run on the same tree.
lock_tree() {
	exec {lock_fd}>"$1"
	if ! flock -n "$lock_fd"; then
		log "waiting for another run on $tree to finish"
		flock "$lock_fd"
	fi
}

# kmake LOG ARGS...: run make in the tree with MAKE_VARS; output goes to LOG,
# whose tail is shown if make fails.
kmake() {
	local out=$1
	shift
	if ! make -C "$tree" "${MAKE_VARS[@]}" "$@" >"$out" 2>&1; then
		tail -n 40 -- "$out" >&2
		die "make ${MAKE_VARS[*]} $* failed (full log: $out)"
	fi
}
