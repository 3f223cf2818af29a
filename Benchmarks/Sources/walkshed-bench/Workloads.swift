import Foundation
import Walkshed
import WalkshedFormats

/// The workloads of issue 5 that the engine supports today. Setup (loading, snapping the
/// destinations) stays outside the timer; every run's result is checked with a precondition.
enum Workloads {
    /// Destination kinds of W1 (park, food, healthcare, education, transit), as in issue 5.
    static let w1Kinds = ["park", "food", "healthcare", "education", "transit"]

    /// The benchmarks' costs (1 m/s, so seconds are metres) and the W1 kinds the city has
    /// destinations for, snapped as `walkshed analyze` snaps them (outside every timer).
    static func w1Setup(_ city: City) -> (costs: ProfileCosts, used: [DestinationSet]) {
        let costs = ProfileCosts(graph: city.graph, profile: TravelProfile(name: "metres", metresPerSecond: 1))
        var diagnostics = Diagnostics()
        let used = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
            .filter { w1Kinds.contains($0.name) && !$0.accessPoints.isEmpty }
        return (costs, used)
    }

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
    static func nearest(_ path: String, city: City, cutoffMetres: Float?, threads: Int, runs: Int, variant: String = "") -> Measurement {
        let graph = city.graph
        let (costs, used) = w1Setup(city)
        let limit = cutoffMetres ?? .infinity
        let seconds = Measurement.time(runs: runs) {
            let times: [NearestTimes] = ParallelSearch.map(itemCount: used.count, threads: threads) { i in
                NearestTimes(graph: graph, costs: costs, destinations: used[i], limitSeconds: limit)
            }
            precondition(times.allSatisfy { $0.nodeSeconds.contains { $0 == 0 || $0.isFinite } })
        }
        let label = (cutoffMetres.map { "W1-cutoff-\(Int($0))m" } ?? "W1-no-cutoff") + variant
        return Measurement(benchmark: label, input: name(path), threads: threads, nodes: graph.nodeCount, arcs: graph.arcCount,
                           seconds: seconds, note: "\(used.count) kinds with destinations: \(used.map(\.name).joined(separator: " "))")
    }

    /// Experiment: W1 (without cutoff, or with `cutoffMetres`) with the radix-heap Dijkstra
    /// search the engine ran before its band-by-band sweep (`SearchWorkspace`), answers
    /// checked bit for bit against the sweep's first.
    static func nearestDijkstra(_ path: String, city: City, cutoffMetres: Float?, threads: Int, runs: Int) -> Measurement {
        let graph = city.graph
        let (costs, used) = w1Setup(city)
        let limit = cutoffMetres ?? .infinity
        for set in used {
            var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
            let dijkstra = NearestTimes(graph: graph, costs: costs, destinations: set, limitSeconds: limit, workspace: &workspace).nodeSeconds
            precondition(dijkstra == NearestTimes(graph: graph, costs: costs, destinations: set, limitSeconds: limit).nodeSeconds,
                         "Dijkstra's answers differ from the sweep's for \(set.name)")
        }
        let seconds = Measurement.time(runs: runs) {
            let times: [[Double]] = ParallelSearch.map(itemCount: used.count, threads: threads) { i in
                var workspace = SearchWorkspace(nodeCount: graph.nodeCount, listsTouchedNodes: false)
                return NearestTimes(graph: graph, costs: costs, destinations: used[i], limitSeconds: limit, workspace: &workspace).nodeSeconds
            }
            precondition(times.allSatisfy { $0.contains { $0.isFinite } })
        }
        let label = (cutoffMetres.map { "W1-cutoff-\(Int($0))m" } ?? "W1-no-cutoff") + "-dijkstra"
        return Measurement(benchmark: label, input: name(path), threads: threads, nodes: graph.nodeCount, arcs: graph.arcCount,
                           seconds: seconds, note: "\(used.count) kinds with destinations: \(used.map(\.name).joined(separator: " "))")
    }

    /// Experiment: W1 without cutoff with the indexed 4-ary heap the engine used before its
    /// radix heap (`QuaternaryHeapSearch`), answers checked bit for bit against the engine's first.
    static func nearestQuaternary(_ path: String, city: City, threads: Int, runs: Int) -> Measurement {
        let graph = city.graph
        let (costs, used) = w1Setup(city)
        let sources = used.map { $0.searchSources(graph: graph, costs: costs) }
        for (k, set) in used.enumerated() {
            var workspace = SearchWorkspace(nodeCount: graph.nodeCount), old = QuaternaryHeapSearch(nodeCount: graph.nodeCount)
            let engine = NearestTimes(graph: graph, costs: costs, destinations: set, workspace: &workspace).nodeSeconds
            old.search(graph, costs: costs, from: sources[k])
            precondition(old.seconds == engine, "4-ary heap answers differ from the engine's for \(set.name)")
        }
        let seconds = Measurement.time(runs: runs) {
            let times: [[Double]] = ParallelSearch.map(itemCount: used.count, threads: threads) { i in
                var search = QuaternaryHeapSearch(nodeCount: graph.nodeCount)
                search.search(graph, costs: costs, from: sources[i])
                return search.seconds
            }
            precondition(times.allSatisfy { $0.contains { $0.isFinite } })
        }
        return Measurement(benchmark: "W1-no-cutoff-4ary-heap", input: name(path), threads: threads, nodes: graph.nodeCount, arcs: graph.arcCount,
                           seconds: seconds, note: "\(used.count) kinds with destinations: \(used.map(\.name).joined(separator: " "))")
    }

    /// Experiment: W1 without cutoff with Dial's buckets over arc times rounded to tenths of a
    /// second (`DialSearch`); the note gives its largest difference from the engine's answers.
    static func nearestDial(_ path: String, city: City, threads: Int, runs: Int) -> Measurement {
        let graph = city.graph
        let (costs, used) = w1Setup(city)
        let sources = used.map { $0.searchSources(graph: graph, costs: costs) }
        let template = DialSearch(graph: graph, costs: costs)
        var worst = 0.0
        for (k, set) in used.enumerated() {
            var workspace = SearchWorkspace(nodeCount: graph.nodeCount), dial = template
            let engine = NearestTimes(graph: graph, costs: costs, destinations: set, workspace: &workspace).nodeSeconds
            dial.search(graph, from: sources[k])
            for (a, b) in zip(engine, dial.seconds) {
                precondition(a.isFinite == b.isFinite, "Dial reaches other nodes than the engine for \(set.name)")
                if a.isFinite { worst = max(worst, abs(a - b)) }
            }
        }
        let seconds = Measurement.time(runs: runs) {
            let labels: [[Int]] = ParallelSearch.map(itemCount: used.count, threads: threads) { i in
                var dial = template
                dial.search(graph, from: sources[i])
                return dial.tenths
            }
            precondition(labels.allSatisfy { $0.contains { $0 != .max } })
        }
        return Measurement(benchmark: "W1-no-cutoff-dial-tenths", input: name(path), threads: threads, nodes: graph.nodeCount,
                           arcs: graph.arcCount, seconds: seconds,
                           note: "answers up to \(String(format: "%.2f", worst)) s (m) off the engine's: rounded arc times")
    }

    /// Experiment: the city with its nodes renumbered (`hilbert`: along a Hilbert curve;
    /// `random`: shuffled with a fixed seed; `same`: ids kept, the graph only rebuilt in place,
    /// which separates the effect of the order from that of a freshly built graph's memory),
    /// after checking that W1's answers are the same times under the new ids.
    static func renumbered(_ city: City, order: String) -> City {
        var newID: [Int32]
        if order == "hilbert" { newID = city.graph.hilbertOrder() } else if order == "same" {
            newID = (0..<Int32(city.graph.nodeCount)).map { $0 }
        } else {
            newID = (0..<Int32(city.graph.nodeCount)).map { $0 }
            var state: UInt64 = 12_345
            for i in stride(from: newID.count - 1, to: 0, by: -1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                newID.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
            }
        }
        var copy = city
        copy.graph = city.graph.renumbered(newID)
        let costs = ProfileCosts(graph: city.graph, profile: TravelProfile(name: "metres", metresPerSecond: 1))
        let newCosts = ProfileCosts(graph: copy.graph, profile: TravelProfile(name: "metres", metresPerSecond: 1))
        var diagnostics = Diagnostics()
        let sets = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
        let newSets = copy.destinationSets(usableEdges: newCosts.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
        if let k = sets.firstIndex(where: { !$0.accessPoints.isEmpty }) {
            var a = SearchWorkspace(nodeCount: city.graph.nodeCount), b = a
            let before = NearestTimes(graph: city.graph, costs: costs, destinations: sets[k], workspace: &a).nodeSeconds
            let after = NearestTimes(graph: copy.graph, costs: newCosts, destinations: newSets[k], workspace: &b).nodeSeconds
            precondition((0..<before.count).allSatisfy { before[$0] == after[Int(newID[$0])] }, "renumbering changed W1's answers")
        }
        return copy
    }

    /// W2: for every node, how many destinations of each W1 kind lie within `metres` (at
    /// 1 m/s); nodes are places at the end of their first edge.
    static func counts(_ path: String, city: City, metres: Double, threads: Int, runs: Int) -> Measurement {
        let graph = city.graph
        let (costs, used) = w1Setup(city)
        let places = PlaceSnap.atNodes(of: graph)
        let seconds = Measurement.time(runs: runs) {
            let results = DestinationCounts.forSets(used, places: places, graph: graph, costs: costs, thresholdSeconds: metres,
                                                    decay: .step, threads: threads)
            let total = results.reduce(0) { $0 + $1.counts.reduce(0) { $0 + Int($1) } }
            precondition(total > 0)
        }
        return Measurement(benchmark: "W2-counts-\(Int(metres))m", input: name(path), threads: threads, nodes: graph.nodeCount,
                           arcs: graph.arcCount, seconds: seconds,
                           note: "\(used.count) kinds with destinations: \(used.map(\.name).joined(separator: " "))")
    }

    /// W1 without cutoff and W2 together, as one timed block (the issue's 1M-node target), as
    /// `walkshed analyze` runs them: one pool of workers (`NearestAndCounts`). Run alone in a
    /// fresh process, its `peak_rss_mib` is that of loading the city plus both.
    static func nearestAndCounts(_ path: String, city: City, threads: Int, runs: Int) -> Measurement {
        let graph = city.graph
        let (costs, used) = w1Setup(city)
        let places = PlaceSnap.atNodes(of: graph)
        let seconds = Measurement.time(runs: runs) {
            let both = NearestAndCounts(graph: graph, costs: costs, nearest: used, counting: used, places: places,
                                        thresholdSeconds: 1_200, decay: .step, threads: threads)
            precondition(both.times.count == used.count && both.counts.contains { $0.counts.contains { $0 > 0 } })
        }
        return Measurement(benchmark: "W1+W2", input: name(path), threads: threads, nodes: graph.nodeCount, arcs: graph.arcCount,
                           seconds: seconds, note: "\(used.count) kinds with destinations: \(used.map(\.name).joined(separator: " "))")
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
                                              options: options)
            let transaction = OutputTransaction()
            // Every grid as ESRI ASCII, the CSV and the GeoJSON: the files W3 has always timed.
            try! AnalysisFiles.stage(result, projection: city.projection, in: folder.path, transaction: transaction,
                                     formats: [.asc, .csv, .geojson], threads: threads)
            try! transaction.commit()
            precondition(result.cellsOnNetwork > 0)
        }
        return Measurement(benchmark: "W3-end-to-end", input: name(path), threads: threads, nodes: nodes, arcs: arcs, seconds: seconds)
    }

    static func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
}
