/// Greenway measures for places: seconds to the nearest greenway, and metres of greenway
/// reachable within a budget (partly reached edges count in part).
///
/// A place on a greenway is on it (its off-network walk only). Reach is exact on the network:
/// for each greenway edge of length L, a bounded search from each of its ends gives every
/// nearby place its time to that end, `tT` and `tH`; the place then reaches `[0, a] ∪ [L − b, L]`
/// of the edge, with `a` and `b` the metres left of the budget at each end, plus the stretch
/// around itself when it stands on the edge. Each worker sums its edges' metres in fixed point
/// (micrometres), so totals are the same whatever the thread count.
public struct GreenwayAccess: Sendable {
    /// Seconds to the nearest greenway, per place; `.infinity` for none or no snap.
    public let seconds: [Double]
    /// Metres of greenway within the budget, per place; 0 for places without a snap.
    public let reachableMetres: [Double]

    static let unitsPerMetre = 1e6

    public init(places: [PlaceSnap?], graph: StreetGraph, costs: ProfileCosts, budgetSeconds: Double, threads: Int) {
        let greenways = (0..<graph.edgeCount).filter {
            graph.edgeFlags[$0].contains(.greenway) && costs.usableEdges[$0]
        }
        var points: [DestinationSet.AccessPoint] = []
        for (i, e) in greenways.enumerated() {
            points.append(.init(destination: Int32(i), snap: PlaceSnap(edge: Int32(e), fraction: 0, offsetMetres: 0)))
            points.append(.init(destination: Int32(i), snap: PlaceSnap(edge: Int32(e), fraction: 1, offsetMetres: 0)))
        }
        let set = DestinationSet(kind: .custom("greenway"), destinationCount: greenways.count, accessPoints: points)
        var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
        let nearest = NearestTimes(graph: graph, costs: costs, destinations: set, workspace: &workspace)
        seconds = places.map { place in
            guard let place else { return .infinity }
            if graph.edgeFlags[Int(place.edge)].contains(.greenway) && costs.usableEdges[Int(place.edge)] {
                return Double(costs.offNetworkSeconds(place.offsetMetres))
            }
            return nearest.seconds(from: place, graph: graph, costs: costs)
        }

        let index = PlaceNodeIndex(places: places, graph: graph, costs: costs)
        let workers = max(1, min(threads, greenways.count))
        let partials = ParallelSearch.map(itemCount: workers, threads: workers) { worker -> [UInt64] in
            var scan = GreenwayReachScan(placeCount: places.count, nodeCount: graph.nodeCount)
            for k in stride(from: worker, to: greenways.count, by: workers) {
                scan.add(edge: greenways[k], places: places, index: index, graph: graph, costs: costs, budgetSeconds: budgetSeconds)
            }
            return scan.units
        }
        var units = [UInt64](repeating: 0, count: places.count)
        for partial in partials { for p in 0..<places.count { units[p] &+= partial[p] } }
        reachableMetres = units.map { Double($0) / Self.unitsPerMetre }
    }
}

/// One worker's state for `GreenwayAccess`: times from places to the current edge's two ends.
struct GreenwayReachScan {
    var units: [UInt64]
    var workspace: SearchWorkspace
    var toTail: [Double]
    var toHead: [Double]
    var touchedPlaces: [Int32] = []

    init(placeCount: Int, nodeCount: Int) {
        units = [UInt64](repeating: 0, count: placeCount)
        workspace = SearchWorkspace(nodeCount: nodeCount)
        toTail = [Double](repeating: .infinity, count: placeCount)
        toHead = [Double](repeating: .infinity, count: placeCount)
    }

    /// Fills `toHead` (or `toTail`) with each nearby place's seconds to `node` (within `limit`).
    mutating func times(to node: Int32, head: Bool, index: PlaceNodeIndex, graph: StreetGraph, costs: ProfileCosts,
                        limit: Double) {
        workspace.search(graph, costs: costs, from: [SearchSource(node: node, seconds: 0)], limitSeconds: Float(limit))
        for u in workspace.touched {
            let t = workspace.seconds[Int(u)]
            guard t <= limit else { continue }
            for k in Int(index.first[Int(u)])..<Int(index.first[Int(u) + 1]) {
                let p = Int(index.place[k]), total = t + Double(index.secondsToNode[k])
                if toTail[p] == .infinity && toHead[p] == .infinity { touchedPlaces.append(Int32(p)) }
                if head { toHead[p] = min(toHead[p], total) } else { toTail[p] = min(toTail[p], total) }
            }
        }
    }

    mutating func add(edge e: Int, places: [PlaceSnap?], index: PlaceNodeIndex, graph: StreetGraph, costs: ProfileCosts,
                      budgetSeconds: Double) {
        times(to: graph.edgeTail[e], head: false, index: index, graph: graph, costs: costs, limit: budgetSeconds)
        times(to: graph.edgeHead[e], head: true, index: index, graph: graph, costs: costs, limit: budgetSeconds)
        let length = Double(graph.edgeMetres[e])
        // Seconds per metre walking the edge forwards (tail → head) and backwards.
        let forward = Double(costs.forwardSeconds[e]) / length, backward = Double(costs.backwardSeconds[e]) / length
        for p32 in touchedPlaces {
            let p = Int(p32), place = places[p]!
            let budget = budgetSeconds - Double(costs.offNetworkSeconds(place.offsetMetres))
            var intervals: [(Double, Double)] = []
            if forward.isFinite, toTail[p] <= budget { intervals.append((0, (budget - toTail[p]) / forward)) }
            if backward.isFinite, toHead[p] <= budget { intervals.append((length - (budget - toHead[p]) / backward, length)) }
            if Int(place.edge) == e, budget >= 0 {
                let at = Double(place.fraction) * length
                intervals.append((backward.isFinite ? at - budget / backward : at, forward.isFinite ? at + budget / forward : at))
            }
            let metres = Self.unionLength(intervals, within: length)
            units[p] &+= UInt64((metres * GreenwayAccess.unitsPerMetre).rounded())
            toTail[p] = .infinity
            toHead[p] = .infinity
        }
        touchedPlaces.removeAll(keepingCapacity: true)
    }

    /// Length of the union of `intervals` clipped to [0, length].
    static func unionLength(_ intervals: [(Double, Double)], within length: Double) -> Double {
        let clipped = intervals.map { (max(0, $0.0), min(length, $0.1)) }.filter { $0.0 < $0.1 }.sorted { $0.0 < $1.0 }
        var total = 0.0, end = -Double.infinity
        for (a, b) in clipped {
            if b <= end { continue }
            total += b - max(a, end)
            end = b
        }
        return total
    }
}
