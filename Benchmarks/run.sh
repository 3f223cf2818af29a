#!/usr/bin/env bash
# Regenerates Benchmarks/RESULTS.md: walkshed-bench on the sample and the shared extracts,
# then W1 with scipy on Porto (answers checked first), in a venv of its own.
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
swift build -c release >&2
.build/release/walkshed-bench --runs "$runs" > "$work/walkshed.jsonl"

: > "$work/peers.jsonl"
if [ -f "$shared/porto.osm.pbf" ]; then
    [ -x Peers/.venv/bin/python ] || { python3 -m venv Peers/.venv && Peers/.venv/bin/pip install -q numpy scipy >&2; }
    ../.build/release/walkshed export "$shared/porto.osm.pbf" --neutral "$work/porto" --quiet >&2
    Peers/.venv/bin/python Peers/w1_peers.py "$work/porto" --runs "$runs" >> "$work/peers.jsonl"
fi
python3 Peers/results_table.py "$work/walkshed.jsonl" "$work/peers.jsonl" "$runs" > RESULTS.md
cat RESULTS.md
