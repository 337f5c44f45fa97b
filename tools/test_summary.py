#!/usr/bin/env python3
"""Prints "N passed, N failed" for one `bazel test` invocation.

Reads the build event JSON file of the invocation to learn which test targets
ran and how each ended, then counts test cases in each target's test.xml
(gtest writes one <testcase> per case; a shell test counts as one). A target
that failed without cases (build failure, crash, timeout) counts as one
failure. Exits 1 when anything failed.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET


def target_results(bep_path):
    results = {}
    with open(bep_path) as f:
        for line in f:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            ident = event.get("id", {})
            if "testSummary" in ident:
                label = ident["testSummary"]["label"]
                results[label] = event.get("testSummary", {}).get("overallStatus", "FAILED")
            elif "targetCompleted" in ident and not event.get("completed", {}).get("success", True):
                label = ident["targetCompleted"]["label"]
                results.setdefault(label, "FAILED_TO_BUILD")
            elif "testResult" in ident and ident["testResult"]["label"] not in results:
                results.setdefault(ident["testResult"]["label"], None)
    return results


def count_cases(xml_path):
    passed = failed = 0
    root = ET.parse(xml_path).getroot()
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.get("status", "run") == "notrun" or case.find("skipped") is not None:
            continue
        else:
            passed += 1
    return passed, failed


def main():
    bep_path, root = sys.argv[1], sys.argv[2]
    testlogs = os.path.join(root, "bazel-testlogs")
    passed = failed = 0
    failed_targets = []
    for label, status in sorted(target_results(bep_path).items()):
        rel = label.lstrip("/").lstrip("@").replace(":", "/")
        xml_path = os.path.join(testlogs, rel, "test.xml")
        p = f = 0
        if status not in (None, "FAILED_TO_BUILD") and os.path.exists(xml_path):
            try:
                p, f = count_cases(xml_path)
            except ET.ParseError:
                pass
        ok = status == "PASSED"
        if not ok and f == 0:
            f = 1  # the target failed as a whole (build, crash, timeout)
        if ok and p == 0 and f == 0:
            p = 1
        passed += p
        failed += f
        if not ok:
            failed_targets.append("%s (%s)" % (label, status))
    for t in failed_targets:
        print("failed: " + t)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
