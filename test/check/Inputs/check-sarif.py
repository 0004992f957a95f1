#!/usr/bin/env python3
"""check-sarif.py FILE: structural checks of a SARIF 2.1.0 log as check
writes it (version, driver rules, repo-relative URIs, regions, fingerprints),
then prints one line per result: ruleId uri line fingerprint, the rules,
and, when the invocation failed, one line per error notification."""
import json
import sys

log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0", log["version"]
run = log["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "sockopt-migrate"
ids = [r["id"] for r in driver["rules"]]
for r in driver["rules"]:
    assert r["shortDescription"]["text"], r
assert run["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file:///")
for res in run["results"]:
    assert res["ruleId"] in ids and ids[res["ruleIndex"]] == res["ruleId"], res
    loc = res["locations"][0]["physicalLocation"]
    uri = loc["artifactLocation"]["uri"]
    assert not uri.startswith("/") and loc["artifactLocation"]["uriBaseId"] == "SRCROOT", uri
    assert loc["region"]["startLine"] >= 1
    print(res["ruleId"], uri, loc["region"]["startLine"], res["partialFingerprints"]["sockoptMigrate/v1"])
print("rules:", " ".join(ids))
invocation = run["invocations"][0]
for n in invocation.get("toolExecutionNotifications", []):
    uri = n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    print(n["level"], uri, n["message"]["text"])
assert invocation["executionSuccessful"] == ("toolExecutionNotifications" not in invocation)
