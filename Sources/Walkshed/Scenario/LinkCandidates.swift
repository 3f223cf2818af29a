/// Candidate new links between network nodes that are close in a straight line but far apart
/// on the network (the break points of the walk network), and who each would bring within
/// the budget of a destination set.
public struct LinkCandidates: Sendable {
    public struct Link: Sendable, Equatable {
        public var from: Int32
        public var to: Int32
        /// Great-circle length of the straight link, in metres.
        public var metres: Double
        /// Walking time between the ends on today's network (`.infinity` beyond the search), in seconds.
        public var networkSeconds: Double
    }

    public let links: [Link]
    /// Per link, the places (not within the budget today) it would bring within it, ascending.
    public let covers: [[Int32]]

    /// Pairs of usable nodes at most `maxMetres` apart whose network time exceeds
    /// `detourFactor` times the straight walk, in node order; then their covers.
    /// - Parameters:
    ///   - times: today's times towards the destination set, from an unlimited search.
    ///   - uncovered: places not within the budget of the set today.
    public init(graph: StreetGraph, costs: ProfileCosts, projection: UTMProjection, maxMetres: Double, detourFactor: Double,
                times: NearestTimes, places: [PlaceSnap?], uncovered: [Bool], budgetSeconds: Double, threads: Int) {
        let speed = costs.profile.metresPerSecond
        var usable = [Bool](repeating: false, count: graph.nodeCount)
        for e in 0..<graph.edgeCount where costs.usableEdges[e] {
            usable[Int(graph.edgeTail[e])] = true; usable[Int(graph.edgeHead[e])] = true
        }
        // Nodes in square buckets of maxMetres, so neighbours within maxMetres are in the 3×3 block.
        let bounds = graph.bounds
        let size = max(maxMetres, 1)
        let columns = max(1, Int(((bounds.maxX - bounds.minX) / size).rounded(.down)) + 1)
        var buckets: [Int: [Int32]] = [:]
        @Sendable func bucket(_ u: Int) -> (Int, Int) {
            (Int((graph.nodeX[u] - bounds.minX) / size), Int((graph.nodeY[u] - bounds.minY) / size))
        }
        for u in 0..<graph.nodeCount where usable[u] { let (c, r) = bucket(u); buckets[r * columns + c, default: []].append(Int32(u)) }
        let nodeBuckets = buckets, usableNodes = usable

        let found = DisjointSlots<[Link]>(count: graph.nodeCount, initial: [])
        ParallelSearch.forEachChunk(itemCount: graph.nodeCount, threads: threads) { range in
            var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
            for u in range where usableNodes[u] {
                let (c, r) = bucket(u)
                var near: [(Int32, Double)] = []
                for dr in -1...1 {
                    for dc in -1...1 where c + dc >= 0 && c + dc < columns {
                        for v in nodeBuckets[(r + dr) * columns + c + dc] ?? [] where Int(v) > u {
                            let d = graph.position(of: u).distance(to: graph.position(of: Int(v)))
                            if d <= maxMetres && d >= 1 { near.append((v, d)) }
                        }
                    }
                }
                guard !near.isEmpty else { continue }
                workspace.search(graph, costs: costs, from: [SearchSource(node: Int32(u), seconds: 0)], direction: .outward,
                                 limitSeconds: Float(detourFactor * maxMetres / speed))
                var links: [Link] = []
                for (v, d) in near.sorted(by: { $0.0 < $1.0 }) {
                    let network = workspace.seconds[Int(v)]
                    guard network > detourFactor * d / speed else { continue }
                    let metres = GreatCircle.metres(projection.unproject(graph.position(of: u)), projection.unproject(graph.position(of: Int(v))))
                    links.append(Link(from: Int32(u), to: v, metres: metres, networkSeconds: network))
                }
                found.write(u, links)
            }
        }
        let links = found.finish().flatMap { $0 }
        self.links = links
        covers = Self.covers(of: links, graph: graph, costs: costs, times: times, places: places, uncovered: uncovered,
                             budgetSeconds: budgetSeconds, threads: threads)
    }

    /// For each link u–v walked in `c` seconds: places whose walk to u, then the link, then
    /// today's time from v (or the same from v to u) fits the budget.
    static func covers(of links: [Link], graph: StreetGraph, costs: ProfileCosts, times: NearestTimes, places: [PlaceSnap?],
                       uncovered: [Bool], budgetSeconds: Double, threads: Int) -> [[Int32]] {
        let byNode = PlacesByNode(graph: graph, snaps: places, include: uncovered)
        let speed = Float(costs.profile.metresPerSecond)
        let nowhere = DestinationSet(kind: .custom("node"), destinationCount: 0, accessPoints: [])
        let slots = DisjointSlots<[Int32]>(count: links.count, initial: [])
        ParallelSearch.forEachChunk(itemCount: links.count, threads: threads) { range in
            var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
            var seen = [Int32](repeating: -1, count: places.count)
            for k in range {
                let link = links[k]
                let linkSeconds = Double(Float(link.metres) / speed)
                var covered: [Int32] = []
                for (start, end) in [(link.from, link.to), (link.to, link.from)] {
                    let left = budgetSeconds - linkSeconds - times.nodeSeconds[Int(end)]
                    guard left >= 0 else { continue }
                    workspace.search(graph, costs: costs, from: [SearchSource(node: start, seconds: 0)], limitSeconds: Float(left))
                    let toStart = NearestTimes(nodeSeconds: workspace.seconds, limitSeconds: .infinity, destinations: nowhere)
                    for u in workspace.touched where workspace.seconds[Int(u)].isFinite {
                        for place in byNode.at(u) {
                            let i = Int(place)
                            guard seen[i] != Int32(k) else { continue }
                            if toStart.seconds(from: places[i]!, graph: graph, costs: costs) + linkSeconds + times.nodeSeconds[Int(end)] <= budgetSeconds {
                                seen[i] = Int32(k)
                                covered.append(Int32(i))
                            }
                        }
                    }
                }
                slots.write(k, covered.sorted())
            }
        }
        return slots.finish()
    }
}
