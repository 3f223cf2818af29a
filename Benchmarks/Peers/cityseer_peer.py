"""W1 within 2,400 m and W2 within 1,200 m with cityseer on exactly Walkshed's graph and seeds
(from `walkshed export --neutral`).

cityseer measures edge lengths from their geometry and reaches data points through the street
nodes they are assigned to, so the export is rebuilt to keep the work identical:
- the node layout is shrunk a little about its centre (Walkshed's metres are ground lengths,
  slightly off the projected chords) so that every edge can become a line bent once at its
  middle to exactly its exported length;
- each seed (a node plus an offset in metres) becomes a leaf node on a straight spoke of that
  length from its node, with the data point on the leaf; all seeds of one destination share a
  dedupe key, so a destination counts once, at its nearest seed.
Answers are compared with Walkshed's answers-w1.csv and answers-w2-1200m.csv (distances within
1 cm, counts equal) on the first timed run; a miss is reported ("agrees": false).
cityseer runs one search per node (in parallel over the machine's cores).

Usage: python cityseer_peer.py EXPORT_DIR [--runs 3]   (the first run is also checked)
"""
import argparse, csv, json, math, os, statistics, time
from importlib import metadata

import numpy as np
from cityseer import rustalgos

NEAREST_METRES = 2400
COUNT_METRES = 1200
SPOKE_MINIMUM = 1e-3   # a zero offset becomes a 1 mm spoke (cityseer needs a line)


def build(folder):
    """The network structure, the data map, the node count and the kinds."""
    nodes = np.loadtxt(os.path.join(folder, "nodes.csv"), delimiter=",", skiprows=1, ndmin=2)
    edges = np.loadtxt(os.path.join(folder, "edges.csv"), delimiter=",", skiprows=1, ndmin=2)
    n = len(nodes)
    # Walkshed's edge metres are measured on the ground, a little off the projected chords; shrink
    # the node layout until no chord is longer than its edge, so every edge can bend to its length.
    cx, cy = float(np.mean(nodes[:, 1])), float(np.mean(nodes[:, 2]))
    chords = np.hypot(nodes[edges[:, 0].astype(int), 1] - nodes[edges[:, 1].astype(int), 1],
                      nodes[edges[:, 0].astype(int), 2] - nodes[edges[:, 1].astype(int), 2])
    positive = chords > 0
    scale = min(1.0, float(np.min(edges[positive, 2] / chords[positive]))) * 0.999
    nodes[:, 1] = cx + (nodes[:, 1] - cx) * scale
    nodes[:, 2] = cy + (nodes[:, 2] - cy) * scale
    network = rustalgos.graph.NetworkStructure()
    for i in range(n):
        network.add_street_node(str(i), float(nodes[i, 1]), float(nodes[i, 2]), True, 1.0)
    xs, ys = [float(v) for v in nodes[:, 1]], [float(v) for v in nodes[:, 2]]

    def add_edge(index, a, b, metres):
        (ax, ay), (bx, by) = (xs[a], ys[a]), (xs[b], ys[b])
        chord = math.hypot(bx - ax, by - ay)
        if metres > chord + 1e-9 and chord > 0:
            rise = math.sqrt((metres / 2) ** 2 - (chord / 2) ** 2)
            mx, my = (ax + bx) / 2 - (by - ay) / chord * rise, (ay + by) / 2 + (bx - ax) / chord * rise
            forward = f"LINESTRING ({ax!r} {ay!r}, {mx!r} {my!r}, {bx!r} {by!r})"
            backward = f"LINESTRING ({bx!r} {by!r}, {mx!r} {my!r}, {ax!r} {ay!r})"
        else:
            forward = f"LINESTRING ({ax!r} {ay!r}, {bx!r} {by!r})"
            backward = f"LINESTRING ({bx!r} {by!r}, {ax!r} {ay!r})"
        network.add_street_edge(a, b, index, str(a), str(b), forward)
        network.add_street_edge(b, a, index, str(b), str(a), backward)

    for index, (tail, head, metres) in enumerate(edges):
        if int(tail) != int(head):
            add_edge(index, int(tail), int(head), float(metres))
    data = rustalgos.data.DataMap()
    landuses, kinds = {}, set()
    with open(os.path.join(folder, "pois.csv")) as f:
        for row in csv.DictReader(f):
            node, offset = int(row["node"]), max(float(row["offset_metres"]), SPOKE_MINIMUM)
            seed = int(row["seed"])
            angle = (seed * 2.399963) % (2 * math.pi)        # golden-angle spokes rarely cross anything
            leaf = len(xs)
            xs.append(xs[node] + offset * math.cos(angle)); ys.append(ys[node] + offset * math.sin(angle))
            network.add_street_node(str(leaf), xs[leaf], ys[leaf], False, 1.0)
            add_edge(len(edges) + leaf, node, leaf, offset)
            key = f"{row['kind']}-{seed}"
            data.insert(key, f"POINT ({xs[leaf]!r} {ys[leaf]!r})", f"{row['kind']}-{row['destination']}")
            landuses[key] = row["kind"]
            kinds.add(row["kind"])
    network.validate()
    network.build_edge_rtree()
    data.assign_data_to_network(network, 1.0, 50)
    return network, data, landuses, n, sorted(kinds)


def answers(folder, name, n, parse):
    with open(os.path.join(folder, name)) as f:
        reader = csv.reader(f)
        header = next(reader)
        columns = {k: [None] * n for k in header[1:]}
        for row in reader:
            for k, v in zip(header[1:], row[1:]):
                columns[k][int(row[0])] = parse(v)
    return columns


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    network, data, landuses, n, kinds = build(args.folder)
    nearest = answers(args.folder, "answers-w1.csv", n, lambda v: float(v) if v else math.inf)
    counts = answers(args.folder, "answers-w2-1200m.csv", n, int)

    def run(metres):
        return data.accessibility(network, landuses, kinds, distances=[metres], speed_m_s=1.0, pbar_disabled=True)

    def as_array(result, values):
        """Values by street node (cityseer reports live nodes, keyed by name)."""
        out = np.full(n, np.nan)
        for key, value in zip(result.node_keys_py, values):
            if int(key) < n:
                out[int(key)] = value
        return out

    def check(result, metres, benchmark):
        """Largest distance difference in metres and, per kind, the nodes whose answer differs."""
        worst, differing = 0.0, {}
        for kind in kinds:
            if benchmark.startswith("W1"):
                ours = np.asarray(nearest[kind], dtype=float)
                theirs = as_array(result, result.result[kind].distance[metres])
                theirs = np.where(np.isfinite(theirs) & (theirs <= metres), theirs, np.inf)
                clear = np.abs(ours - metres) > 0.01          # away from the cutoff, reachability must agree
                ours = np.where(ours <= metres, ours, np.inf)
                differing[kind] = int(np.count_nonzero(clear & (np.isfinite(ours) != np.isfinite(theirs))))
                both = np.isfinite(ours) & np.isfinite(theirs)
                worst = max(worst, float(np.max(np.abs(ours[both] - theirs[both]), initial=0.0)))
            else:
                theirs = as_array(result, result.result[kind].count[metres]).round().astype(np.int64)
                differing[kind] = int(np.count_nonzero(theirs != np.asarray(counts[kind])))
        return worst, differing

    for benchmark, metres in (("W1-cutoff-2400m", NEAREST_METRES), ("W2-counts-1200m", COUNT_METRES)):
        times = []
        for i in range(args.runs):           # the first run's answers are checked; every run is timed
            start = time.perf_counter(); result = run(metres); times.append(time.perf_counter() - start)
            if i == 0:
                worst, differing = check(result, metres, benchmark)
        agrees = worst <= 0.01 and not any(differing.values())
        print(json.dumps({"peer": f"cityseer {metadata.version('cityseer')} DataMap.accessibility", "benchmark": benchmark,
                          "input": os.path.basename(os.path.normpath(args.folder)), "kinds": kinds, "nodes": n,
                          "runs": args.runs, "median_s": round(statistics.median(times), 6), "min_s": round(min(times), 6),
                          "max_s": round(max(times), 6), "max_abs_diff_m": round(worst, 6), "differing_nodes": differing,
                          "agrees": agrees}), flush=True)


if __name__ == "__main__":
    main()
