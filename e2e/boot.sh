#!/usr/bin/env bash
# boot.sh KERNEL INITRAMFS_DIR_OR_CPIO TRANSCRIPT [CONSOLE_LOG] - boot a test
# kernel under qemu with the getsockopt probe as /init and save what the probe
# wrote.
#
# The guest gets two serial ports: ttyS0 is the kernel console (saved to
# CONSOLE_LOG, default TRANSCRIPT.console), ttyS1 is the probe's transcript
# (saved to TRANSCRIPT, carriage returns added by the guest's tty removed).
# INITRAMFS_DIR_OR_CPIO is either a directory holding an executable "init"
# (packed here as a newc archive with /dev/console, /dev/ttyS0, /dev/ttyS1 and
# /dev/null added) or a ready newc cpio archive.  The probe powers the guest
# off when done; the boot fails if it does not within the timeout, or if the
# transcript does not end with a "PROBE-END calls=N" line.
#
# Environment:
#   SOCKOPT_E2E_TIMEOUT  seconds the guest may run (default 600)
#   SOCKOPT_E2E_ACCEL    tcg, kvm or auto (default).  On some hosts a KVM
#                        guest hangs before printing anything, so auto uses
#                        KVM only where a first KVM boot reached PROBE-END;
#                        that first boot is abandoned (and TCG used) when the
#                        console stays silent for 10 s or the probe has not
#                        finished within SOCKOPT_E2E_KVM_TIMEOUT (default 60)
#                        seconds.  The verdict is kept per host kernel and
#                        qemu version in ~/.cache/sockopt-migrate/e2e/kvm-verdict.
#                        (Under TCG the whole boot takes a few seconds.)
#   GEN_INIT_CPIO        the kernel's usr/gen_init_cpio (default: next to
#                        KERNEL, else built once from Debian's linux-source)
set -euo pipefail
# The braces make bash read the whole script before running it, so that
# editing it during a run cannot break that run.
{

readonly SRC_PKG=linux-source-6.12
readonly TARBALL="/usr/src/${SRC_PKG}.tar.xz"
readonly MEMORY=256M
readonly CMDLINE='console=ttyS0 panic=-1'

export LC_ALL=C

log() { printf 'boot: [%3ds] %s\n' "$SECONDS" "$*" >&2; }
die() { printf 'boot: error: %s\n' "$*" >&2; exit 1; }

usage() {
	cat >&2 <<EOF
usage: ${0##*/} KERNEL INITRAMFS_DIR_OR_CPIO TRANSCRIPT [CONSOLE_LOG]

Boot KERNEL (a bzImage) under qemu-system-x86_64 with the initramfs (a
directory holding init, or a newc cpio archive), the console on ttyS0
(CONSOLE_LOG, default TRANSCRIPT.console) and the probe's transcript on
ttyS1 (TRANSCRIPT).  Fails if the guest does not power off within
\$SOCKOPT_E2E_TIMEOUT seconds (default 600) or the transcript has no
PROBE-END line.
EOF
}

case "${1:-}" in
-h | --help) usage; exit 0 ;;
esac
(($# == 3 || $# == 4)) || { usage; die "expected 3 or 4 arguments"; }
kernel=$1 initramfs=$2 transcript=$3 console=${4:-$3.console}
[[ -f $kernel ]] || die "kernel $kernel not found"
[[ -e $initramfs ]] || die "initramfs $initramfs not found"
timeout_secs=${SOCKOPT_E2E_TIMEOUT:-600}
kvm_timeout=${SOCKOPT_E2E_KVM_TIMEOUT:-60}
accel=${SOCKOPT_E2E_ACCEL:-auto}
[[ $timeout_secs =~ ^[1-9][0-9]*$ ]] || die "SOCKOPT_E2E_TIMEOUT must be a number of seconds, not '$timeout_secs'"
[[ $kvm_timeout =~ ^[1-9][0-9]*$ ]] || die "SOCKOPT_E2E_KVM_TIMEOUT must be a number of seconds, not '$kvm_timeout'"
case $accel in
auto | kvm | tcg) ;;
*) die "SOCKOPT_E2E_ACCEL must be auto, kvm or tcg, not '$accel'" ;;
esac
cache=${XDG_CACHE_HOME:-$HOME/.cache}/sockopt-migrate/e2e

command -v qemu-system-x86_64 >/dev/null ||
	die "qemu-system-x86_64 not found (Debian package qemu-system-x86; 'make deps' installs it)"

tmp=$(mktemp -d -t sockopt-boot.XXXXXX)
trap 'rm -rf -- "$tmp"' EXIT

# --- the initramfs ---------------------------------------------------------------

# gen_init_cpio writes device nodes without needing root or mknod.
find_gen_init_cpio() {
	local c src
	for c in "${GEN_INIT_CPIO:-}" "$(dirname -- "$kernel")/gen_init_cpio" "$cache/gen_init_cpio"; do
		if [[ -n $c && -x $c ]]; then
			printf '%s\n' "$c"
			return
		fi
	done
	[[ -f $TARBALL ]] || die "no gen_init_cpio next to $kernel and no $TARBALL to build one from (set GEN_INIT_CPIO)"
	log "building gen_init_cpio from $TARBALL"
	mkdir -p -- "$cache"
	src=$tmp/gen_init_cpio.c
	tar -xOf "$TARBALL" "$SRC_PKG/usr/gen_init_cpio.c" >"$src" ||
		die "cannot extract usr/gen_init_cpio.c from $TARBALL"
	clang-19 -O2 -o "$cache/gen_init_cpio.tmp" "$src" ||
		die "cannot compile usr/gen_init_cpio.c"
	mv -- "$cache/gen_init_cpio.tmp" "$cache/gen_init_cpio"
	printf '%s\n' "$cache/gen_init_cpio"
}

if [[ -d $initramfs ]]; then
	[[ -f $initramfs/init && -x $initramfs/init ]] ||
		die "$initramfs has no executable init"
	gen=$(find_gen_init_cpio)
	list=$tmp/cpio_list
	{
		printf 'dir /dev 0755 0 0\n'
		printf 'nod /dev/console 0600 0 0 c 5 1\n'
		printf 'nod /dev/null 0666 0 0 c 1 3\n'
		printf 'nod /dev/ttyS0 0600 0 0 c 4 64\n'
		printf 'nod /dev/ttyS1 0600 0 0 c 4 65\n'
		# Everything in the directory, with its modes, owned by root.
		(cd "$initramfs" && find . -mindepth 1 ! -path ./dev ! -path './dev/*' -printf '%y %P %m %l\n') |
			while read -r type name mode target; do
				case $type in
				d) printf 'dir /%s %s 0 0\n' "$name" "$mode" ;;
				f) printf 'file /%s %s %s 0 0\n' "$name" "$initramfs/$name" "$mode" ;;
				l) printf 'slink /%s %s %s 0 0\n' "$name" "$target" "$mode" ;;
				*) die "$initramfs/$name: only files, directories and symlinks are packed" ;;
				esac
			done
	} >"$list"
	cpio=$tmp/initramfs.cpio
	"$gen" -t 0 "$list" >"$cpio" || die "gen_init_cpio failed on $list"
else
	cpio=$initramfs
fi

# --- KVM or TCG --------------------------------------------------------------------

kvm_usable() {
	[[ -r /dev/kvm && -w /dev/kvm ]]
}
# KVM guests hang on some hosts; the verdict of a first try is per host kernel
# and qemu.
host_key="$(uname -r) $(qemu-system-x86_64 --version | sed -n 1p)"
verdict_file=$cache/kvm-verdict
# The file holds the host key on its first line and the verdict on its second.
kvm_verdict() {
	if [[ -f $verdict_file && $(head -n 1 -- "$verdict_file") == "$host_key" ]]; then
		sed -n 2p -- "$verdict_file"
	fi
}
record_verdict() {
	mkdir -p -- "$cache"
	printf '%s\n%s\n' "$host_key" "$1" >"$verdict_file.tmp"
	mv -- "$verdict_file.tmp" "$verdict_file"
}

# --- boot ----------------------------------------------------------------------------

# run_qemu ACCEL SECONDS [SILENT]: boot once; sets status (0: powered off,
# 124: timed out, 125: the console stayed empty for SILENT seconds).
run_qemu() {
	local acc=$1 secs=$2 silent=${3:-0} pid waited=0
	: >"$tmp/console" && : >"$tmp/transcript"
	log "booting $kernel (${acc}, ${MEMORY}, up to ${secs}s)"
	status=0
	timeout -k 10 "$secs" qemu-system-x86_64 \
		-nodefaults -no-user-config -display none -no-reboot \
		-accel "$acc" -m "$MEMORY" -smp 1 \
		-kernel "$kernel" -initrd "$cpio" -append "$CMDLINE" \
		-serial "file:$tmp/console" -serial "file:$tmp/transcript" \
		</dev/null >"$tmp/qemu.out" 2>&1 &
	pid=$!
	if ((silent > 0)); then
		# Poll in tenths of a second until qemu ends or the console has
		# been silent too long.
		while kill -0 "$pid" 2>/dev/null; do
			if [[ ! -s $tmp/console ]] && ((waited >= silent * 10)); then
				kill -TERM "$pid" 2>/dev/null || true
				wait "$pid" || true
				status=125
				return
			fi
			sleep 0.1
			waited=$((waited + 1))
		done
	fi
	wait "$pid" || status=$?
}

has_end() { grep -qE '^PROBE-END calls=[0-9]+$' <(tr -d '\r' <"$tmp/transcript"); }

start=$SECONDS
case $accel in
tcg) run_qemu tcg "$timeout_secs" ;;
kvm)
	kvm_usable || die "SOCKOPT_E2E_ACCEL=kvm but /dev/kvm is not usable"
	run_qemu kvm "$timeout_secs"
	;;
auto)
	v=$(kvm_verdict)
	if ! kvm_usable || [[ $v == hangs ]]; then
		run_qemu tcg "$timeout_secs"
	elif [[ $v == works ]]; then
		run_qemu kvm "$timeout_secs"
	else
		log "first boot with KVM on this host: checking that KVM guests run"
		run_qemu kvm "$((kvm_timeout < timeout_secs ? kvm_timeout : timeout_secs))" 10
		if ((status == 0)) && has_end; then
			record_verdict works
		else
			if ((status == 125)); then
				log "the KVM guest printed nothing in 10s: KVM guests hang here; using TCG"
			else
				log "no PROBE-END under KVM (status $status); retrying with TCG"
			fi
			run_qemu tcg "$timeout_secs"
			if ((status == 0)) && has_end; then
				record_verdict hangs
			fi
		fi
	fi
	;;
esac
secs=$((SECONDS - start))

tr -d '\r' <"$tmp/transcript" >"$transcript"
cp -- "$tmp/console" "$console"

show_console() {
	printf -- '--- last lines of the console (%s) ---\n' "$console" >&2
	tail -n 30 -- "$console" >&2
	if [[ -s $tmp/qemu.out ]]; then
		printf -- '--- qemu ---\n' >&2
		tail -n 10 -- "$tmp/qemu.out" >&2
	fi
}
if ((status == 124 || status == 137)); then
	show_console
	die "the guest did not power off within the timeout (${timeout_secs}s; SOCKOPT_E2E_TIMEOUT)"
elif ((status != 0)); then
	show_console
	die "qemu-system-x86_64 failed with status $status"
fi
if ! grep -qE '^PROBE-END calls=[0-9]+$' "$transcript"; then
	show_console
	die "the transcript $transcript has no PROBE-END line: the probe did not finish"
fi
log "done in ${secs}s: $(grep -E '^PROBE-END' "$transcript" | tail -n 1) ($(wc -l <"$transcript") lines in $transcript)"
exit
}
