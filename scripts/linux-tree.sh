#!/usr/bin/env bash
# linux-tree.sh - prepare a Linux tree and the compile_commands.json that
# sockopt-migrate scans: the getsockopt implementations under net/ and
# drivers/, the callers in io_uring/ and kernel/bpf/, and the files that
# define the helpers those implementations hand optval/optlen to.
#
# sockopt-migrate is a Clang LibTooling tool; to parse kernel sources it needs
# the exact flags Kbuild would pass for each file.  This script:
#   1. by default installs Debian's linux-source-6.12 and unpacks it into a
#      cache directory outside the repo (default
#      ${XDG_CACHE_HOME:-$HOME/.cache}/sockopt-migrate/linux-source-6.12, or
#      DIR); with --tree DIR it takes an existing kernel checkout instead and
#      never unpacks anything over it,
#   2. configures it with LLVM=-19: x86_64 allmodconfig with
#      scripts/linux-tree.config and the user's --config-fragment files merged
#      in through KCONFIG_ALLCONFIG, or, for a --tree that has its own
#      .config, that .config (plus the user's fragments) through olddefconfig;
#      then checks every requested setting made it into .config, and runs
#      `make prepare`,
#   3. asks Kbuild itself which of the .c files under net/, drivers/,
#      io_uring/ and kernel/bpf/ that mention getsockopt are compiled in this
#      configuration (builtin or module), and records their exact compiler
#      command lines in DIR/compile_commands.json - without building the
#      kernel.  io_uring/ and kernel/bpf/ only call the callbacks; they are
#      there so that `check` can show it leaves such callers alone,
#   4. asks sockopt-migrate which functions the getsockopt chains reach that
#      no file of the database defines (scan --list-undefined), adds the .c
#      files that define them and that Kbuild builds, and repeats until the
#      tool needs nothing more.
#
# Step 2 is skipped when a stamp shows it was done with the same inputs, and
# in an unpacked tree step 4 reuses the last run's files while the tool and
# the initial database are the same, so a rerun takes seconds.  Progress goes
# to stderr; the tree's absolute path is the only thing printed on stdout.
set -euo pipefail

readonly SERIES=6.12
readonly SRC_PKG="linux-source-${SERIES}"
readonly TARBALL="/usr/src/${SRC_PKG}.tar.xz"
readonly MAKE_VARS=(ARCH=x86_64 LLVM=-19)
readonly PATTERN=getsockopt
readonly SCAN_DIRS=(net drivers io_uring kernel/bpf)
# Bump when the way the tree is configured/prepared changes.
readonly STAMP_FORMAT=2
# Debian packages the steps above need (make prepare builds fixdep, kconfig,
# objtool, ... with HOSTCC=clang-19, hence libc6-dev/libelf-dev/libssl-dev).
readonly BUILD_PACKAGES=(clang-19 lld-19 llvm-19 make bc flex bison
	libelf-dev libssl-dev libc6-dev xz-utils python3)

SCRIPT_NAME=linux-tree
scripts=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
readonly DEFAULT_FRAGMENT="$scripts/linux-tree.config"
# shellcheck source=scripts/kernel-script.sh
. "$scripts/kernel-script.sh"

usage() {
	cat >&2 <<EOF
usage: ${0##*/} [OPTION...] [DIR]
       ${0##*/} [OPTION...] --tree DIR

Prepare a kernel tree and its compile_commands.json for sockopt-migrate;
print the tree's absolute path on stdout.

Without --tree: unpack Debian's ${SRC_PKG} into DIR (default:
\${XDG_CACHE_HOME:-\$HOME/.cache}/sockopt-migrate/${SRC_PKG}).

  --tree DIR              prepare the existing kernel checkout DIR; its own
                          .config is kept (make olddefconfig) when it has one
  --config-fragment FILE  Kconfig settings merged after
                          scripts/linux-tree.config (repeatable; with a
                          --tree .config, merged into that .config)
  --tool PATH             the sockopt-migrate that says which helpers the
                          database lacks (default: \$SOCKOPT_MIGRATE, or
                          build/tool/sockopt-migrate in this repository)
  -h, --help              this text

The configuration is x86_64 allmodconfig with ${MAKE_VARS[*]} and
scripts/linux-tree.config (IPV6=y, TCP_AO=y).
EOF
}

# --- arguments -------------------------------------------------------------

tree=
existing=no
fragments=()
tool=${SOCKOPT_MIGRATE:-$(dirname -- "$scripts")/build/tool/sockopt-migrate}
need_arg() { [[ $# -ge 2 && -n $2 ]] || { usage; die "$1 needs a non-empty argument"; }; }
while [[ $# -gt 0 ]]; do
	case $1 in
	-h | --help) usage; exit 0 ;;
	--tree)
		need_arg "$@"
		[[ -z $tree ]] || { usage; die "more than one tree given"; }
		tree=$2 existing=yes
		shift 2
		;;
	--config-fragment)
		need_arg "$@"
		[[ -f $2 && -r $2 ]] || die "config fragment $2: not a readable file"
		fragments+=("$(realpath -- "$2")")
		shift 2
		;;
	--tool)
		need_arg "$@"
		tool=$2
		shift 2
		;;
	--) shift; break ;;
	-*) usage; die "unknown option: $1" ;;
	*)
		[[ -z $tree ]] || { usage; die "more than one tree given"; }
		[[ -n $1 ]] || die "DIR must not be empty"
		tree=$1
		shift
		;;
	esac
done
if [[ $# -gt 0 ]]; then
	[[ -z $tree && $# -eq 1 && -n $1 ]] || { usage; die "expected at most one DIR"; }
	tree=$1
fi

[[ -x $tool && -f $tool ]] ||
	die "sockopt-migrate not found at $tool: run 'make build' or pass --tool PATH"
tool=$(realpath -- "$tool")
if [[ -z $tree ]]; then
	tree="${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/sockopt-migrate/${SRC_PKG}"
fi
tree=$(realpath -m -- "$tree")
[[ $tree != / ]] || die "refusing to use / as the tree"
if [[ $existing == yes ]]; then
	[[ -d $tree ]] || die "--tree $tree: no such directory"
	[[ -f $tree/Makefile && -f $tree/scripts/Makefile.build && -d $tree/net ]] ||
		die "--tree $tree: not a kernel source tree (no Makefile, scripts/Makefile.build or net/)"
fi
meta="$tree/.sockopt-migrate" # our stamps and make logs inside the tree

# --- dependencies ----------------------------------------------------------

if [[ $existing == yes ]]; then
	install_missing "${BUILD_PACKAGES[@]}"
else
	install_missing "$SRC_PKG" "${BUILD_PACKAGES[@]}"
	[[ -f $TARBALL ]] || die "$TARBALL not found although $SRC_PKG is installed"
	pkg_version=$(dpkg-query -W -f='${Version}' "$SRC_PKG")
	# 6.12.117-1~deb12u1 -> 6.12.117: what the tarball's Makefile must say.
	upstream_version=${pkg_version%%-*}
fi

# --- lock ------------------------------------------------------------------

if [[ $existing == yes ]]; then
	mkdir -p -- "$meta"
	lock_tree "$meta/lock"
else
	mkdir -p -- "$(dirname -- "$tree")"
	lock_tree "$tree.lock"
fi

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

if [[ $existing == yes ]]; then
	version=$(tree_version "$tree")
	[[ -n $version ]] || die "--tree $tree: its Makefile has no VERSION"
	pkg_version="none (--tree)"
else
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
			die "$tree holds Linux '${version}', not $upstream_version from $SRC_PKG; remove it, pass another DIR, or use --tree $tree"
		fi
	fi
	[[ -d $tree/net && -d $tree/drivers && -f $tree/scripts/Makefile.build ]] ||
		die "$tree does not look like a complete kernel tree; remove it"
fi
mkdir -p -- "$meta"
log "Linux $version in $tree"

# --- configure + prepare ---------------------------------------------------

jobs=$(nproc)

# Whose .config is it?  A --tree checkout's own .config is kept; one this
# script generated (its sha256 recorded in $meta/generated-config) is
# regenerated when the fragments change.
config_sha() { sha256sum <"$tree/.config" | cut -d' ' -f1; }
if [[ $existing == yes && -f $tree/.config ]] &&
	! { [[ -f $meta/generated-config ]] && [[ $(<"$meta/generated-config") == "$(config_sha)" ]]; }; then
	config_mode=olddefconfig
else
	config_mode=allmodconfig
fi

# The settings to apply, merged into one file: with allmodconfig, ours then
# the user's; with the tree's own .config, only the user's (ours are
# checked below and reported, not imposed on a maintainer's configuration).
merged="$meta/fragments.config"
if [[ $config_mode == allmodconfig ]]; then
	python3 "$scripts/kconfig-fragments.py" merge "$tree" "$DEFAULT_FRAGMENT" \
		"${fragments[@]}" >"$merged.tmp" || die "cannot merge the configuration fragments"
else
	: >"$meta/empty.config"
	python3 "$scripts/kconfig-fragments.py" merge "$tree" "$meta/empty.config" \
		"${fragments[@]}" >"$merged.tmp" || die "cannot merge the configuration fragments"
fi
mv -- "$merged.tmp" "$merged"

# Everything the configuration depends on: the settings requested (not
# where their files are, so that every checkout of this repository shares a
# tree) and the toolchain, which Kconfig probes (scripts/Kconfig.include:
# cc/ld versions, pahole for DEBUG_INFO_BTF, rustc/bindgen for RUST).
config_key() {
	local tool
	printf 'format=%s\nkernel=%s\npackage=%s\nconfig=%s\nvars=%s\nfragments=%s\n' \
		"$STAMP_FORMAT" "$version" "$pkg_version" "$config_mode" "${MAKE_VARS[*]}" \
		"$(grep -v '^# from ' "$merged" | sha256sum | cut -d' ' -f1)"
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
	current="$key"$'\n'"dotconfig=$(config_sha)"
fi
if [[ -n $current && -f $stamp && $(<"$stamp") == "$current" ]]; then
	log "tree already configured ($config_mode, ${MAKE_VARS[*]}) and prepared"
else
	rm -f -- "$stamp"
	if [[ $config_mode == allmodconfig ]]; then
		rm -f -- "$meta/generated-config"
		log "configuring: make ${MAKE_VARS[*]} allmodconfig with KCONFIG_ALLCONFIG=$merged"
		KCONFIG_ALLCONFIG=$merged kmake "$meta/config.log" allmodconfig
		config_sha >"$meta/generated-config"
	else
		if [[ -s $merged ]]; then
			# Named by content, so a rerun never overwrites the original.
			saved="$meta/config.before-fragments.$(config_sha | cut -c1-12)"
			cp -- "$tree/.config" "$saved"
			log "merging ${fragments[*]} into $tree/.config (previous one saved as $saved)"
			python3 "$scripts/kconfig-fragments.py" apply "$merged" "$tree/.config" ||
				die "cannot merge the fragments into $tree/.config"
		fi
		log "configuring: make ${MAKE_VARS[*]} olddefconfig (keeping $tree/.config)"
		kmake "$meta/config.log" olddefconfig
	fi
	python3 "$scripts/kconfig-fragments.py" check "$merged" "$tree/.config" ||
		die "the configuration does not have the requested settings (see above)"
	log "preparing: make ${MAKE_VARS[*]} -j$jobs prepare"
	kmake "$meta/prepare.log" -j"$jobs" prepare
	printf '%s\ndotconfig=%s\n' "$key" "$(config_sha)" >"$stamp.tmp"
	mv -- "$stamp.tmp" "$stamp"
fi
if [[ $config_mode == olddefconfig ]]; then
	# What the tree's own configuration hides of the code the migration is
	# about (said, not fixed: --config-fragment scripts/linux-tree.config).
	python3 "$scripts/kconfig-fragments.py" merge "$tree" "$DEFAULT_FRAGMENT" \
		>"$meta/default.config" || die "cannot read $DEFAULT_FRAGMENT"
	if ! python3 "$scripts/kconfig-fragments.py" check "$meta/default.config" "$tree/.config"; then
		log "warning: code behind these options is not in the database; add --config-fragment $DEFAULT_FRAGMENT to compile it"
	fi
fi

# --- which files does Kbuild compile? ----------------------------------------

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

# probe LOG FILE...: sets built[] to the FILEs Kbuild compiles and
# not_built[FILE] to why each other one is not.
declare -a built
declare -A not_built
probe() {
	local out=$1 stem kind f why
	shift
	local -A verdict=()
	built=()
	not_built=()
	kmake "$out" -j"$jobs" --eval="$probe_rule" "${@/%.c/.sockopt-probe.i}"
	while read -r _ stem kind; do
		verdict["$stem.c"]=$kind
	done < <(grep '^sockopt-probe: ' "$out")
	for f in "$@"; do
		case "${verdict[$f]:-}" in
		module | builtin) built+=("$f") ;;
		none)
			# The Makefile line that decides, with its option's value,
			# when one names an option.
			why=$(python3 "$scripts/kbuild-option.py" "$tree" "$f")
			not_built[$f]=${why:-"no obj-y/obj-m object in this configuration: option off, other architecture, or not a Kbuild object"}
			;;
		unlinked) not_built[$f]="obj-y of a directory only linked as a module" ;;
		*) die "Kbuild gave no verdict for $f (see $out)" ;;
		esac
	done
}

scan_dirs=()
for d in "${SCAN_DIRS[@]}"; do
	[[ ! -d $tree/$d ]] || scan_dirs+=("$d")
done
log "looking for .c files under ${scan_dirs[*]} that mention $PATTERN"
candidates=()
while IFS= read -r f; do
	candidates+=("$f")
done < <(cd "$tree" && { grep -rl --include='*.c' -e "$PATTERN" -- "${scan_dirs[@]}" || true; } | sort)
((${#candidates[@]})) || die "no .c file under ${scan_dirs[*]} mentions $PATTERN"
log "${#candidates[@]} candidate files; asking Kbuild which are built in this configuration"
probe "$meta/probe.log" "${candidates[@]}"
((${#built[@]})) || die "none of the candidates is built in this configuration"
compiled=("${built[@]}")
log "${#built[@]} built, ${#not_built[@]} not built in this configuration"
for f in "${candidates[@]}"; do
	[[ -z ${not_built[$f]:-} ]] || log "  skipped: $f (${not_built[$f]})"
done

# --- record the flags --------------------------------------------------------

# Preprocess the built files with Kbuild's own rule (scripts/Makefile.build:
# "cmd_cpp_i_c = $(CPP) $(c_flags) -o $@ $<", CPP = $(CC) -E): c_flags is the
# very variable cmd_cc_o_c uses for x.o (per-directory ccflags-y, inherited
# subdir-ccflags-y, CFLAGS_x.o, -DMODULE, -DKBUILD_MODNAME, ...), and
# if_changed_dep saves the command in dir/.x.i.cmd, from which
# scripts/compile-db.py derives x.o's command.  The only Makefiles that set
# target-specific variables on a .o are in arch/arm64, arch/powerpc and
# arch/riscv (OBJCOPYFLAGS, powerpc boot -mcpu; checked for 6.12.117, and the
# result was compared with the .x.o.cmd of real "make x.o" builds), so on
# x86_64 x.i and x.o get the same c_flags, wherever the chains lead.
#
# The preprocessed output itself is not needed (~400 MB).  Truncate rather
# than delete it: the empty x.i stays newer than its prerequisites and
# matches the saved command, so Kbuild's if_changed_dep leaves it alone on the
# next run (which stays fast) and redoes it only if a header, the config or
# the flags change.
record_flags() {
	local f
	log "recording Kbuild's flags for $# files (make -j$jobs <file>.i)"
	kmake "$meta/preprocess.log" -j"$jobs" "${@/%.c/.i}"
	for f in "$@"; do
		: >"$tree/${f%.c}.i"
	done
}

# write_database: compile_commands.json for compiled[], replaced atomically.
write_database() {
	local dbtmp
	dbtmp=$(mktemp -- "$tree/.compile_commands.json.XXXXXX")
	cleanup_paths+=("$dbtmp")
	python3 "$scripts/compile-db.py" "$tree" "$dbtmp" "${compiled[@]}" ||
		die "could not write compile_commands.json"
	chmod 644 -- "$dbtmp"
	mv -- "$dbtmp" "$tree/compile_commands.json"
	log "wrote $tree/compile_commands.json (${#compiled[@]} entries)"
}

# --- the files the tool's chains reach ---------------------------------------

# The tool follows optval/optlen from a getsockopt implementation into the
# functions it is handed to; `scan --list-undefined` names those that no
# translation unit of the database defines.  Their .c files are found by
# scripts/find-definitions.py, filtered by Kbuild as above, and added, until
# a round adds nothing: a name no .c file defines is a header's static inline
# stub or a macro, a file Kbuild does not build is configured out.
# follow_chains: sets added[] to the files it adds to compiled[].
follow_chains() {
	local -A asked=() why=()
	local round=0 toollog names name file definitions new files
	added=()
	while :; do
		round=$((round + 1))
		toollog="$meta/list-undefined.$round.log"
		names=$("$tool" scan -p "$tree" --list-undefined 2>"$toollog") || {
			tail -n 20 -- "$toollog" >&2
			die "$tool scan -p $tree --list-undefined failed (full log: $toollog)"
		}
		new=()
		for name in $names; do
			[[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] ||
				die "$tool --list-undefined printed '$name', not a function name"
			[[ -n ${asked[$name]:-} ]] || new+=("$name")
			asked[$name]=1
		done
		if ((${#new[@]} == 0)); then
			log "round $round: nothing new; every other function the getsockopt chains reach is accounted for above"
			break
		fi
		log "round $round: the tool asks where ${#new[@]} functions are defined: ${new[*]}"

		definitions=$(python3 "$scripts/find-definitions.py" "$tree" "${new[@]}") ||
			die "could not search $tree for the definitions"
		declare -A defined_in=()
		files=()
		while read -r name file; do
			[[ -n $name ]] || continue
			defined_in[$name]+=" $file"
			[[ " ${compiled[*]} ${files[*]} " == *" $file "* ]] || files+=("$file")
		done <<<"$definitions"
		built=()
		not_built=()
		if ((${#files[@]})); then
			probe "$meta/probe.$round.log" "${files[@]}"
		fi
		for name in "${new[@]}"; do
			if [[ -z ${defined_in[$name]:-} ]]; then
				log "  $name: not defined at the start of a line in any .c file (a header's static inline, a macro, or a macro-generated definition)"
				why[$name]="with no definition in a .c file"
				continue
			fi
			why[$name]="defined only in files not built"
			for file in ${defined_in[$name]}; do
				if [[ -n ${not_built[$file]:-} ]]; then
					log "  $name: defined in $file, not built in this configuration (${not_built[$file]})"
				elif [[ " ${built[*]} " == *" $file "* ]]; then
					log "  $name: defined in $file, added"
					why[$name]="defined under an #if not compiled"
				else
					log "  $name: defined in $file, already in the database (under an #if this configuration does not compile, or static there)"
					why[$name]="defined under an #if not compiled"
				fi
			done
		done
		unset defined_in
		if ((${#built[@]} == 0)); then
			log "round $round: no file to add"
			break
		fi
		log "round $round: adding ${#built[@]} files: ${built[*]}"
		record_flags "${built[@]}"
		compiled+=("${built[@]}")
		added+=("${built[@]}")
		write_database
	done
	# What the tool still lacks on the final database, and why.  A name
	# whose file was added but which stays undefined is defined there
	# under an #if this configuration does not compile.
	local -A count=()
	local reason
	for name in $names; do
		reason=${why[$name]}
		count[$reason]=$((${count[$reason]:-0} + 1))
		if [[ $reason == "defined under an #if not compiled" ]]; then
			log "  $name: still undefined with its file in the database: its definition is under an #if this configuration does not compile"
		fi
	done
	local summary=()
	for reason in "with no definition in a .c file" "defined only in files not built" "defined under an #if not compiled"; do
		summary+=("${count[$reason]:-0} $reason")
	done
	log "$(wc -w <<<"$names") functions stay undefined: $(printf '%s, ' "${summary[@]}" | sed 's/, $//')"
}

# The sources of a tree this script unpacked do not change, so the rounds
# only need redoing when the tool, the configuration (the stamp) or the
# files Kbuild builds do; a --tree checkout is asked every time.
chains="$meta/chains"
chains_key="tool=$(sha256sum <"$tool" | cut -d' ' -f1) prepared=$(sha256sum <"$stamp" | cut -d' ' -f1) files=$(printf '%s\n' "${compiled[@]}" | sha256sum | cut -d' ' -f1)"
if [[ $existing == no && -f $chains && $(sed -n 1p "$chains") == "$chains_key" ]]; then
	mapfile -t added < <(sed 1d "$chains")
	log "same tool and configuration as the last run: with its ${#added[@]} files for the getsockopt chains"
	compiled+=("${added[@]}")
	record_flags "${compiled[@]}"
	write_database
else
	rm -f -- "$chains"
	record_flags "${compiled[@]}"
	write_database
	follow_chains
	printf '%s\n' "$chains_key" "${added[@]}" >"$chains.tmp"
	mv -- "$chains.tmp" "$chains"
fi
log "${#added[@]} files added for the getsockopt chains: ${added[*]:-none}"

# The target of the rewrite is the tree's own getsockopt_iter API
# (include/linux/net.h: sockopt_t and the struct proto_ops member); a stable
# branch from before it can be scanned but not rewritten.
if [[ -f $tree/include/linux/net.h ]] &&
	! grep -Eq '\([[:space:]]*\*[[:space:]]*getsockopt_iter[[:space:]]*\)' "$tree/include/linux/net.h"; then
	log "warning: include/linux/net.h declares no getsockopt_iter member: this tree lacks the getsockopt_iter API; scan works, check does not apply legacy-getsockopt, and rewrite refuses the tree until the API is there"
fi

printf '%s\n' "$tree"
