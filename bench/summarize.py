#!/usr/bin/env python3
"""Prints bench/run.sh's results as ratios to the parse floor, with the targets.

Usage: summarize.py OUT_DIR (the folder run.sh wrote hyperfine's JSON into).
"""
import json
import os
import platform
import subprocess
import sys

out = sys.argv[1]


def load(name):
    path = os.path.join(out, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def cpu(r):
    return r["user"] + r["system"]


def fmt(r):
    return "%8.1f ms ± %5.1f (min %7.1f)   cpu %7.1f ms" % (
        r["mean"] * 1e3, r["stddev"] * 1e3, r["min"] * 1e3, cpu(r) * 1e3)


def machine():
    model = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = "%.0f GiB" % (int(line.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    load = os.getloadavg()
    return "%s, %d cores, %s RAM, Linux %s; load average at the end %.2f %.2f %.2f" % (
        model, os.cpu_count(), mem, platform.release(), *load)


rows = []


def ratio(label, num, den, target):
    """Adds a row: mean ratio, min ratio, the target and whether the min ratio meets it."""
    if num is None or den is None:
        return
    mean = num["mean"] / den["mean"]
    best = num["min"] / den["min"]
    cpus = cpu(num) / cpu(den)
    verdict = "" if target is None else ("ok" if best <= target else "MISSED")
    rows.append((label, mean, best, cpus, "" if target is None else "<= %.1fx" % target, verdict))


print("credlint benchmark —", machine())
try:
    version = subprocess.run(["git", "-C", os.path.dirname(out), "log", "-1", "--format=%h %s"],
                             capture_output=True, text=True).stdout.strip()
    print("commit:", version)
except OSError:
    pass
print()

files = load("files-10000")
full = load("full-1000")
one = load("one-file")
scaling = load("scaling")
large_floor = load("floor-100000")

for title, group in [("10,000 mixed files", files), ("1,000 fully populated files", full),
                     ("one file", one), ("scaling", scaling), ("100,000 files floor", large_floor)]:
    if not group:
        continue
    print(title)
    for name, r in group.items():
        print("  %-14s %s" % (name, fmt(r)))
print()

if files:
    ratio("10,000 files vs 2-thread floor", files["credlint"], files["floor-2t"], 1.5)
    ratio("10,000 files, 1 thread each", files["credlint-1t"], files["floor-1t"], None)
    ratio("rayon speed-up (1t / 2t)", files["credlint-1t"], files["credlint"], None)
if full:
    ratio("1,000 full files vs 2-thread floor", full["credlint"], full["floor-2t"], None)
if one:
    ratio("one file vs 1-thread floor", one["credlint"], one["floor-1t"], 3.0)
if scaling and large_floor and "files-100000" in scaling:
    ratio("100,000 files vs 2-thread floor", scaling["files-100000"], large_floor["floor-2t"], None)

print("%-38s %9s %9s %9s %9s %s" % ("ratio (credlint / floor), wall time", "mean", "min", "cpu", "target", ""))
for label, mean, best, cpus, target, verdict in rows:
    print("%-38s %8.2fx %8.2fx %8.2fx %9s %s" % (label, mean, best, cpus, target, verdict))
print("(verdict on the min ratio, the least disturbed by other load; cpu = user + system time)")
print()

if scaling:
    print("linearity (time per file; the 1,000-file run includes start-up)")
    base = None
    for name, r in scaling.items():
        n = int(name.split("-")[1])
        per = r["mean"] / n * 1e6
        base = base or per
        print("  %-14s %7.1f µs/file  (%.2fx the 1,000-file cost per file)" % (name, per, per / base))
    if one:
        startup = one["credlint"]["mean"]
        print("  marginal cost per file, start-up (%.1f ms, the one-file run) removed:" % (startup * 1e3))
        for name, r in scaling.items():
            n = int(name.split("-")[1])
            print("    %-12s %7.1f µs/file" % (name, (r["mean"] - startup) / n * 1e6))
    print()

mem_path = os.path.join(out, "memory.txt")
if os.path.exists(mem_path):
    print("peak resident memory (/usr/bin/time -v, largest of 3)")
    for line in open(mem_path):
        label, kb = line.split()
        target = "  target < 30 MB: %s" % ("ok" if int(kb) < 30 * 1024 else "MISSED") if label == "credlint-10000" else ""
        print("  %-16s %7.1f MB%s" % (label, int(kb) / 1024, target))
    print()

report = os.path.join(out, "credlint-10000.json")
if os.path.exists(report):
    with open(report) as f:
        s = json.load(f)["summary"]
    print("credlint on 10,000 files: %d files, %d skipped, %d errors, %d warnings, %d infos"
          % (s["files"], s["skipped"], s["errors"], s["warnings"], s["infos"]))
floor = os.path.join(out, "floor-10000.txt")
if os.path.exists(floor):
    print("parse floor on 10,000 files:", open(floor).read().strip())
