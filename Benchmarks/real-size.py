#!/usr/bin/env python3
"""Real-size figures (issue 18): a 211 MB PBF of 144 shifted copies of the shared Monaco extract
(../shared/tools/tile-extract.py, built once and cached outside the repo), read and analysed end to
end in fresh processes; medians of RUNS runs, peak RSS of the child, bytes written. Also Porto end to
end and the 4M-node generated city end to end. Prints one JSON line per figure.

The two-thread inflate floor and reading to a graph (`walkshed info`) run in alternating rounds,
floor then read, and their ratio is also given per round: the shared machine's speed moves by half
from one hour to the next, so each read is set against a floor of its own moment.

Usage: real-size.py WALKSHED SHARED_DATA_DIR CACHE_DIR [--runs N]
Needs pyosmium to build the input once (a venv in CACHE_DIR is made for it).
"""
import json, os, statistics, subprocess, sys

walkshed, shared, cache = sys.argv[1], sys.argv[2], sys.argv[3]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
tools = os.path.join(os.path.dirname(os.path.abspath(shared)), "tools")
os.makedirs(cache, exist_ok=True)
big = os.path.join(cache, "monaco-tiled-12.osm.pbf")
if not os.path.exists(big):
    # osmium picks the format from the name's ending, so the unfinished file ends in .osm.pbf too.
    partial = os.path.join(cache, "partial-monaco-tiled-12.osm.pbf")
    venv = os.path.join(cache, "osmium-venv")
    if not os.path.exists(os.path.join(venv, "bin", "python")):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "osmium"], check=True)
    subprocess.run([os.path.join(venv, "bin", "python"), os.path.join(tools, "tile-extract.py"),
                    os.path.join(shared, "monaco.osm.pbf"), "12", partial], check=True, stdout=subprocess.DEVNULL)
    os.rename(partial, big)


def run_child(args, out=None):
    """Seconds and peak RSS (MiB) of one fresh run of `args`, both of the child alone, from a wrapper process."""
    wrapper = [sys.executable, "-c",
               "import resource,subprocess,sys,time;t=time.time();subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
               "print(time.time()-t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"] + args
    if out:
        subprocess.run(["rm", "-rf", out])
    # Timed inside the wrapper, around the child alone: not the wrapper's own start-up.
    child_seconds, child_rss = subprocess.run(wrapper, check=True, capture_output=True, text=True).stdout.split()
    return float(child_seconds), int(child_rss) / 1024


def report(name, input_name, seconds, rss=None, written=None, **extra):
    line = {"benchmark": name, "input": input_name, "runs": len(seconds), "median_seconds": round(statistics.median(seconds), 2),
            "min_seconds": round(min(seconds), 2), "max_seconds": round(max(seconds), 2)}
    if rss:
        line["peak_rss_mib"] = round(max(rss), 1)
    if written is not None:
        line["bytes_written"] = written
    line.update(extra)
    print(json.dumps(line), flush=True)


def measure(name, args, out=None, input_name=None):
    """Median seconds of `runs` fresh runs and peak RSS, both of the child alone; bytes written to `out`."""
    seconds, rss, written = [], [], None
    for _ in range(runs):
        s, m = run_child(args, out)
        seconds.append(s)
        rss.append(m)
        if out:
            written = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs) if os.path.isdir(out) \
                else os.path.getsize(out)
    report(name, input_name or os.path.basename(args[2] if len(args) > 2 else ""), seconds, rss, written)


def inflate_floor(threads):
    """Seconds to inflate every blob of the big input on `threads` threads, nothing else."""
    text = subprocess.run([sys.executable, os.path.join(tools, "pbf-inflate-floor.py"), big, str(threads)],
                          check=True, capture_output=True, text=True).stdout
    return float(text.split()[0])


# The floor on two threads and reading to a graph, in alternating rounds; the floor on one thread.
floors, reads, read_rss = [], [], []
for _ in range(runs):
    floors.append(inflate_floor(2))
    s, m = run_child([walkshed, "info", big, "--quiet"])
    reads.append(s)
    read_rss.append(m)
name = os.path.basename(big)
report("inflate floor, 2 threads", name, floors, bytes=os.path.getsize(big))
report("inflate floor, 1 thread", name, [inflate_floor(1) for _ in range(runs)], bytes=os.path.getsize(big))
ratios = [r / f for r, f in zip(reads, floors)]
report("read to graph (walkshed info)", name, reads, read_rss,
       floor_ratio_per_round=[round(x, 2) for x in ratios], floor_ratio_median=round(statistics.median(ratios), 2))

work = os.path.join(cache, "work")
os.makedirs(work, exist_ok=True)
wsn = os.path.join(work, "tiled.wsn")
measure("import to .wsn", [walkshed, "import", big, "-o", wsn, "--quiet"], out=wsn)
measure("analyze end to end from the PBF (default outputs)", [walkshed, "analyze", big, "--out", os.path.join(work, "a"), "--quiet"],
        out=os.path.join(work, "a"))
measure("analyze end to end from the PBF (--format geotiff)",
        [walkshed, "analyze", big, "--out", os.path.join(work, "g"), "--quiet", "--format", "geotiff"], out=os.path.join(work, "g"))
measure("analyze end to end from the .wsn", [walkshed, "analyze", wsn, "--out", os.path.join(work, "w"), "--quiet"],
        out=os.path.join(work, "w"), input_name="tiled.wsn")
measure("analyze of one Monaco copy (--bbox) from the PBF",
        [walkshed, "analyze", big, "--out", os.path.join(work, "b"), "--quiet", "--bbox", "7.40,43.72,7.45,43.75"],
        out=os.path.join(work, "b"))
porto = os.path.join(shared, "porto.osm.pbf")
if os.path.exists(porto):
    measure("analyze end to end (default outputs)", [walkshed, "analyze", porto, "--out", os.path.join(work, "p"), "--quiet"],
            out=os.path.join(work, "p"))
gen = os.path.join(work, "generated-4m.wsn")
if not os.path.exists(gen):
    subprocess.run([walkshed, "generate", "--nodes", "4000000", "--seed", "1", "-o", gen, "--quiet"], check=True)
measure("analyze end to end (default outputs)", [walkshed, "analyze", gen, "--out", os.path.join(work, "m"), "--quiet"],
        out=os.path.join(work, "m"), input_name="generated-4m.wsn")
for d in "agwbpm":
    subprocess.run(["rm", "-rf", os.path.join(work, d)])
