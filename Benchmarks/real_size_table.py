#!/usr/bin/env python3
"""Markdown for RESULTS.md from real-size.py's JSON lines (stdin), with issue 18's targets."""
import json, sys

rows = [json.loads(line) for line in sys.stdin if line.startswith("{")]
by = {(r["benchmark"], r["input"]): r for r in rows}
print("\n## Real-size extracts: a 211 MB PBF (144 copies of Monaco), Porto, the 4M-node city\n")
print("Fresh process per run, 2 threads, medians of %d runs (min–max); peak RSS of the process; "
      "bytes in the output folder. `Benchmarks/real-size.py` (run by `run.sh`) builds the input once with "
      "`../shared/tools/tile-extract.py ../shared/data/monaco.osm.pbf 12` (25.9 M nodes, 3.9 M ways, 30.5 k relations) "
      "and caches it in `~/.cache/walkshed-bench`.\n" % rows[0]["runs"])
print("| input | stage | seconds | range | peak RSS MiB | written MB |")
print("|---|---|---:|---|---:|---:|")
for r in rows:
    written = "%.1f" % (r["bytes_written"] / 1e6) if "bytes_written" in r else ""
    rss = "%.0f" % r["peak_rss_mib"] if "peak_rss_mib" in r else ""
    print("| %s | %s | %.2f | %.2f–%.2f | %s | %s |" % (r["input"], r["benchmark"], r["median_seconds"], r["min_seconds"],
                                                     r["max_seconds"], rss, written))
big = "monaco-tiled-12.osm.pbf"
floor = by.get(("inflate floor, 2 threads", big))
read = by.get(("read to graph (walkshed info)", big))
analyze = by.get(("analyze end to end from the PBF (default outputs)", big))
tif = by.get(("analyze end to end from the PBF (--format geotiff)", big))
porto = by.get(("analyze end to end (default outputs)", "porto.osm.pbf"))
city = by.get(("analyze end to end (default outputs)", "generated-4m.wsn"))
print("\nIssue 18's targets against this run:\n")
print("| target | measured | met |")
print("|---|---|---|")
def line(target, measured, ok):
    print("| %s | %s | %s |" % (target, measured, "yes" if ok else "no"))
if floor and read:
    ratio = read["median_seconds"] / floor["median_seconds"]
    # Rounds of floor then read: the median of the per-round ratios sets each read against its own moment's floor.
    per_round = read.get("floor_ratio_median")
    rounds = " (rounds: %s)" % ", ".join("%.2f" % x for x in read["floor_ratio_per_round"]) if per_round else ""
    line("read to a graph ≤ 2 × the two-thread inflate floor",
         "%.2f s = %.2f × %.2f s; median of per-round ratios %s%s" % (read["median_seconds"], ratio, floor["median_seconds"],
                                                                      "%.2f ×" % per_round if per_round else "n/a", rounds),
         ratio <= 2 and (per_round is None or per_round <= 2))
if analyze:
    line("analyze end to end ≤ 8 s", "%.2f s" % analyze["median_seconds"], analyze["median_seconds"] <= 8)
    line("peak RSS ≤ 400 MiB", "%.0f MiB" % analyze["peak_rss_mib"], analyze["peak_rss_mib"] <= 400)
    line("default outputs ≤ 40 MB", "%.1f MB (map.json.gz for the report included)" % (analyze["bytes_written"] / 1e6), analyze["bytes_written"] <= 40e6)
if tif:
    line("rasters alone (--format geotiff)", "%.1f MB" % (tif["bytes_written"] / 1e6), tif["bytes_written"] <= 40e6)
if porto:
    line("porto.osm.pbf analyze end to end ≤ 0.4 s", "%.2f s" % porto["median_seconds"], porto["median_seconds"] <= 0.4)
if city:
    line("4M-node city analyze end to end ≤ 15 s", "%.2f s" % city["median_seconds"], city["median_seconds"] <= 15)
