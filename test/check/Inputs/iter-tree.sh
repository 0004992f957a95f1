#!/bin/sh
# iter-tree.sh FIXTURES INPUTS DEST [PROTOCOL]: the fixture headers with the
# protocol INPUTS/iter/net/PROTOCOL (default: itermisuse, the iterator misuse
# protocol) in DEST/tree, its database in DEST/db.
set -eu
proto=${4:-itermisuse}
rm -rf "$3"
mkdir -p "$3/db" "$3/tree/net"
cp -r "$1/include" "$3/tree/"
cp -r "$2/iter/net/$proto" "$3/tree/net/"
printf '[{"directory": "%s", "file": "%s/net/%s/%s.c", "arguments": ["clang-19", "-nostdinc", "-Iinclude", "-D__KERNEL__", "-include", "include/linux/kconfig.h", "-std=gnu11", "-c", "net/%s/%s.c"]}]\n' \
	"$3/tree" "$3/tree" "$proto" "$proto" "$proto" "$proto" > "$3/db/compile_commands.json"
