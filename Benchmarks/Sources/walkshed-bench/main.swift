import Foundation
import WalkshedFormats

// walkshed-bench [--runs N] [extract…]
// Prints one JSON line per benchmark, input and thread count (see Benchmarks/README.md).
var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 5
if let i = arguments.firstIndex(of: "--runs"), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n > 0 {
    runs = n
    arguments.removeSubrange(i...(i + 1))
}
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
        print(try Workloads.read(path, runs: runs).jsonLine)
        let (city, _) = try CityFile.load(path)
        for threads in [1, 2] {
            print(Workloads.nearest(path, city: city, cutoffMetres: nil, threads: threads, runs: runs).jsonLine)
            print(Workloads.nearest(path, city: city, cutoffMetres: 2_400, threads: threads, runs: runs).jsonLine)
            print(Workloads.counts(path, city: city, metres: 1_200, threads: threads, runs: runs).jsonLine)
        }
        for threads in [1, 2] { print(try Workloads.endToEnd(path, threads: threads, runs: max(1, runs / 2)).jsonLine) }
    } catch {
        FileHandle.standardError.write(Data("walkshed-bench: \(error)\n".utf8))
        exit(1)
    }
}
