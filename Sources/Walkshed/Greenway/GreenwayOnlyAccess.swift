/// Minutes to the nearest park for a resident who walks (over any street) to the nearest
/// greenway and from there stays on greenways, beside minutes over any street.
///
/// The rule, exactly: a place on a greenway edge starts on it; any other place walks to its
/// nearest greenway node (the least time over any usable edge; among equally near ones, the
/// one nearer a park along greenways, then the lower node) and continues along greenway edges
/// only, to the nearest point where a greenway touches a park (`GreenwayTouches`), then the
/// straight step into it. A place inside a park is 0; a place whose nearest greenway reaches
/// no park along greenways has none (`.infinity`).
public struct GreenwayOnlyAccess: Sendable {
    /// Per node, seconds along greenway edges only to the nearest park touch (`.infinity`
    /// for nodes on no greenway, or whose greenway touches no park).
    public let greenwaySeconds: [Double]
    /// Per node, seconds over any usable edge to its nearest greenway node, and that node (−1: none).
    public let entrySeconds: [Double]
    public let entry: [Int32]
    let greenCosts: ProfileCosts
    let parks: DestinationSet

    /// - Parameter parkTouches: per park, the greenway edges touching it.
    public init(graph: StreetGraph, costs: ProfileCosts, network: GreenwayNetwork, parkTouches: [[GreenwayTouches.Touch]], parkAreas: [PlanarPolygon]) {
        greenCosts = ProfileCosts(graph: graph, profile: costs.profile,
                                  forwardSeconds: graph.edgeMetres.indices.map { network.componentOfEdge[$0] >= 0 ? costs.forwardSeconds[$0] : .infinity },
                                  backwardSeconds: graph.edgeMetres.indices.map { network.componentOfEdge[$0] >= 0 ? costs.backwardSeconds[$0] : .infinity })
        let points = parkTouches.enumerated().flatMap { p, touches in
            touches.map { DestinationSet.AccessPoint(destination: Int32(p), snap: PlaceSnap(edge: $0.edge, fraction: $0.fraction, offsetMetres: Float($0.metres))) }
        }
        parks = DestinationSet(kind: .park, destinationCount: parkTouches.count, accessPoints: points, areas: parkAreas)
        greenwaySeconds = NearestTimes(graph: graph, costs: greenCosts, destinations: parks).nodeSeconds
        (entrySeconds, entry) = Self.nearestEntries(graph: graph, costs: costs, entries: network.nodes, greenwaySeconds: greenwaySeconds)
    }

    /// Per node, the least seconds over `costs` to one of `entries` and which one (ties: the
    /// lower `greenwaySeconds`, then the lower node). Labels are (seconds, greenway seconds,
    /// entry), ordered lexicographically, so the search settles each node's best label first.
    static func nearestEntries(graph: StreetGraph, costs: ProfileCosts, entries: [Int32], greenwaySeconds: [Double]) -> (seconds: [Double], entry: [Int32]) {
        var seconds = [Double](repeating: .infinity, count: graph.nodeCount), entry = [Int32](repeating: -1, count: graph.nodeCount)
        var settled = [Bool](repeating: false, count: graph.nodeCount)
        var heap = BinaryHeap<EntryLabel>()
        for g in entries { heap.push(EntryLabel(seconds: 0, greenway: greenwaySeconds[Int(g)], entry: g, node: g)) }
        while let label = heap.pop() {
            let u = Int(label.node)
            guard !settled[u] else { continue }
            settled[u] = true
            seconds[u] = label.seconds
            entry[u] = label.entry
            for a in Int(graph.firstOut[u])..<Int(graph.firstOut[u + 1]) {
                let v = Int(graph.head[a]), cost = costs.arcReverseSeconds[a]
                guard cost.isFinite, !settled[v] else { continue }
                heap.push(EntryLabel(seconds: label.seconds + Double(cost), greenway: label.greenway, entry: label.entry, node: Int32(v)))
            }
        }
        return (seconds, entry)
    }

    /// Seconds for one place (see the type's rule); `inside` when it lies in a park.
    public func seconds(from place: PlaceSnap?, inside: Bool, graph: StreetGraph, costs: ProfileCosts, network: GreenwayNetwork) -> Double {
        if inside { return 0 }
        guard let place else { return .infinity }
        let e = Int(place.edge), f = place.fraction
        if network.componentOfEdge[e] >= 0 {
            return NearestTimes(nodeSeconds: greenwaySeconds, destinations: parks).seconds(from: place, graph: graph, costs: greenCosts)
        }
        let off = Double(costs.offNetworkSeconds(place.offsetMetres))
        let tail = Int(graph.edgeTail[e]), head = Int(graph.edgeHead[e])
        var best = (seconds: Double.infinity, greenway: Double.infinity, entry: Int32.max)
        for (u, along) in [(tail, costs.secondsToTail(ofEdge: e, from: f)), (head, costs.secondsToHead(ofEdge: e, from: f))] {
            guard entry[u] >= 0, along.isFinite else { continue }
            let candidate = (seconds: Double(along) + entrySeconds[u], greenway: greenwaySeconds[Int(entry[u])], entry: entry[u])
            if (candidate.seconds, candidate.greenway, candidate.entry) < (best.seconds, best.greenway, best.entry) { best = candidate }
        }
        return off + best.seconds + best.greenway
    }
}

/// A node reached from a greenway entry: least seconds first, then the entry nearer a park
/// along greenways, then the lower entry, then the lower node.
struct EntryLabel: HeapOrdered {
    var seconds: Double
    var greenway: Double
    var entry: Int32
    var node: Int32
    func precedes(_ other: EntryLabel) -> Bool {
        (seconds, greenway, entry, node) < (other.seconds, other.greenway, other.entry, other.node)
    }
}
