"""W2 with peer tools on exactly Walkshed's graph and seeds (from `walkshed export --neutral`).

For each kind and every node, how many destinations lie within 1,200 m, a destination counting
once at its nearest seed (a seed is a node plus an offset in metres; pois.csv names the
destination of each). Each peer's counts are compared with Walkshed's answers-w2-1200m.csv
before it is timed (median of --runs). Prints one JSON line per peer.

- scipy: one super-source per destination joined to its seeds by their offsets (directed, so no
  shortcut through a destination), `csgraph.dijkstra(indices=…, limit=1200)` per kind in blocks
  of 256 sources, then a count per node.
- pandana: one leaf node per destination, reached from its seeds by directed edges of the
  offsets, `Network.aggregate(1200, type="count", decay="flat")` per kind (a range query on a
  contraction hierarchy from every node). pandana keeps distances in single precision, so
  counts may differ at the 1,200 m boundary: then it is timed and flagged ("agrees": false).

Usage: python w2_peers.py EXPORT_DIR [--runs 5] [--only scipy|pandana]
"""
import argparse, csv, json, os, statistics, sys, time

import numpy as np
import scipy
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

METRES = 1200.0
EPSILON = 1e-9  # scipy's sparse graphs drop explicit zeros; a zero offset becomes 1e-9 m
BLOCK = 256


def read(folder):
    """Node count, edges (tail, head, metres), seeds per kind as {destination: [(node, offset)]},
    and Walkshed's counts per kind."""
    with open(os.path.join(folder, "nodes.csv")) as f:
        n = sum(1 for _ in f) - 1
    edges = np.loadtxt(os.path.join(folder, "edges.csv"), delimiter=",", skiprows=1, ndmin=2)
    seeds = {}
    with open(os.path.join(folder, "pois.csv")) as f:
        for row in csv.DictReader(f):
            seeds.setdefault(row["kind"], {}).setdefault(int(row["destination"]), []).append(
                (int(row["node"]), float(row["offset_metres"])))
    answers = np.loadtxt(os.path.join(folder, "answers-w2-1200m.csv"), delimiter=",", skiprows=1, ndmin=2, dtype=np.int64)
    with open(os.path.join(folder, "answers-w2-1200m.csv")) as f:
        header = f.readline().strip().split(",")
    counts = {kind: answers[:, k + 1] for k, kind in enumerate(header[1:])}
    return n, edges, seeds, counts


def differing_nodes(answers, theirs):
    """Per kind, how many nodes' counts differ from Walkshed's."""
    return {kind: int(np.count_nonzero(np.asarray(theirs[kind])[:len(answers[kind])] != answers[kind])) for kind in answers}


def scipy_peer(n, edges, seeds):
    """A run function returning counts per kind: super-sources n … n+D−1, one per destination."""
    tails = [np.concatenate([edges[:, 0], edges[:, 1]]).astype(np.int64)]
    heads = [np.concatenate([edges[:, 1], edges[:, 0]]).astype(np.int64)]
    weights = [np.concatenate([edges[:, 2], edges[:, 2]])]
    sources, size = {}, n
    for kind in sorted(seeds):
        sources[kind] = []
        for destination in sorted(seeds[kind]):
            for node, offset in seeds[kind][destination]:
                tails.append(np.array([size])); heads.append(np.array([node])); weights.append(np.array([offset]))
            sources[kind].append(size)
            size += 1
    tails, heads = np.concatenate(tails), np.concatenate(heads)
    weights = np.maximum(np.concatenate(weights), EPSILON)
    order = np.lexsort((weights, heads, tails))           # keep the lightest of duplicate arcs
    tails, heads, weights = tails[order], heads[order], weights[order]
    keep = np.ones(len(tails), dtype=bool)
    keep[1:] = (tails[1:] != tails[:-1]) | (heads[1:] != heads[:-1])
    graph = csr_matrix((weights[keep], (tails[keep], heads[keep])), shape=(size, size))

    def run():
        result = {}
        for kind, supers in sources.items():
            count = np.zeros(n, dtype=np.int64)
            for start in range(0, len(supers), BLOCK):
                d = dijkstra(graph, directed=True, indices=supers[start:start + BLOCK], limit=METRES)
                count += np.count_nonzero(d[:, :n] <= METRES, axis=0)
            result[kind] = count
        return result
    return f"scipy {scipy.__version__} csgraph.dijkstra(limit=1200)", run


def pandana_peer(folder, n, edges, seeds):
    """A run function returning counts per kind from pandana's aggregate (count, flat decay)."""
    import pandas as pd
    import pandana
    nodes = np.loadtxt(os.path.join(folder, "nodes.csv"), delimiter=",", skiprows=1, ndmin=2)
    xs, ys = list(nodes[:, 1]), list(nodes[:, 2])
    tails = list(edges[:, 0].astype(np.int64)) + list(edges[:, 1].astype(np.int64))
    heads = list(edges[:, 1].astype(np.int64)) + list(edges[:, 0].astype(np.int64))
    weights = list(edges[:, 2]) * 2
    leaves = {}
    for kind in sorted(seeds):
        leaves[kind] = []
        for destination in sorted(seeds[kind]):
            leaf = len(xs)
            first = seeds[kind][destination][0][0]
            xs.append(nodes[first, 1] + 0.001 * (len(leaves[kind]) + 1)); ys.append(nodes[first, 2])
            for node, offset in seeds[kind][destination]:
                tails.append(node); heads.append(leaf); weights.append(offset)
            leaves[kind].append(leaf)
    net = pandana.Network(pd.Series(xs), pd.Series(ys), pd.Series(tails), pd.Series(heads),
                          pd.DataFrame({"w": weights}), twoway=False)
    net.precompute(METRES)
    for kind, ids in leaves.items():
        net.set(pd.Series(ids), name=kind)

    def run():
        return {kind: net.aggregate(METRES, type="count", decay="flat", name=kind).to_numpy()[:n].astype(np.int64)
                for kind in leaves}
    return f"pandana {pandana.__version__} aggregate(count)", run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="run only peers whose label starts with this")
    args = parser.parse_args()
    n, edges, seeds, answers = read(args.folder)
    makers = [lambda: scipy_peer(n, edges, seeds), lambda: pandana_peer(args.folder, n, edges, seeds)]
    for make in makers:
        try:
            label, run = make()
        except ImportError:
            continue
        if not label.startswith(args.only):
            continue
        differing = differing_nodes(answers, run())
        agrees = not any(differing.values())
        if not agrees and label.startswith("scipy"):
            print(f"w2_peers: {label}: counts differ from Walkshed's at {differing} nodes; not timing", file=sys.stderr)
            continue
        times = []
        for _ in range(args.runs):
            start = time.perf_counter(); run(); times.append(time.perf_counter() - start)
        print(json.dumps({"peer": label, "benchmark": "W2-counts-1200m", "input": os.path.basename(os.path.normpath(args.folder)),
                          "kinds": sorted(seeds), "nodes": n, "runs": args.runs, "median_s": round(statistics.median(times), 6),
                          "min_s": round(min(times), 6), "max_s": round(max(times), 6),
                          "differing_nodes": differing, "agrees": agrees}), flush=True)


if __name__ == "__main__":
    main()
