"""W1 with peer tools on exactly Walkshed's graph and seeds (from `walkshed export --neutral`).

For each kind, every node's distance to the nearest seed, where a seed is a node plus an offset
in metres. Each peer (scipy, igraph, networkit, networkx; whichever is installed) builds the
same graph plus one super-source per kind joined to its seeds by the offsets, checks that its
distances agree with Walkshed's answers-w1.csv within 1 cm, and only then is timed (median of
--runs; networkx at most 3). Prints one JSON line per peer.

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


def check(name, n, kinds, answers, distances):
    """Largest difference from Walkshed's answers in metres; exits when reachability differs or
    a distance is off by more than 1 cm (then nothing is timed)."""
    worst = 0.0
    for k, kind in enumerate(kinds):
        ours, theirs = answers[kind], np.asarray(distances[k][:n], dtype=float)
        theirs = np.where(theirs > 1e300, np.inf, theirs)
        if not np.array_equal(np.isinf(ours), np.isinf(theirs)):
            sys.exit(f"{name}: {kind}: reachability differs from Walkshed's")
        finite = np.isfinite(ours)
        worst = max(worst, float(np.max(np.abs(ours[finite] - theirs[finite]), initial=0.0)))
    if worst > 0.01:
        sys.exit(f"{name}: distances differ from Walkshed's by up to {worst:.4f} m (> 1 cm); not timing")
    return worst


def peers(graph, n, kinds):
    """(label, run) per peer: each run returns, per kind, the distance of every node from that
    kind's super-source n + k, on the same arcs and weights as scipy's matrix."""
    size = graph.shape[0]
    coo = graph.tocoo()
    tails, heads, weights = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
    sources = [n + k for k in range(len(kinds))]
    out = [(f"scipy {scipy.__version__} csgraph.dijkstra", lambda: dijkstra(graph, directed=True, indices=sources))]
    try:
        import igraph
        g = igraph.Graph(n=size, edges=list(zip(tails.tolist(), heads.tolist())), directed=True)
        g.es["w"] = weights.tolist()
        out.append((f"igraph {igraph.__version__} distances", lambda: g.distances(source=sources, weights="w", mode="out")))
    except ImportError:
        pass
    try:
        import networkit as nk
        h = nk.Graph(size, weighted=True, directed=True)
        for t, u, w in zip(tails.tolist(), heads.tolist(), weights.tolist()):
            h.addEdge(t, u, w)
        def run_networkit():
            result = []
            for s in sources:
                d = nk.distance.Dijkstra(h, s, storePaths=False)
                d.run()
                result.append(d.getDistances())
            return result
        out.append((f"networkit {nk.__version__} Dijkstra", run_networkit))
    except ImportError:
        pass
    try:
        import networkx as nx
        x = nx.DiGraph()
        x.add_nodes_from(range(size))
        x.add_weighted_edges_from(zip(tails.tolist(), heads.tolist(), weights.tolist()))
        def run_networkx():
            result = []
            for s in sources:
                lengths = nx.single_source_dijkstra_path_length(x, s)
                row = np.full(size, np.inf)
                row[list(lengths.keys())] = list(lengths.values())
                result.append(row)
            return result
        out.append((f"networkx {nx.__version__} single_source_dijkstra_path_length", run_networkx))
    except ImportError:
        pass
    return out


def pandana_w1_cutoff(folder, n, edges, seeds, answers, runs, cutoff=2400.0):
    """W1 with a 2,400 m cutoff in pandana (a contraction-hierarchy range query per node; the
    no-cutoff W1 would be a range query over the whole city from every node). Each seed
    becomes a leaf node joined to its network node by its offset, with the POI on it."""
    import pandas as pd
    import pandana
    nodes = np.loadtxt(os.path.join(folder, "nodes.csv"), delimiter=",", skiprows=1, ndmin=2)
    xs, ys = list(nodes[:, 1]), list(nodes[:, 2])
    tails, heads, weights = list(edges[:, 0].astype(np.int64)), list(edges[:, 1].astype(np.int64)), list(edges[:, 2])
    poi_nodes = {}
    for kind in sorted(seeds):
        poi_nodes[kind] = []
        for j, (node, offset) in enumerate(seeds[kind]):
            leaf = len(xs)
            xs.append(nodes[node, 1] + 0.001 * (j + 1)); ys.append(nodes[node, 2])
            tails.append(node); heads.append(leaf); weights.append(offset)
            poi_nodes[kind].append(leaf)
    net = pandana.Network(pd.Series(xs), pd.Series(ys), pd.Series(tails), pd.Series(heads),
                          pd.DataFrame({"w": weights}), twoway=True)
    for kind, leaves in poi_nodes.items():
        net.set_pois(kind, cutoff, 1, pd.Series([xs[i] for i in leaves]), pd.Series([ys[i] for i in leaves]))

    def run():
        return {kind: net.nearest_pois(cutoff, kind, num_pois=1, max_distance=cutoff)[1].to_numpy()[:n] for kind in poi_nodes}

    result, worst = run(), 0.0
    for kind, theirs in result.items():
        ours = answers[kind]
        inside = ours < cutoff - 0.01
        if not np.all(theirs[ours > cutoff + 0.01] >= cutoff):
            sys.exit(f"pandana: {kind}: finds destinations Walkshed has beyond {cutoff} m")
        worst = max(worst, float(np.max(np.abs(ours[inside] - theirs[inside]), initial=0.0)))
    # pandana keeps distances in single precision: it misses the 1 cm bar by a few centimetres
    # on a city, so it is timed but flagged ("agrees": false) rather than dropped.
    times = []
    for _ in range(runs):
        start = time.perf_counter(); run(); times.append(time.perf_counter() - start)
    print(json.dumps({"peer": f"pandana {pandana.__version__} nearest_pois", "benchmark": f"W1-cutoff-{int(cutoff)}m",
                      "input": os.path.basename(os.path.normpath(folder)), "kinds": sorted(seeds), "nodes": n, "runs": runs,
                      "median_s": round(statistics.median(times), 6), "min_s": round(min(times), 6),
                      "max_s": round(max(times), 6), "max_abs_diff_m": round(worst, 6), "agrees": worst <= 0.01}), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="run only peers whose label starts with this")
    args = parser.parse_args()
    n, edges, seeds, answers = read(args.folder)
    graph, kinds = matrix(n, edges, seeds)
    for label, run in peers(graph, n, kinds):
        if not label.startswith(args.only):
            continue
        try:
            worst = check(label.split()[0], n, kinds, answers, run())
        except SystemExit as failure:
            print(f"w1_peers: {failure}", file=sys.stderr)
            continue
        runs = args.runs if not label.startswith("networkx") else max(1, min(args.runs, 3))
        times = []
        for _ in range(runs):
            start = time.perf_counter(); run(); times.append(time.perf_counter() - start)
        print(json.dumps({"peer": label, "benchmark": "W1-no-cutoff",
                          "input": os.path.basename(os.path.normpath(args.folder)), "kinds": kinds, "nodes": n,
                          "runs": runs, "median_s": round(statistics.median(times), 6), "min_s": round(min(times), 6),
                          "max_s": round(max(times), 6), "max_abs_diff_m": round(worst, 6), "agrees": True}), flush=True)
    if "pandana".startswith(args.only) or args.only.startswith("pandana"):
        try:
            pandana_w1_cutoff(args.folder, n, edges, seeds, answers, args.runs)
        except ImportError:
            pass


if __name__ == "__main__":
    main()
