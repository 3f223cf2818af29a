import Foundation
import Walkshed
import WalkshedFormats

/// The workloads of issue 5 that the engine supports today. Setup (loading, snapping the
/// destinations) stays outside the timer; every run's result is checked with a precondition.
enum Workloads {
    /// Destination kinds of W1 (park, food, healthcare, education, transit), as in issue 5.
    static let w1Kinds = ["park", "food", "healthcare", "education", "transit"]

    /// Reading: extract → ready graph (three passes, build, largest component, greenways), or a
    /// `.wsn` network file → the same graph (one copy per array, then the CSR build).
    static func read(_ path: String, runs: Int) throws -> Measurement {
        let (city, _) = try CityFile.load(path)
        let seconds = Measurement.time(runs: runs) {
            let (again, _) = try! CityFile.load(path)
            precondition(again.graph.nodeCount == city.graph.nodeCount)
        }
        return Measurement(benchmark: "read", input: name(path), threads: 1, nodes: city.graph.nodeCount,
                           arcs: city.graph.arcCount, seconds: seconds)
    }

    /// W1: time from every node to the nearest destination of each W1 kind that the extract
    /// has, at 1 m/s (so seconds are metres), with no cutoff or with `cutoffMetres`.
    static func nearest(_ path: String, city: City, cutoffMetres: Float?, threads: Int, runs: Int) -> Measurement {
        let graph = city.graph
        let costs = ProfileCosts(graph: graph, profile: TravelProfile(name: "metres", metresPerSecond: 1))
        var diagnostics = Diagnostics()
        let used = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
            .filter { w1Kinds.contains($0.name) && !$0.accessPoints.isEmpty }
        let limit = cutoffMetres ?? .infinity
        let seconds = Measurement.time(runs: runs) {
            let times: [NearestTimes] = ParallelSearch.map(itemCount: used.count, threads: threads) { i in
                var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
                return NearestTimes(graph: graph, costs: costs, destinations: used[i], limitSeconds: limit, workspace: &workspace)
            }
            precondition(times.allSatisfy { $0.nodeSeconds.contains { $0 == 0 || $0.isFinite } })
        }
        let label = cutoffMetres.map { "W1-cutoff-\(Int($0))m" } ?? "W1-no-cutoff"
        return Measurement(benchmark: label, input: name(path), threads: threads, nodes: graph.nodeCount, arcs: graph.arcCount,
                           seconds: seconds, note: "\(used.count) kinds with destinations: \(used.map(\.name).joined(separator: " "))")
    }

    /// W2: for every node, how many destinations of each W1 kind lie within `metres` (at
    /// 1 m/s); nodes are places at the end of their first edge.
    static func counts(_ path: String, city: City, metres: Double, threads: Int, runs: Int) -> Measurement {
        let graph = city.graph
        let costs = ProfileCosts(graph: graph, profile: TravelProfile(name: "metres", metresPerSecond: 1))
        var diagnostics = Diagnostics()
        let used = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
            .filter { w1Kinds.contains($0.name) && !$0.accessPoints.isEmpty }
        let places: [PlaceSnap?] = (0..<graph.nodeCount).map { u in
            let first = Int(graph.firstOut[u])
            guard first < Int(graph.firstOut[u + 1]) else { return nil }
            return PlaceSnap(edge: graph.arcEdge[first], fraction: graph.arcIsBackward[first] ? 1 : 0, offsetMetres: 0)
        }
        let seconds = Measurement.time(runs: runs) {
            var total = 0
            for set in used {
                let result = DestinationCounts(places: places, graph: graph, costs: costs, destinations: set,
                                               thresholdSeconds: metres, decay: .step, threads: threads)
                total += result.counts.reduce(0) { $0 + Int($1) }
            }
            precondition(total > 0)
        }
        return Measurement(benchmark: "W2-counts-\(Int(metres))m", input: name(path), threads: threads, nodes: graph.nodeCount,
                           arcs: graph.arcCount, seconds: seconds,
                           note: "\(used.count) kinds with destinations: \(used.map(\.name).joined(separator: " "))")
    }

    /// W3: end to end, extract → every grid file, as `walkshed analyze` does it (outputs
    /// staged in a temporary folder and removed).
    static func endToEnd(_ path: String, threads: Int, runs: Int) throws -> Measurement {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkshed-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var nodes = 0, arcs = 0
        let seconds = Measurement.time(runs: runs) {
            let (city, _) = try! CityFile.load(path)
            nodes = city.graph.nodeCount; arcs = city.graph.arcCount
            let costs = ProfileCosts(graph: city.graph, profile: .walk())
            var diagnostics = Diagnostics()
            let sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
            var options = CoverageOptions()
            options.threads = threads
            options.area = city.extent
            let result = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: sets,
                                              parkPolygons: city.parks.map(\.polygon), options: options)
            let transaction = OutputTransaction()
            try! AnalysisFiles.stage(result, projection: city.projection, in: folder.path, transaction: transaction)
            try! transaction.commit()
            precondition(result.cellsOnNetwork > 0)
        }
        return Measurement(benchmark: "W3-end-to-end", input: name(path), threads: threads, nodes: nodes, arcs: arcs, seconds: seconds)
    }

    static func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
}
