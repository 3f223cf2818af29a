/// Park-to-park connectivity along greenways: which parks reach which within a distance
/// along `GreenwayRoutes` (greenway, and street stretches of at most the routes' limit
/// between greenway pieces), and the groups they form.
public struct ParkGreenwayLinks: Sendable {
    public struct Link: Sendable, Equatable {
        /// The two parks (indices into the parks given), `first < second`.
        public var first: Int32
        public var second: Int32
        /// Shortest route between them: from one park's touching point along greenways
        /// (and connectors) to the other's, counting the straight steps onto the greenway.
        public var metres: Double
    }

    /// Every pair of parks within the distance, by first then second park.
    public let links: [Link]
    /// Per park, its group: parks joined directly or through others share one (numbered by
    /// their lowest park, in order). A park touching no greenway is a group of its own.
    public let groupOfPark: [Int32]

    /// - Parameter parkTouches: per park, the greenway edges touching it (`GreenwayTouches.touches`).
    public init(parkTouches: [[GreenwayTouches.Touch]], graph: StreetGraph, routes: GreenwayRoutes, maxMetres: Double) {
        // Entries: the two ends of each touching edge, with the metres to walk there.
        let entries = parkTouches.map { touches in
            touches.flatMap { t -> [(node: Int32, metres: Double)] in
                let length = Double(graph.edgeMetres[Int(t.edge)]), f = Double(t.fraction)
                return [(graph.edgeTail[Int(t.edge)], t.metres + f * length), (graph.edgeHead[Int(t.edge)], t.metres + (1 - f) * length)]
            }
        }
        var entriesAtNode: [Int32: [(park: Int32, metres: Double)]] = [:]
        for (p, list) in entries.enumerated() { for e in list { entriesAtNode[e.node, default: []].append((Int32(p), e.metres)) } }
        var best: [Int64: Double] = [:]
        func offer(_ a: Int32, _ b: Int32, _ metres: Double) {
            guard a != b, metres <= maxMetres else { return }
            let key = Int64(min(a, b)) << 32 | Int64(max(a, b))
            if metres < best[key] ?? .infinity { best[key] = metres }
        }
        for (p, list) in entries.enumerated() where !list.isEmpty {
            for (node, metres) in routes.distances(from: list, limitMetres: maxMetres) {
                for other in entriesAtNode[node] ?? [] where other.park > Int32(p) { offer(Int32(p), other.park, metres + other.metres) }
            }
        }
        // Two parks touching one edge also meet along it, between their touching points.
        var touchesOfEdge: [Int32: [(park: Int32, touch: GreenwayTouches.Touch)]] = [:]
        for (p, touches) in parkTouches.enumerated() { for t in touches { touchesOfEdge[t.edge, default: []].append((Int32(p), t)) } }
        for (edge, list) in touchesOfEdge where list.count > 1 {
            let length = Double(graph.edgeMetres[Int(edge)])
            for i in list.indices { for j in list.indices where list[i].park < list[j].park {
                let a = list[i].touch, b = list[j].touch
                offer(list[i].park, list[j].park, a.metres + b.metres + abs(Double(a.fraction) - Double(b.fraction)) * length)
            } }
        }
        links = best.keys.sorted().map { Link(first: Int32($0 >> 32), second: Int32($0 & 0xFFFF_FFFF), metres: best[$0]!) }
        var sets = DisjointSets(count: parkTouches.count)
        for link in links { sets.union(link.first, link.second) }
        var number: [Int32: Int32] = [:]
        groupOfPark = parkTouches.indices.map { p in
            let r = sets.root(Int32(p))
            if let n = number[r] { return n }
            let n = Int32(number.count)
            number[r] = n
            return n
        }
    }

    /// Parks per group, by group.
    public var groupSizes: [Int] {
        var sizes = [Int](repeating: 0, count: (groupOfPark.max().map { Int($0) } ?? -1) + 1)
        for g in groupOfPark { sizes[Int(g)] += 1 }
        return sizes
    }

    /// Share of parks in the largest group (0 with no parks).
    public var largestGroupShare: Double {
        groupOfPark.isEmpty ? 0 : Double(groupSizes.max()!) / Double(groupOfPark.count)
    }
}
