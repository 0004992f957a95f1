#!/bin/sh
# header-tree.sh FIXTURES INPUTS DEST: the fixture headers, with a sockopt_t
# helper added to <net/sock.h> (INPUTS/sock-helper.h), and four units made
# from INPUTS/iter/net/hdrhelper/hdrhelper_one.c in DEST/tree (four, so that
# they share a precompiled <net/sock.h>), their database in DEST/db.
set -eu
dest=$3
rm -rf "$3"
mkdir -p "$3/db" "$3/tree/net"
cp -r "$1/include" "$3/tree/"
cp -r "$2/iter/net/hdrhelper" "$3/tree/net/"
for n in two three four; do
	sed "s/hdrhelper_one/hdrhelper_$n/g" "$2/iter/net/hdrhelper/hdrhelper_one.c" \
		> "$3/tree/net/hdrhelper/hdrhelper_$n.c"
done
sock="$3/tree/include/net/sock.h"
sed -i "/^#endif.*_SOCK_H/e cat $2/sock-helper.h" "$sock"
entry() {
	printf '{"directory": "%s", "file": "%s/net/hdrhelper/%s.c", "arguments": ["clang-19", "-nostdinc", "-Iinclude", "-D__KERNEL__", "-include", "include/linux/kconfig.h", "-std=gnu11", "-c", "net/hdrhelper/%s.c"]}' \
		"$dest/tree" "$dest/tree" "$1" "$1"
}
printf '[%s, %s, %s, %s]\n' "$(entry hdrhelper_one)" "$(entry hdrhelper_two)" \
	"$(entry hdrhelper_three)" "$(entry hdrhelper_four)" > "$3/db/compile_commands.json"
