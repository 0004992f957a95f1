#!/usr/bin/env python3
"""Validate a sockopt-migrate scan report against its JSON Schema.

usage: validate-report.py REPORT [SCHEMA]

REPORT is a JSON file written by `sockopt-migrate scan` ("-" reads stdin).
SCHEMA defaults to docs/report.schema.json of the repository holding this
script. Exits 0 silently when the report is valid; otherwise prints every
violation as "REPORT: PATH: MESSAGE" (PATH a JSON pointer into the report,
e.g. /implementations/3/verdict) on stderr and exits 1; a report that is not
JSON at all is invalid too (exit 1). Exits 2 on a usage error, when a file
cannot be read, or when the schema is not a valid JSON Schema.

Needs the python3 `jsonschema` module (Debian: python3-jsonschema).
"""
import json
import os
import sys

DEFAULT_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                              "docs", "report.schema.json")


def fail(message, status=2):
    print("validate-report: error: " + message, file=sys.stderr)
    sys.exit(status)


def load(path, what):
    try:
        if path == "-":
            return json.load(sys.stdin)
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        fail("cannot read %s %s: %s" % (what, path, e.strerror or e))
    except ValueError as e:
        fail("%s %s is not JSON: %s" % (what, path, e), status=1 if what == "report" else 2)


def pointer(parts):
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def main(argv):
    if len(argv) not in (2, 3) or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
        from jsonschema.validators import validator_for
    except ImportError:
        fail("the python3 jsonschema module is missing (Debian package python3-jsonschema)")

    report_path = argv[1]
    schema_path = argv[2] if len(argv) == 3 else os.path.normpath(DEFAULT_SCHEMA)
    schema = load(schema_path, "schema")
    report = load(report_path, "report")

    cls = validator_for(schema)
    try:
        cls.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        fail("%s is not a valid JSON Schema: %s" % (schema_path, e.message))
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)

    # In document order (array indices numerically), then by message, so that
    # the output does not depend on the order the schema is evaluated in.
    def key(error):
        path = tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in error.absolute_path)
        return (path, error.message)
    errors = sorted(validator.iter_errors(report), key=key)
    if not errors:
        return 0
    for error in errors:
        # For a failed oneOf/anyOf/if-then the most specific sub-error is the useful one.
        best = jsonschema.exceptions.best_match([error])
        message = best.message
        if len(message) > 300:  # the message quotes the whole offending value
            message = message[:200] + " ... " + message[-80:]
        print("%s: %s: %s" % (report_path, pointer(best.absolute_path), message),
              file=sys.stderr)
    print("%s: %d schema violation%s" % (report_path, len(errors), "" if len(errors) == 1 else "s"),
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
