#!/usr/bin/env python3
"""Where a change moved the time: `walkshed analyze INPUT` with each binary in turn (old, new, old,
new, …, so both see the same moment of a shared machine), its stage clock read from stderr, and
the median seconds of every stage per binary, with the end-to-end time the run reports and the
wall time of the process. Stage names have their counts blanked ("snapping N cells").

Usage: stage-clock.py INPUT BINARY [BINARY ...] [--runs N] [--threads T]
Prints a table; writes nothing but a scratch output folder (removed after each run).
"""
import os, re, shutil, statistics, subprocess, sys, tempfile, time


def arguments():
    args, runs, threads = sys.argv[1:], 3, None
    for flag in ("--runs", "--threads"):
        if flag in args:
            k = args.index(flag)
            value = int(args[k + 1])
            del args[k:k + 2]
            if flag == "--runs":
                runs = value
            else:
                threads = value
    if len(args) < 2:
        sys.exit(__doc__)
    return args[0], args[1:], runs, threads


def one_run(binary, path, threads, out):
    """Seconds per stage of one run, plus 'end to end' (the run's own clock) and 'wall'."""
    shutil.rmtree(out, ignore_errors=True)
    command = [binary, "analyze", path, "--out", out] + (["--threads", str(threads)] if threads else [])
    start = time.time()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.time() - start
    if result.returncode != 0:
        sys.exit(f"{binary} failed on {path}:\n{result.stderr}")
    marks = [(float(m.group(1)), re.sub(r"\d+", "N", m.group(2)))
             for m in re.finditer(r"\[\s*([\d.]+) s\] (.*)", result.stderr)]
    end = re.search(r"in ([\d.]+) s\.", result.stdout)
    if not marks or not end:
        sys.exit(f"{binary}: no stage clock in its output (run without --quiet)")
    marks.append((float(end.group(1)), None))
    stages = {name: later - at for (at, name), (later, _) in zip(marks, marks[1:])}
    stages["end to end"] = float(end.group(1))
    stages["wall"] = wall
    return stages


def main():
    path, binaries, runs, threads = arguments()
    out = os.path.join(tempfile.mkdtemp(prefix="stage-clock-"), "out")
    seconds = {b: {} for b in binaries}
    try:
        for _ in range(runs):
            for binary in binaries:
                for name, value in one_run(binary, path, threads, out).items():
                    seconds[binary].setdefault(name, []).append(value)
    finally:
        shutil.rmtree(os.path.dirname(out), ignore_errors=True)
    names = list(seconds[binaries[0]])
    width = max(len(n) for n in names)
    print(f"{os.path.basename(path)}, medians of {runs} alternating runs (seconds)")
    print(" " * width + "".join(f"  {os.path.basename(b)[-14:]:>14}" for b in binaries))
    for name in names:
        cells = [statistics.median(seconds[b][name]) if name in seconds[b] else float("nan") for b in binaries]
        print(f"{name:<{width}}" + "".join(f"  {c:14.3f}" for c in cells))


if __name__ == "__main__":
    main()
