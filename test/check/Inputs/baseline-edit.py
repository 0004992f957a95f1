"""baseline-edit.py FILE: edits itermisuse.c as a later commit would: two
lines of comment at the top move every finding down, the ignored copy is
reindented, and below it the function gains a second ignored copy, once
as a copy of that line and once as a new line."""
import sys

path = sys.argv[1]
lines = open(path).read().split("\n")
at = next(i for i, l in enumerate(lines) if l == "\t\tcopy_to_iter(&val, len, &opt->iter_out);")
lines[at] = "\t\t  copy_to_iter(&val, len, &opt->iter_out);"
lines[at + 1:at + 1] = ["\tcopy_to_iter(&val, len, &opt->iter_out);",
                        "\t\tcopy_to_iter(&val, 1, &opt->iter_out);"]
lines[1:1] = ["/* moved */", "/* down */"]
open(path, "w").write("\n".join(lines))
