"""Rewrites the benchmark block of README.md (between its bench-table markers) from the JSON
lines of one run.sh run and the targets table of the RESULTS.md that run just wrote.

Usage: readme_table.py WALKSHED_JSONL PEERS_JSONL MEMORY_JSONL RESULTS_MD README_MD
"""
import json, os, sys

walkshed_path, peers_path, memory_path, results_path, readme_path = sys.argv[1:6]
walkshed = [json.loads(l) for l in open(walkshed_path) if l.strip()]
peers = [json.loads(l) for l in open(peers_path) if l.strip()]
memory = [json.loads(l) for l in open(memory_path) if l.strip()]
START, END = "<!-- bench-table:start (Benchmarks/run.sh writes this block) -->", "<!-- bench-table:end -->"


def median(name, bench, threads):
    return next((r["median_s"] for r in walkshed
                 if r["input"] == name and r["benchmark"] == bench and r["threads"] == threads), None)


def seconds(value, digits):
    return "—" if value is None else f"{value:.{digits}f} s"


def nodes(name):
    return next((r["nodes"] for r in walkshed if r["input"] == name), None)


lines = ["| input | work | Walkshed 1 thread | Walkshed 2 threads |", "|---|---|---|---|"]
porto = nodes("porto.osm.pbf")
if porto:
    lines.append(f"| Porto, {porto:,} nodes | read `porto.osm.pbf` to a ready graph | {seconds(median('porto.osm.pbf', 'read', 1), 3)} | — |")
    lines.append(f"| Porto | read `porto.wsn` (`walkshed import`) to a ready graph | {seconds(median('porto.wsn', 'read', 1), 3)} | — |")
    for bench, label in [("W1-no-cutoff", "W1, food + transit, no cutoff"), ("W2-counts-1200m", "W2, counts within 1,200 m")]:
        lines.append(f"| Porto | {label} | {seconds(median('porto.osm.pbf', bench, 1), 4)} | {seconds(median('porto.osm.pbf', bench, 2), 4)} |")
for name in ["generated-250k.wsn", "generated-1m.wsn", "generated-4m.wsn"]:
    n = nodes(name)
    if n is None:
        continue
    cells = []
    for threads in [1, 2]:
        w1, w2 = median(name, "W1-no-cutoff", threads), median(name, "W2-counts-1200m", threads)
        cells.append("—" if w1 is None or w2 is None else f"{w1:.3f} / {w2:.3f} s")
    once = " (one run each)" if name == "generated-4m.wsn" else ""
    lines.append(f"| generated, {n:,} nodes | W1, 5 kinds, no cutoff / W2{once} | {cells[0]} | {cells[1]} |")
for m in memory:
    n = nodes(m["input"])
    label = ("W1 + W2 in one process (one pool of workers): time / peak RSS" if m["benchmark"] == "W1+W2"
             else "`walkshed analyze` end to end (every grid, CSV and GeoJSON file): time / peak RSS")
    time = m.get("median_s", m.get("seconds"))
    lines.append(f"| generated, {n:,} nodes | {label} | — | {time:.2f} s / {m['peak_rss_mib']:.0f} MiB |")
lines += ["", "| peer on Porto (same graph and seeds) | work | peer | ratio peer ÷ Walkshed, 1 / 2 threads |", "|---|---|---|---|"]
for p in peers:
    one, two = median("porto.osm.pbf", p["benchmark"], 1), median("porto.osm.pbf", p["benchmark"], 2)
    if p["input"] != "porto" or one is None or two is None:
        continue
    if "differing_nodes" in p and p["benchmark"].startswith("W2"):
        differing = sum(p["differing_nodes"].values())
        flag = "" if differing == 0 else f" ({differing} nodes differ)"
    else:
        flag = "" if p.get("agrees", True) else f" ({p['max_abs_diff_m'] * 100:.1f} cm off)"
    once = ", one run" if p.get("runs", 5) < 3 else ""
    lines.append(f"| {p['peer']}{flag}{once} | {p['benchmark']} | {p['median_s']:.4f} s | "
                 f"{p['median_s'] / one:,.1f} / {p['median_s'] / two:,.1f} |")
results = open(results_path).read()
targets = results.split("## Issue 5 targets measured here\n", 1)
if len(targets) == 2:
    table = [l for l in targets[1].strip().splitlines() if l.startswith("|")]
    lines += ["", "Issue 5's targets, measured in that run:", ""] + table

readme = open(readme_path).read()
if START not in readme or END not in readme:
    sys.exit(f"readme_table.py: {readme_path} has no bench-table markers")
head, rest = readme.split(START, 1)
_, tail = rest.split(END, 1)
with open(readme_path + ".tmp", "w") as out:
    out.write(head + START + "\n" + "\n".join(lines) + "\n" + END + tail)
os.replace(readme_path + ".tmp", readme_path)
