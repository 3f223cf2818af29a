#!/usr/bin/env python3
"""Real-size figures (issue 18): a 211 MB PBF of 144 shifted copies of the shared Monaco extract
(../shared/tools/tile-extract.py, built once and cached outside the repo), read and analysed end to
end in fresh processes; medians of RUNS runs, peak RSS of the child, bytes written. Also Porto end to
end and the 4M-node generated city end to end. Prints one JSON line per figure.

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


def measure(name, args, out=None, input_name=None):
    """Median seconds of `runs` fresh runs and peak RSS, both of the child alone, from a wrapper process."""
    seconds, written, rss = [], 0, []
    for _ in range(runs):
        wrapper = [sys.executable, "-c",
                   "import resource,subprocess,sys,time;t=time.time();subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
                   "print(time.time()-t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"] + args
        if out:
            subprocess.run(["rm", "-rf", out])
        # Timed inside the wrapper, around the child alone: not the wrapper's own start-up.
        result = subprocess.run(wrapper, check=True, capture_output=True, text=True)
        child_seconds, child_rss = result.stdout.split()
        seconds.append(float(child_seconds))
        rss.append(int(child_rss) / 1024)
        if out:
            written = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs) if os.path.isdir(out) \
                else os.path.getsize(out)
    line = {"benchmark": name, "input": input_name or os.path.basename(args[2] if len(args) > 2 else ""), "runs": runs,
            "median_seconds": round(statistics.median(seconds), 2), "min_seconds": round(min(seconds), 2),
            "max_seconds": round(max(seconds), 2), "peak_rss_mib": round(max(rss), 1)}
    if out:
        line["bytes_written"] = written
    print(json.dumps(line), flush=True)


# The floor: inflate every blob on two threads (and one), nothing else.
floor = []
for threads in ("2", "1"):
    times = []
    for _ in range(runs):
        text = subprocess.run([sys.executable, os.path.join(tools, "pbf-inflate-floor.py"), big, threads],
                              check=True, capture_output=True, text=True).stdout
        times.append(float(text.split()[0]))
    print(json.dumps({"benchmark": f"inflate floor, {threads} thread{'s' if threads == '2' else ''}", "input": os.path.basename(big),
                      "runs": runs, "median_seconds": round(statistics.median(times), 2), "min_seconds": round(min(times), 2),
                      "max_seconds": round(max(times), 2), "bytes": os.path.getsize(big)}), flush=True)

work = os.path.join(cache, "work")
os.makedirs(work, exist_ok=True)
wsn = os.path.join(work, "tiled.wsn")
measure("read to graph (walkshed info)", [walkshed, "info", big, "--quiet"])
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
