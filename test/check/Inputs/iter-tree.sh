#!/bin/sh
# iter-tree.sh FIXTURES INPUTS DEST: the fixture headers with the iterator
# misuse protocol in DEST/tree, its database in DEST/db.
set -eu
rm -rf "$3"
mkdir -p "$3/db" "$3/tree/net"
cp -r "$1/include" "$3/tree/"
cp -r "$2/iter/net/itermisuse" "$3/tree/net/"
printf '[{"directory": "%s", "file": "%s/net/itermisuse/itermisuse.c", "arguments": ["clang-19", "-nostdinc", "-Iinclude", "-D__KERNEL__", "-include", "include/linux/kconfig.h", "-std=gnu11", "-c", "net/itermisuse/itermisuse.c"]}]\n' \
	"$3/tree" "$3/tree" > "$3/db/compile_commands.json"
