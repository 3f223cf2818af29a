"""W1 with peer tools on exactly Walkshed's graph and seeds (from `walkshed export --neutral`).

For each kind, every node's distance to the nearest seed, where a seed is a node plus an offset
in metres. Each peer builds the same graph plus one super-source per kind joined to its seeds
by the offsets, checks that its distances agree with Walkshed's answers-w1.csv within 1 cm,
and only then is timed (median of --runs). Prints one JSON line per peer.

Usage: python w1_peers.py EXPORT_DIR [--runs 5]
"""
import argparse, csv, json, math, os, statistics, sys, time

import numpy as np
import scipy
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

EPSILON = 1e-9  # scipy's sparse graphs drop explicit zeros; a zero offset becomes 1e-9 m


def read(folder):
    with open(os.path.join(folder, "nodes.csv")) as f:
        n = sum(1 for _ in f) - 1
    edges = np.loadtxt(os.path.join(folder, "edges.csv"), delimiter=",", skiprows=1, ndmin=2)
    seeds = {}
    with open(os.path.join(folder, "pois.csv")) as f:
        for row in csv.DictReader(f):
            seeds.setdefault(row["kind"], []).append((int(row["node"]), float(row["offset_metres"])))
    with open(os.path.join(folder, "answers-w1.csv")) as f:
        reader = csv.reader(f)
        header = next(reader)
        columns = {k: np.full(n, np.inf) for k in header[1:]}
        for row in reader:
            for k, v in zip(header[1:], row[1:]):
                if v:
                    columns[k][int(row[0])] = float(v)
    return n, edges, seeds, columns


def matrix(n, edges, seeds):
    """Symmetric edges (parallel edges: the shortest) plus super-source rows n, n+1, …"""
    kinds = sorted(seeds)
    tails = np.concatenate([edges[:, 0], edges[:, 1]]).astype(np.int64)
    heads = np.concatenate([edges[:, 1], edges[:, 0]]).astype(np.int64)
    weights = np.concatenate([edges[:, 2], edges[:, 2]])
    for k, kind in enumerate(kinds):
        for node, offset in seeds[kind]:
            tails = np.append(tails, n + k); heads = np.append(heads, node); weights = np.append(weights, offset)
    weights = np.maximum(weights, EPSILON)
    size = n + len(kinds)
    order = np.lexsort((weights, heads, tails))           # keep the lightest of duplicates
    tails, heads, weights = tails[order], heads[order], weights[order]
    keep = np.ones(len(tails), dtype=bool)
    keep[1:] = (tails[1:] != tails[:-1]) | (heads[1:] != heads[:-1])
    return csr_matrix((weights[keep], (tails[keep], heads[keep])), shape=(size, size)), kinds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    n, edges, seeds, answers = read(args.folder)
    graph, kinds = matrix(n, edges, seeds)
    sources = [n + k for k in range(len(kinds))]

    def run():
        return dijkstra(graph, directed=True, indices=sources)

    result = run()
    worst = 0.0
    for k, kind in enumerate(kinds):
        ours, theirs = answers[kind], result[k, :n]
        if not np.array_equal(np.isinf(ours), np.isinf(theirs)):
            sys.exit(f"scipy: {kind}: reachability differs from Walkshed's")
        finite = np.isfinite(ours)
        worst = max(worst, float(np.max(np.abs(ours[finite] - theirs[finite]), initial=0.0)))
    if worst > 0.01:
        sys.exit(f"scipy: distances differ from Walkshed's by up to {worst:.4f} m (> 1 cm); not timing")
    times = []
    for _ in range(args.runs):
        start = time.perf_counter(); run(); times.append(time.perf_counter() - start)
    print(json.dumps({"peer": f"scipy {scipy.__version__} csgraph.dijkstra", "benchmark": "W1-no-cutoff",
                      "input": os.path.basename(os.path.normpath(args.folder)), "kinds": kinds, "nodes": n,
                      "median_s": round(statistics.median(times), 6), "min_s": round(min(times), 6),
                      "max_s": round(max(times), 6), "max_abs_diff_m": round(worst, 6)}))


if __name__ == "__main__":
    main()
