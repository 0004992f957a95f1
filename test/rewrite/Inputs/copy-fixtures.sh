#!/bin/sh
# copy-fixtures.sh FIXTURES FIXTURES_DB DEST: a private copy of the fixture
# tree in DEST/tree with its compilation database in DEST/db.
set -eu
rm -rf "$3"
mkdir -p "$3/db"
cp -r "$1" "$3/tree"
sed "s|$1|$3/tree|g" "$2/compile_commands.json" > "$3/db/compile_commands.json"
