#!/usr/bin/env python3
"""The `walkshed serve` section of RESULTS.md from serve-edits.py's JSON lines (stdin)."""
import json, sys

rows = [json.loads(line) for line in sys.stdin if line.startswith("{")]
print("## walkshed serve: one edit, measured at the server\n")
print("Medians of N edits in one session (each a new request; the session holds all earlier edits, as a")
print("planner's does), then N undos; the server's own per-request time (its log line), release build,")
print("2 threads. `Benchmarks/serve-edits.py <walkshed> <extract> [options] --edits N [--kind park|path]`.\n")
print("| input | edit | N | median s | min–max s | undo median s | nodes recomputed (last edit, all sets) | server peak RSS MiB | target |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    kind = "add a 0.8 ha park" if "park" in r["benchmark"] else "add a 400 m greenway path"
    target = 0.150 if r["input"].startswith("porto-alegre") else 1.5 if "1m" in r["input"] else None
    verdict = "—" if target is None else ("≤ %g s: %s" % (target, "met" if r["edit"]["median_s"] <= target else "NOT met"))
    name = r["input"] + (" + census population" if "--population" in r["options"] else "")
    print("| %s | %s | %d | %.3f | %.3f–%.3f | %.3f | %s | %.0f | %s |" % (
        name, kind, r["edits"], r["edit"]["median_s"], r["edit"]["min_s"], r["edit"]["max_s"], r["undo"]["median_s"],
        f'{r["recomputed_nodes_last_edit"]:,}', r["peak_rss_mib"], verdict))
print()
