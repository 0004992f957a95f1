#!/bin/sh
# compile-all.sh TREE: every protocol source of a fixture tree compiles with
# clang-19 -Wall -Werror, with the flags of the fixture database.
set -eu
cd "$1"
for f in net/*/*.c; do
	clang-19 -fsyntax-only -Wall -Werror -nostdinc -Iinclude -D__KERNEL__ \
		-include include/linux/kconfig.h -std=gnu11 "$f"
done
echo "all compile"
