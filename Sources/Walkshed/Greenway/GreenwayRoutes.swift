/// Routes along greenways that may cross short stretches of ordinary street: the greenway
/// edges, plus one connector between every two greenway nodes joined by a street-only path
/// (no greenway edge on it) of at most `maxStreetMetres`. Distances in metres; edges are
/// walked both ways (a greenway is a route, whatever a one-way tag on a street says).
public struct GreenwayRoutes: Sendable {
    /// CSR over graph nodes: `firstOut[u]..<firstOut[u+1]` index `target` and `metres`.
    let firstOut: [Int32]
    let target: [Int32]
    let metres: [Double]
    /// Street connectors found, as (node, node, metres) with the first node the lower.
    public let connectors: [(from: Int32, to: Int32, metres: Double)]

    public init(graph: StreetGraph, network: GreenwayNetwork, usableEdges: [Bool], maxStreetMetres: Double) {
        var pairs: [(Int32, Int32, Double)] = []
        for edges in network.componentEdges {
            for e in edges {
                let m = Double(graph.edgeMetres[Int(e)])
                pairs.append((graph.edgeTail[Int(e)], graph.edgeHead[Int(e)], m))
                pairs.append((graph.edgeHead[Int(e)], graph.edgeTail[Int(e)], m))
            }
        }
        // Street-only searches from every greenway node with a street edge, stopping at greenway nodes.
        var found: [Int64: Double] = [:]
        var distance = [Double](repeating: .infinity, count: graph.nodeCount)
        var touched: [Int32] = []
        for source in network.nodes where maxStreetMetres > 0 {
            var heap = BinaryHeap<MetresEntry>()
            distance[Int(source)] = 0
            touched.append(source)
            heap.push(MetresEntry(metres: 0, node: source))
            while let entry = heap.pop() {
                let (d, u) = (entry.metres, entry.node)
                guard d == distance[Int(u)] else { continue }
                if u != source && network.componentOfNode[Int(u)] >= 0 {
                    let key = Int64(min(source, u)) << 32 | Int64(max(source, u))
                    if d < found[key] ?? .infinity { found[key] = d }
                    continue   // a greenway node ends the street stretch
                }
                for a in Int(graph.firstOut[Int(u)])..<Int(graph.firstOut[Int(u) + 1]) {
                    let e = Int(graph.arcEdge[a])
                    guard usableEdges[e], network.componentOfEdge[e] < 0 else { continue }
                    let v = graph.head[a], nd = d + Double(graph.edgeMetres[e])
                    guard nd <= maxStreetMetres, nd < distance[Int(v)] else { continue }
                    if distance[Int(v)] == .infinity { touched.append(v) }
                    distance[Int(v)] = nd
                    heap.push(MetresEntry(metres: nd, node: v))
                }
            }
            for u in touched { distance[Int(u)] = .infinity }
            touched.removeAll(keepingCapacity: true)
        }
        connectors = found.keys.sorted().map { (Int32($0 >> 32), Int32($0 & 0xFFFF_FFFF), found[$0]!) }
        for c in connectors {
            pairs.append((c.from, c.to, c.metres))
            pairs.append((c.to, c.from, c.metres))
        }
        var first = [Int32](repeating: 0, count: graph.nodeCount + 1)
        for (u, _, _) in pairs { first[Int(u) + 1] += 1 }
        for u in 0..<graph.nodeCount { first[u + 1] += first[u] }
        var next = first, target = [Int32](repeating: 0, count: pairs.count), metres = [Double](repeating: 0, count: pairs.count)
        for (u, v, m) in pairs {
            let k = Int(next[Int(u)]); next[Int(u)] += 1
            target[k] = v; metres[k] = m
        }
        firstOut = first
        self.target = target
        self.metres = metres
    }

    /// Metres from `sources` (node, metres already walked) to every node within `limitMetres`
    /// along the routes, as (node, metres) in order of distance.
    public func distances(from sources: [(node: Int32, metres: Double)], limitMetres: Double) -> [(node: Int32, metres: Double)] {
        var best: [Int32: Double] = [:]
        var heap = BinaryHeap<MetresEntry>()
        for s in sources where s.metres <= limitMetres && s.metres < best[s.node] ?? .infinity {
            best[s.node] = s.metres
            heap.push(MetresEntry(metres: s.metres, node: s.node))
        }
        var settled: [(node: Int32, metres: Double)] = []
        while let entry = heap.pop() {
            let (d, u) = (entry.metres, entry.node)
            guard d == best[u] else { continue }
            settled.append((u, d))
            for k in Int(firstOut[Int(u)])..<Int(firstOut[Int(u) + 1]) {
                let v = target[k], nd = d + metres[k]
                guard nd <= limitMetres, nd < best[v] ?? .infinity else { continue }
                best[v] = nd
                heap.push(MetresEntry(metres: nd, node: v))
            }
        }
        return settled
    }
}

/// A queued node and its metres: nearer first, then the lower node.
struct MetresEntry: HeapOrdered {
    var metres: Double
    var node: Int32
    func precedes(_ other: MetresEntry) -> Bool { metres != other.metres ? metres < other.metres : node < other.node }
}
