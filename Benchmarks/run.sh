#!/usr/bin/env bash
# Regenerates Benchmarks/RESULTS.md and the README's benchmark block: walkshed-bench on the sample, the shared extracts, Porto
# imported as .wsn and generated cities of 250k, 1M and 4M nodes, then the peers on Porto (W1: scipy, igraph, networkit,
# networkx, pandana; W2: scipy, pandana; W1 within 2,400 m and W2: cityseer, one run as it takes ~20 s), answers
# checked first, in a venv of its own.
# Usage: Benchmarks/run.sh [runs]   (default 5)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export PATH="$PATH:/opt/swift/usr/bin"
runs=${1:-5}
shared=$(cd .. && cd .. && pwd)/shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path .. >&2
rm -f .build/release.yaml   # SwiftPM does not notice new files in the path dependency; replan
swift build -c release >&2
# Generated cities (walkshed generate, deterministic) and Porto as a .wsn network file.
../.build/release/walkshed generate --nodes 250000 --seed 1 -o "$work/generated-250k.wsn" --quiet >&2
../.build/release/walkshed generate --nodes 1000000 --seed 1 -o "$work/generated-1m.wsn" --quiet >&2
../.build/release/walkshed generate --nodes 4000000 --seed 1 -o "$work/generated-4m.wsn" --quiet >&2
extra=("$work/generated-250k.wsn" "$work/generated-1m.wsn")
if [ -f "$shared/porto.osm.pbf" ]; then
    ../.build/release/walkshed import "$shared/porto.osm.pbf" -o "$work/porto.wsn" --quiet >&2
    extra=("$work/porto.wsn" "${extra[@]}")
fi
defaults=("../Networks/helsinki.osm.pbf")
for f in porto.osm.pbf oslo-east.osm.pbf porto-alegre.osm.pbf; do [ -f "$shared/$f" ] && defaults+=("$shared/$f"); done
# One fresh process per input, so one input's allocations do not shape the next one's timings
# (and each peak RSS is that input's own).
: > "$work/walkshed.jsonl"
for input in "${defaults[@]}" "${extra[@]}"; do
    .build/release/walkshed-bench --runs "$runs" --experiments "$input" >> "$work/walkshed.jsonl"
done
# The 4M-node city: W1 and W2 once each (after a warm-up), for time against size and threads.
.build/release/walkshed-bench --runs 1 --only W1-no-cutoff "$work/generated-4m.wsn" >> "$work/walkshed.jsonl"
.build/release/walkshed-bench --runs 1 --only W2 "$work/generated-4m.wsn" >> "$work/walkshed.jsonl"
# Memory of the 1M-node city in fresh processes: loading plus W1 + W2 (2 threads), and `walkshed analyze` end to end
# (then the 4M-node city end to end, once).
.build/release/walkshed-bench --runs "$runs" --threads 2 --only W1+W2 "$work/generated-1m.wsn" > "$work/memory.jsonl"
# `walkshed analyze` of a generated city end to end in a fresh process: wall time and peak RSS
# as one JSON line (its output folder removed after).
analyze_line() {
    python3 -c '
import json, resource, subprocess, sys, time
start = time.time()
subprocess.run(sys.argv[2:], check=True, stdout=subprocess.DEVNULL)
print(json.dumps({"benchmark": "walkshed analyze (default outputs: GeoTIFFs, map.json.gz)", "input": sys.argv[1],
                  "seconds": round(time.time() - start, 2),
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}))
' "$1.wsn" ../.build/release/walkshed analyze "$work/$1.wsn" --out "$work/analysis-$1" --quiet
    rm -rf "$work/analysis-$1"
}
analyze_line generated-1m >> "$work/memory.jsonl"
analyze_line generated-4m >> "$work/memory.jsonl"

: > "$work/peers.jsonl"
if [ -f "$shared/porto.osm.pbf" ]; then
    [ -x Peers/.venv/bin/python ] || { python3 -m venv Peers/.venv && Peers/.venv/bin/pip install -q numpy scipy igraph networkit networkx pandana cityseer >&2; }
    ../.build/release/walkshed export "$shared/porto.osm.pbf" --out "$work/porto" --quiet >&2
    # pandana prints its contraction-hierarchy progress on stdout: keep only the JSON lines.
    Peers/.venv/bin/python Peers/w1_peers.py "$work/porto" --runs "$runs" | grep "^{" >> "$work/peers.jsonl"
    Peers/.venv/bin/python Peers/w2_peers.py "$work/porto" --runs "$runs" | grep "^{" >> "$work/peers.jsonl"
    Peers/.venv/bin/python Peers/cityseer_peer.py "$work/porto" --runs 1 | grep "^{" >> "$work/peers.jsonl" || true
fi
# `walkshed serve`: edit latency at the server, 20 edits each (Porto Alegre with its census
# population, when present; the 1M-node city, parks and paths).
: > "$work/serve.jsonl"
if [ -f "$shared/porto-alegre.osm.pbf" ]; then
    python3 serve-edits.py ../.build/release/walkshed "$shared/porto-alegre.osm.pbf" --population "$shared/porto-alegre.hexgrid.csv" \
        --threads 2 --edits 20 >> "$work/serve.jsonl"
fi
python3 serve-edits.py ../.build/release/walkshed "$work/generated-1m.wsn" --threads 2 --edits 20 >> "$work/serve.jsonl"
python3 serve-edits.py ../.build/release/walkshed "$work/generated-1m.wsn" --threads 2 --edits 20 --kind path >> "$work/serve.jsonl"
# `walkshed batch`: the shared extracts × walk and wheelchair, one shard and two concurrent shards.
: > "$work/batch.jsonl"
if [ -d "$shared" ]; then
    python3 batch-cities.py ../.build/release/walkshed "$shared" --runs 3 >> "$work/batch.jsonl"
fi
# Real size: the 211 MB tiled Monaco PBF (built once, cached outside the repo), Porto and the 4M-node city end to end.
: > "$work/real-size.jsonl"
if [ -f "$shared/monaco.osm.pbf" ]; then
    python3 real-size.py ../.build/release/walkshed "$shared" "${XDG_CACHE_HOME:-$HOME/.cache}/walkshed-bench" --runs 3 >> "$work/real-size.jsonl"
fi
mkdir -p .last-run && cp "$work"/*.jsonl .last-run/   # kept (git-ignored) to redo the table without rerunning
python3 Peers/results_table.py "$work/walkshed.jsonl" "$work/peers.jsonl" "$runs" "$work/memory.jsonl" > RESULTS.md
python3 serve_table.py < "$work/serve.jsonl" >> RESULTS.md
[ -s "$work/batch.jsonl" ] && python3 batch_table.py < "$work/batch.jsonl" >> RESULTS.md
[ -s "$work/real-size.jsonl" ] && python3 real_size_table.py < "$work/real-size.jsonl" >> RESULTS.md
# The README's benchmark block (tables and targets), from the same run.
python3 Peers/readme_table.py "$work/walkshed.jsonl" "$work/peers.jsonl" "$work/memory.jsonl" RESULTS.md ../README.md
cat RESULTS.md
