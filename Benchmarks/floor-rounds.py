#!/usr/bin/env python3
"""Reading to a graph against the inflate floor at the same moment: rounds of the two-thread
inflate floor (../shared/tools/pbf-inflate-floor.py) followed by `walkshed info --quiet` of each
binary given, all on one PBF, so that every ratio is taken against a floor of its own moment (the
shared machine's speed moves by half from one hour to the next). Prints one line per round, then
the medians: floor, each binary's seconds and peak RSS, its ratio of medians and its median of
per-round ratios.

Usage: floor-rounds.py PBF FLOOR_SCRIPT ROUNDS WALKSHED [WALKSHED ...]
Example: floor-rounds.py ~/.cache/walkshed-bench/monaco-tiled-12.osm.pbf \
             ../shared/tools/pbf-inflate-floor.py 8 /tmp/walkshed-old .build/release/walkshed
"""
import statistics, subprocess, sys

pbf, floor_script, rounds, binaries = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]


def floor_seconds():
    text = subprocess.run([sys.executable, floor_script, pbf, "2"], check=True, capture_output=True, text=True).stdout
    return float(text.split()[0])


def info(binary):
    wrapper = [sys.executable, "-c",
               "import resource,subprocess,sys,time;t=time.time();subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
               "print(time.time()-t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)", binary, "info", pbf, "--quiet"]
    # Timed inside the wrapper, around the child alone.
    seconds, peak = subprocess.run(wrapper, check=True, capture_output=True, text=True).stdout.split()
    return float(seconds), int(peak) / 1024


floors, seconds, peaks = [], {b: [] for b in binaries}, {b: [] for b in binaries}
for r in range(rounds):
    floors.append(floor_seconds())
    line = [f"round {r + 1}: floor {floors[-1]:.2f} s"]
    for b in binaries:
        s, m = info(b)
        seconds[b].append(s)
        peaks[b].append(m)
        line.append(f"{b} {s:.2f} s ({s / floors[-1]:.2f} x)")
    print(", ".join(line), flush=True)
floor = statistics.median(floors)
print(f"floor: median {floor:.2f} s ({min(floors):.2f}-{max(floors):.2f})")
for b in binaries:
    median = statistics.median(seconds[b])
    per_round = statistics.median(s / f for s, f in zip(seconds[b], floors))
    print(f"{b}: median {median:.2f} s ({min(seconds[b]):.2f}-{max(seconds[b]):.2f}), {statistics.median(peaks[b]):.0f} MiB, "
          f"{median / floor:.2f} x the median floor, per-round ratios median {per_round:.2f} "
          f"({min(s / f for s, f in zip(seconds[b], floors)):.2f}-{max(s / f for s, f in zip(seconds[b], floors)):.2f})")
