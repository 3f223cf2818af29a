#!/usr/bin/env python3
"""walkshed batch over the shared real extracts × walk and wheelchair: one shard, then two
concurrent shards, each run in a fresh output folder; wall time and peak RSS per run (median of
--runs), the merged tables checked byte-identical, and the merged cross-city table. Prints JSON
lines (one per layout, then one with the table) for batch_table.py.

Usage: Benchmarks/batch-cities.py <walkshed> <shared-data-dir> [--runs N] [--threads T]
"""
import argparse, json, os, resource, shutil, statistics, subprocess, sys, tempfile, time

EXTRACTS = [  # label, file, population (None: residential buildings), GTFS feeds
    ("andorra", "andorra.osm.pbf", None, []),
    ("columbus-ohio", "columbus-ohio.osm.pbf", None, []),
    ("helsinki-centre", "helsinki-centre.osm.pbf", None, []),
    ("london-central", "london-central.osm.pbf", None, []),
    ("monaco", "monaco.osm.pbf", None, []),
    ("munich-central", "munich-central.osm.pbf", None, []),
    ("nanjing-central", "nanjing-central.osm", None, []),
    ("oslo-east", "oslo-east.osm.pbf", None, []),
    ("porto", "porto.osm.pbf", None, []),
    ("porto-alegre", "porto-alegre.osm.pbf", "porto-alegre.hexgrid.csv", ["porto-alegre.gtfs-eptc.zip", "porto-alegre.gtfs-trensurb.zip"]),
    ("sao-paulo", "sao-paulo.osm.pbf", "sao-paulo.hexgrid.csv", ["sao-paulo.gtfs-sptrans.zip"]),
    ("shanghai-central", "shanghai-central.osm", None, []),
]


def manifest(data):
    studies = []
    for label, extract, population, gtfs in EXTRACTS:
        if not os.path.exists(os.path.join(data, extract)):
            continue
        study = {"label": label, "extract": os.path.join(data, extract),
                 "population": os.path.join(data, population) if population else "buildings"}
        if gtfs:
            study["gtfs"] = [os.path.join(data, g) for g in gtfs]
        studies.append(study)
    return {"version": 1, "options": {"cell": 100, "profiles": ["walk", "wheelchair"], "budgets": [15]}, "studies": studies}


def timed(commands):
    """Starts every command at once; wall seconds until the last ends, and each one's peak RSS (MiB)."""
    start = time.time()
    peaks = []
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands]
    errors = [p.stderr.read().decode() for p in procs]   # --quiet: errors only
    for p, error in zip(procs, errors):
        _, status, usage = os.wait4(p.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{p.args} failed with {os.waitstatus_to_exitcode(status)}: {error}")
        peaks.append(usage.ru_maxrss / 1024)
    return time.time() - start, peaks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("walkshed")
    ap.add_argument("data")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="walkshed-batch-bench-")
    try:
        path = os.path.join(work, "manifest.json")
        spec = manifest(args.data)
        with open(path, "w") as f:
            json.dump(spec, f, indent=1)
        merged = {}
        for shards in (1, 2):
            seconds, peaks = [], []
            for run in range(args.runs):
                out = os.path.join(work, f"out-{shards}-{run}")
                # Two concurrent shards share the 2 cores: one thread each; one shard gets both.
                threads = max(1, args.threads // shards)
                commands = [[args.walkshed, "batch", path, "--out", out, "--shard", f"{i}/{shards}", "--threads", str(threads), "--quiet"]
                            for i in range(shards)]
                s, p = timed(commands)
                seconds.append(s)
                peaks.append(max(p))
                subprocess.run([args.walkshed, "merge", out], check=True, stdout=subprocess.DEVNULL)
                with open(os.path.join(out, "merged.csv"), "rb") as f:
                    merged.setdefault(shards, f.read())
                if run < args.runs - 1:
                    shutil.rmtree(out)
            print(json.dumps({"benchmark": "walkshed batch", "shards": shards, "threads_per_shard": max(1, args.threads // shards),
                              "studies": len(spec["studies"]), "units": 2 * len(spec["studies"]), "runs": args.runs,
                              "median_seconds": round(statistics.median(seconds), 2), "min_seconds": round(min(seconds), 2),
                              "max_seconds": round(max(seconds), 2), "peak_rss_mib": round(max(peaks), 1)}))
        if merged[1] != merged[2]:
            sys.exit("the merged tables of one and two shards differ")
        ranking = subprocess.run([args.walkshed, "merge", os.path.join(work, f"out-1-{args.runs - 1}")], check=True,
                                 capture_output=True, text=True).stdout
        print(json.dumps({"merged_identical": True, "merged_csv": merged[1].decode(), "ranking": ranking}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
