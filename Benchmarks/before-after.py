#!/usr/bin/env python3
"""Two walkshed binaries on the same inputs, runs alternating (old, new, old, new, …) so that both
see the same moment of a shared machine: median wall seconds, peak RSS of the child, bytes written,
and the ratio new ÷ old. One JSON line per input.

Usage: before-after.py OLD_WALKSHED NEW_WALKSHED SHARED_DATA_DIR CACHE_DIR
Inputs: the 211 MB tiled Monaco PBF and the 4M-node city that real-size.py caches in CACHE_DIR
(run it first), and porto.osm.pbf from SHARED_DATA_DIR.
"""
import json, os, statistics, subprocess, sys

old, new, shared, cache = sys.argv[1:5]
cases = [("211 MB analyze", os.path.join(cache, "monaco-tiled-12.osm.pbf"), 3),
         ("porto analyze", os.path.join(shared, "porto.osm.pbf"), 5),
         ("4M city analyze", os.path.join(cache, "work", "generated-4m.wsn"), 1)]
out = os.path.join(cache, "work", "before-after")


def run(binary, path):
    subprocess.run(["rm", "-rf", out])
    wrapper = [sys.executable, "-c",
               "import resource,subprocess,sys,time;t=time.time();subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
               "print(time.time()-t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)", binary, "analyze", path, "--out", out, "--quiet"]
    # Timed inside the wrapper, around the child alone: not the wrapper's own start-up.
    child = subprocess.run(wrapper, check=True, capture_output=True, text=True)
    seconds, peak = child.stdout.split()
    written = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    return float(seconds), int(peak) / 1024, written


for name, path, runs in cases:
    if not os.path.exists(path):
        continue
    results = {"old": [], "new": []}
    for _ in range(runs):
        for label, binary in (("old", old), ("new", new)):
            results[label].append(run(binary, path))
    line = {"case": name, "runs": runs}
    for label in ("old", "new"):
        line[label] = {"median_seconds": round(statistics.median(r[0] for r in results[label]), 2),
                       "peak_rss_mib": round(max(r[1] for r in results[label])),
                       "written_mb": round(results[label][0][2] / 1e6, 1)}
    line["ratio_new_over_old"] = round(line["new"]["median_seconds"] / line["old"]["median_seconds"], 2)
    print(json.dumps(line), flush=True)
subprocess.run(["rm", "-rf", out])
