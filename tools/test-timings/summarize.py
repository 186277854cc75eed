#!/usr/bin/env python3
"""Prints how long each test project and the slowest test classes took, from the TRX files `dotnet test --logger trx`
wrote (./test.sh asks for them in TestResults/). Usage: summarize.py [folder] [how many classes]."""
import glob
from datetime import datetime
import os
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def seconds(duration):
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "TestResults"
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    by_class = defaultdict(float)
    by_project = {}
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.trx"), recursive=True)):
        root = ET.parse(path).getroot()
        classes = {d.get("id"): d.find("t:TestMethod", NS).get("className") for d in root.iterfind("t:TestDefinitions/t:UnitTest", NS)}
        times = root.find("t:Times", NS)
        for result in root.iterfind("t:Results/t:UnitTestResult", NS):
            by_class[classes.get(result.get("testId"), "?")] += seconds(result.get("duration", "0:0:0"))
        storage = next(iter(root.iterfind("t:TestDefinitions/t:UnitTest", NS)), None)
        if storage is None:
            continue  # a project none of whose tests ran (a filter)
        name = os.path.basename(storage.get("storage"))
        if times is not None and times.get("start") and times.get("finish"):
            start = datetime.fromisoformat(times.get("start"))
            finish = datetime.fromisoformat(times.get("finish"))
            by_project[name] = (finish - start).total_seconds()
    if not by_class:
        print(f"No test results in {folder}.")
        return
    print("Wall time per test project (dotnet test runs them one after another):")
    for name, took in sorted(by_project.items(), key=lambda p: -p[1]):
        print(f"  {took:7.1f} s  {name}")
    print(f"Slowest {top} test classes (summed test time; tests of a class may run in parallel):")
    for name, took in sorted(by_class.items(), key=lambda c: -c[1])[:top]:
        print(f"  {took:7.1f} s  {name}")


if __name__ == "__main__":
    main()
