#!/bin/sh
# A sockopt-migrate that fails as on a setup error.
echo "sockopt-migrate: error: cannot load compile_commands.json" >&2
exit 2
