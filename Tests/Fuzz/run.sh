#!/usr/bin/env bash
# Builds the libFuzzer harnesses (-sanitize=fuzzer,address) and runs one or all of them.
# Usage: Tests/Fuzz/run.sh <FuzzOSMPBF|FuzzOSMXML|FuzzOSMLoad|FuzzPopulationCSV|FuzzGTFS|FuzzAsciiGrid|FuzzTargets|FuzzScenario|FuzzNetworkFile|FuzzDestinations|FuzzHTTPRequest|FuzzBatch|FuzzGeoTIFF|all> <seconds> [libFuzzer flags…]
#        Tests/Fuzz/run.sh smoke      (CI: every harness, fixed seed and run count, < 60 s each)
# Seeds come from Corpus/ (copied, so the committed corpus stays small); new inputs and any
# crash-* files go to Tests/Fuzz/.work/<harness>/. Exit status is non-zero if a harness crashed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export PATH="$PATH:/opt/swift/usr/bin"
if [ "${1:-}" = smoke ]; then
    # Deterministic: the same seed and number of runs generate the same inputs every time.
    set -- all 60 -seed=1
    smoke=1
else
    smoke=0
fi
[ $# -ge 2 ] || { sed -n '2,6p' "$0"; exit 64; }
which=$1; seconds=$2; shift 2

swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >&2
bin=$(swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --show-bin-path)

seeds_for() {
    case $1 in
        FuzzOSMPBF) echo "Corpus/pbf" ;;
        FuzzOSMXML) echo "Corpus/xml" ;;
        FuzzOSMLoad) echo "Corpus/pbf Corpus/xml" ;;
        FuzzPopulationCSV) echo "Corpus/csv" ;;
        FuzzGTFS) echo "Corpus/gtfs" ;;
        FuzzAsciiGrid) echo "Corpus/asc" ;;
        FuzzTargets) echo "Corpus/json" ;;
        FuzzScenario) echo "Corpus/scenario" ;;
        FuzzNetworkFile) echo "Corpus/wsn" ;;
        FuzzDestinations) echo "Corpus/destinations" ;;
        FuzzHTTPRequest) echo "Corpus/http" ;;
        FuzzBatch) echo "Corpus/batch" ;;
        FuzzGeoTIFF) echo "Corpus/tif" ;;
        *) echo "unknown harness '$1'" >&2; exit 64 ;;
    esac
}

smoke_runs() {
    case $1 in
        FuzzOSMPBF|FuzzPopulationCSV|FuzzAsciiGrid|FuzzTargets|FuzzScenario|FuzzNetworkFile|FuzzDestinations|FuzzHTTPRequest|FuzzBatch|FuzzGeoTIFF) echo 200000 ;;
        FuzzGTFS) echo 20000 ;;
        *) echo 1500 ;;
    esac
}

run_one() {
    local name=$1 work="$here/.work/$1"
    shift
    if [ "$smoke" = 1 ]; then set -- "$@" -runs="$(smoke_runs "$name")"; rm -rf "$work"; fi
    mkdir -p "$work/corpus"
    for d in $(seeds_for "$name"); do cp -n "$d"/* "$work/corpus/" 2>/dev/null || true; done
    # Real feeds from ../shared/data join the GTFS seeds when present (never committed here).
    if [ "$name" = FuzzGTFS ] && [ "$smoke" = 0 ]; then cp -n "$here"/../../../shared/data/*.gtfs-*.zip "$work/corpus/" 2>/dev/null || true; fi
    # Harnesses that read numbers from text get the dictionary of edge values.
    case $name in
        FuzzPopulationCSV|FuzzAsciiGrid|FuzzTargets|FuzzScenario|FuzzDestinations|FuzzBatch|FuzzOSMXML) set -- "$@" -dict="$here/Dictionaries/numbers.dict" ;;
    esac
    echo "== $name for ${seconds}s" >&2
    set +e
    "$bin/$name" "$work/corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$work/" "$@" 2> "$work/log.txt"
    local status=$?
    set -e
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$work/log.txt" | sed "s/^/$name: /"
    tail -n 1 "$work/log.txt" | sed "s/^/$name: /"
    ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | sed "s/^/$name: artifact /" || true
    return $status
}

status=0
if [ "$which" = all ]; then
    for h in FuzzOSMPBF FuzzOSMXML FuzzOSMLoad FuzzPopulationCSV FuzzGTFS FuzzAsciiGrid FuzzTargets FuzzScenario FuzzNetworkFile FuzzDestinations FuzzHTTPRequest FuzzBatch FuzzGeoTIFF; do run_one "$h" "$@" || status=1; done
else
    run_one "$which" "$@" || status=1
fi
exit $status
