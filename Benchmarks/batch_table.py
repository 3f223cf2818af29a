#!/usr/bin/env python3
"""Markdown for RESULTS.md from batch-cities.py's JSON lines (stdin): the timing of one and two
shards, and the merged cross-city table (a selection of merged.csv's columns)."""
import csv, io, json, sys

lines = [json.loads(l) for l in sys.stdin if l.startswith("{")]
runs = [l for l in lines if l.get("benchmark") == "walkshed batch"]
table = next(l for l in lines if "merged_csv" in l)
print("\n## walkshed batch: the shared extracts × walk and wheelchair\n")
first = runs[0]
print(f"{first['studies']} extracts (every shared one Walkshed reads; `west-oakland.osm.bz2` is bzip2 and is not read) × walk and")
print("wheelchair = %d units; residents from residential buildings, except Porto Alegre and São Paulo (census" % first["units"])
print("hexagons, with their GTFS feeds); 100 m cells, a 15-minute budget, the standard indicators per unit. Each run in a")
print("fresh folder, release build, wall time until the last shard ends; median of %d runs. The merged tables of one and two" % first["runs"])
print("shards were checked byte-identical. `Benchmarks/batch-cities.py <walkshed> ../shared/data --runs N`.\n")
print("| layout | threads per shard | median s | min–max s | peak RSS MiB (largest shard) |")
print("|---|---|---|---|---|")
for r in runs:
    layout = "one shard" if r["shards"] == 1 else f"{r['shards']} concurrent shards"
    print(f"| {layout} | {r['threads_per_shard']} | {r['median_seconds']:.2f} | {r['min_seconds']:.2f}–{r['max_seconds']:.2f} | {r['peak_rss_mib']:.0f} |")
if len(runs) == 2:
    print(f"\nTwo shards / one shard: {runs[1]['median_seconds'] / runs[0]['median_seconds']:.2f} of the wall time.\n")
print("Merged table (baselines; shares of residents within 15 minutes, population-weighted medians in minutes; all of it in `merged.csv`):\n")
rows = list(csv.DictReader(io.StringIO(table["merged_csv"])))
def pct(v): return "" if v == "" else f"{100 * float(v):.1f} %"
print("| study | profile | residents | park | food | healthcare | education | transit | all kinds | median all kinds | cells, all kinds | SDG 11.7.1 | F15 |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    if r["scenario"] != "baseline":
        continue
    print(f"| {r['study']} | {r['profile']} | {float(r['residents']):,.0f} | {pct(r['resident_share_park_minutes'])} | {pct(r['resident_share_food_minutes'])} | "
          f"{pct(r['resident_share_healthcare_minutes'])} | {pct(r['resident_share_education_minutes'])} | {pct(r['resident_share_transit_minutes'])} | "
          f"{pct(r['resident_share_all_kinds_minutes'])} | {r['median_all_kinds_minutes'] or '–'} | {pct(r['cell_share_all_kinds_minutes'])} | "
          f"{pct(r.get('sdg_11_7_1', ''))} | {pct(r.get('f15', ''))} |")
