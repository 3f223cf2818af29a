#!/usr/bin/env python3
"""Edit latency of `walkshed serve`, measured at the server (its per-request log line).

Usage: Benchmarks/serve-edits.py <walkshed binary> <extract> [serve options...] [--edits 20] [--kind park|path]

Starts the server on 127.0.0.1 with a free port, waits for its address, then adds `--edits`
parks of 0.8 ha (or 400 m greenway paths, `--kind path`) one after another (each request is one edit; the session holds all of them, as
a planner's does), spread over the middle of the city's grid, then undoes them all. Prints one
JSON line: median, min and max server seconds per edit and per undo, the nodes recomputed by
the last edit, and the server's peak RSS (VmHWM). Stops the server with SIGTERM.
"""
import json, math, re, statistics, subprocess, sys, time, urllib.request

args = sys.argv[1:]
edits = 20
if "--edits" in args:
    k = args.index("--edits"); edits = int(args[k + 1]); del args[k:k + 2]
kind = "park"
if "--kind" in args:
    k = args.index("--kind"); kind = args[k + 1]; del args[k:k + 2]
binary, extract, options = args[0], args[1], args[2:]
server = subprocess.Popen([binary, "serve", extract, "--port", "0"] + options, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
try:
    line = server.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=([0-9a-f]+)", line)
    if not match:
        sys.exit("no address: " + line + server.stderr.read())
    base, token = match.group(1), match.group(2)

    def call(method, path, body=None):
        request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                         headers={"X-Walkshed-Token": token})
        with urllib.request.urlopen(request, timeout=600) as response:
            return json.loads(response.read())

    city = call("GET", "/api/city")
    grid = city["grid"]
    # Park centres on a ring around the grid's middle, in projected metres, turned into
    # longitude/latitude by the server's own projection is not exposed: use a local
    # approximation around the middle cell, good to metres over a few kilometres.
    zone, north = city["zone"], city["north"]
    def unproject(x, y):
        a, f = 6378137.0, 1 / 298.257223563
        n = f / (2 - f); n2, n3, n4 = n * n, n ** 3, n ** 4
        A = 0.9996 * a / (1 + n) * (1 + n2 / 4 + n4 / 64)
        beta = [n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360, n2 / 48 + n3 / 15 - 437 * n4 / 1440, 17 * n3 / 480 - 37 * n4 / 840, 4397 * n4 / 161280]
        delta = [2 * n - 2 * n2 / 3 - 2 * n3 + 116 * n4 / 45, 7 * n2 / 3 - 8 * n3 / 5 - 227 * n4 / 45, 56 * n3 / 15 - 136 * n4 / 35, 4279 * n4 / 630]
        xi = (y - (0 if north else 1e7)) / A; eta = (x - 5e5) / A
        xp, ep = xi, eta
        for j in range(1, 5):
            xp -= beta[j - 1] * math.sin(2 * j * xi) * math.cosh(2 * j * eta)
            ep -= beta[j - 1] * math.cos(2 * j * xi) * math.sinh(2 * j * eta)
        chi = math.asin(math.sin(xp) / math.cosh(ep))
        phi = chi + sum(delta[j - 1] * math.sin(2 * j * chi) for j in range(1, 5))
        return [zone * 6 - 183 + math.degrees(math.atan2(math.sinh(ep), math.cos(xp))), math.degrees(phi)]
    cx = grid["xll"] + grid["cols"] * grid["cell"] / 2
    cy = grid["yll"] + grid["rows"] * grid["cell"] / 2
    radius = min(grid["cols"], grid["rows"]) * grid["cell"] / 4
    half = math.sqrt(8000) / 2
    state = None
    for k in range(edits):
        x = cx + radius * math.cos(2 * math.pi * k / edits); y = cy + radius * math.sin(2 * math.pi * k / edits)
        ring = [unproject(x - half, y - half), unproject(x + half, y - half), unproject(x + half, y + half), unproject(x - half, y + half)]
        if kind == "park":
            edit = {"type": "add_park", "name": f"bench {k}", "geometry": {"type": "Polygon", "coordinates": [ring + [ring[0]]]}}
        else:
            edit = {"type": "add_path", "geometry": {"type": "LineString", "coordinates": [unproject(x - 200, y - 30), unproject(x, y + 30), unproject(x + 200, y - 30)]}}
        state = call("POST", "/api/edits", edit)
    recomputed = state["recomputed_nodes"]
    for k in range(edits):
        call("POST", "/api/undo")
    with open(f"/proc/{server.pid}/status") as f:
        peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM"))
finally:
    server.terminate()
    _, err = server.communicate(timeout=120)
times = {"POST /api/edits": [], "POST /api/undo": []}
for line in err.splitlines():
    m = re.match(r"walkshed: (POST /api/(?:edits|undo)) 200 in ([0-9.]+) s", line)
    if m:
        times[m.group(1)].append(float(m.group(2)))
assert len(times["POST /api/edits"]) == edits and len(times["POST /api/undo"]) == edits, times
def summary(xs):
    return {"median_s": round(statistics.median(xs), 4), "min_s": round(min(xs), 4), "max_s": round(max(xs), 4)}
print(json.dumps({"benchmark": "serve: one edit (add a 0.8 ha park), measured at the server" if kind == "park" else "serve: one edit (add a 400 m greenway path), measured at the server", "input": extract.split("/")[-1],
                  "options": " ".join(options), "edits": edits, "edit": summary(times["POST /api/edits"]),
                  "undo": summary(times["POST /api/undo"]), "recomputed_nodes_last_edit": recomputed,
                  "peak_rss_mib": round(peak / 1024, 1)}))
