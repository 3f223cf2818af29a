import Foundation
import WalkshedFormats

// walkshed-bench [--runs N] [--only PREFIX] [--threads N] [--experiments] [extract…]
// (`--only W1+W2` times W1 and W2 as one block: run it alone for the peak memory of both.)
// Prints one JSON line per benchmark, input and thread count (see Benchmarks/README.md).
AllocatorPolicy.returnLargeBlocksWhenFreed()   // as the `walkshed` executable does
var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 5
if let i = arguments.firstIndex(of: "--runs"), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n > 0 {
    runs = n
    arguments.removeSubrange(i...(i + 1))
}
/// Only benchmarks whose name starts with this (`W1`, `W2-counts`, `read`), for profiling one.
var only = ""
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count {
    only = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
var threadCounts = [1, 2]
if let i = arguments.firstIndex(of: "--threads"), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n > 0 {
    threadCounts = [n]
    arguments.removeSubrange(i...(i + 1))
}
let onlyPrefix = only
/// `--experiments`: also W1 with the engine's former Dijkstra search (radix heap) and 4-ary heap, with Dial's buckets over
/// rounded times, and with the nodes renumbered in Hilbert order and in random order.
let experiments = arguments.contains("--experiments")
arguments.removeAll { $0 == "--experiments" }
func wanted(_ name: String) -> Bool { onlyPrefix.isEmpty || name.hasPrefix(onlyPrefix) }
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data")
let inputs = arguments.isEmpty
    ? [root.appendingPathComponent("Networks/helsinki.osm.pbf").path]
        + ["porto.osm.pbf", "oslo-east.osm.pbf", "porto-alegre.osm.pbf"].map { shared.appendingPathComponent($0).path }
            .filter { FileManager.default.fileExists(atPath: $0) }
    : arguments

for path in inputs {
    do {
        if wanted("read") { print(try Workloads.read(path, runs: runs).jsonLine) }
        let (city, _) = try CityFile.load(path)
        for threads in threadCounts {
            if wanted("W1-no-cutoff") { print(Workloads.nearest(path, city: city, cutoffMetres: nil, threads: threads, runs: runs).jsonLine) }
            if wanted("W1-cutoff") { print(Workloads.nearest(path, city: city, cutoffMetres: 2_400, threads: threads, runs: runs).jsonLine) }
            if wanted("W2") { print(Workloads.counts(path, city: city, metres: 1_200, threads: threads, runs: runs).jsonLine) }
            if !onlyPrefix.isEmpty && wanted("W1+W2") {
                print(Workloads.nearestAndCounts(path, city: city, threads: threads, runs: runs).jsonLine)
            }
        }
        if experiments && wanted("W1") {
            for threads in threadCounts {
                print(Workloads.nearestDijkstra(path, city: city, cutoffMetres: nil, threads: threads, runs: runs).jsonLine)
                print(Workloads.nearestDijkstra(path, city: city, cutoffMetres: 2_400, threads: threads, runs: runs).jsonLine)
            }
        }
        if experiments && wanted("W1-no-cutoff") {
            for threads in threadCounts { print(Workloads.nearestQuaternary(path, city: city, threads: threads, runs: runs).jsonLine) }
            for threads in threadCounts { print(Workloads.nearestDial(path, city: city, threads: threads, runs: runs).jsonLine) }
            for order in ["same", "hilbert", "random"] {
                let renumbered = Workloads.renumbered(city, order: order)
                for threads in threadCounts {
                    print(Workloads.nearest(path, city: renumbered, cutoffMetres: nil, threads: threads, runs: runs, variant: "-\(order)-order").jsonLine)
                }
            }
        }
        for threads in threadCounts where wanted("W3") { print(try Workloads.endToEnd(path, threads: threads, runs: max(1, runs / 2)).jsonLine) }
    } catch {
        FileHandle.standardError.write(Data("walkshed-bench: \(error)\n".utf8))
        exit(1)
    }
}
