/// Reusable state of one Dijkstra search: tentative seconds per node, the queue (a radix heap;
/// the indexed 4-ary heap it replaced was 17–33 % slower on W1), and the list of touched nodes
/// so a reset costs only what the last search touched. A workspace made for a single search
/// whose labels become its answer (`listsTouchedNodes: false`) keeps no list — 4 bytes per
/// node less while it runs — and a reset then sweeps every label.
///
/// Invariant between searches: `seconds[u] == .infinity` for every `u` not in `touched`.
/// Labels are `Double` although arc costs are `Float`: sums over hundreds of edges drift by
/// centimetres in `Float` (1.9 cm on Porto, against scipy), and answers must be exact.
public struct SearchWorkspace: Sendable {
    /// Seconds from (or to) the nearest source; `.infinity` where not reached.
    public private(set) var seconds: [Double]
    /// `touchedNodes[..<touchedCount]` are the nodes the last search reached; a node enters
    /// once per search (when its label leaves `.infinity`), so `nodeCount` slots suffice.
    /// Empty when the workspace lists no touched nodes.
    private var touchedNodes: [Int32]
    /// Nodes the last search reached (listed in `touchedNodes` when it lists them).
    private var touchedCount = 0
    private let listsTouchedNodes: Bool
    var heap = RadixHeap()

    public init(nodeCount: Int, listsTouchedNodes: Bool = true) {
        seconds = [Double](repeating: .infinity, count: nodeCount)
        self.listsTouchedNodes = listsTouchedNodes
        // Left unwritten (any Int32 is valid and only `..<touchedCount` is ever read), so a
        // bounded search's workspace keeps in memory only the pages its touched list reaches.
        let listed = listsTouchedNodes ? nodeCount : 0
        touchedNodes = [Int32](unsafeUninitializedCapacity: listed) { _, initialized in initialized = listed }
    }

    /// Nodes whose `seconds` the last search set, in the order they were first reached.
    public var touched: ArraySlice<Int32> {
        precondition(listsTouchedNodes, "this workspace lists no touched nodes")
        return touchedNodes[..<touchedCount]
    }

    /// Clears the last search, touching only what it touched (every label, when the workspace
    /// lists no touched nodes and the last search reached any).
    public mutating func reset() {
        if listsTouchedNodes {
            for u in touchedNodes[..<touchedCount] { seconds[Int(u)] = .infinity }
        } else if touchedCount > 0 {
            seconds.withUnsafeMutableBufferPointer { $0.update(repeating: .infinity) }
        }
        touchedCount = 0
        heap.removeAll()
    }

    /// Multi-source Dijkstra from `sources`, settling nodes until the queue is empty or the next
    /// node is beyond `limitSeconds`. Nodes beyond the limit keep `.infinity` (labels above it
    /// are never pushed, and a source given beyond it is reset after the search).
    /// - Complexity: O(m + n · 64) over the nodes and arcs within the limit (each entry moves
    ///   down at most 64 buckets).
    public mutating func search(_ graph: StreetGraph, costs: ProfileCosts, from sources: [SearchSource],
                                direction: SearchDirection = .towardSources,
                                limitSeconds: Float = .infinity) {
        var ignore = IgnoreSettledNodes()
        search(graph, costs: costs, from: sources, direction: direction, limitSeconds: limitSeconds, visiting: &ignore)
    }

    /// `search`, telling `visitor` about each node as it is settled (in order of time, each
    /// node once, only within the limit), while its arcs are still in cache.
    mutating func search<Visitor: SettledNodeVisitor>(_ graph: StreetGraph, costs: ProfileCosts, from sources: [SearchSource],
                                                      direction: SearchDirection, limitSeconds: Float,
                                                      visiting visitor: inout Visitor) {
        precondition(graph.nodeCount == seconds.count, "workspace sized for another graph")
        reset()
        heap.makeUnique()
        let arcCosts = direction == .outward ? costs.arcSeconds : costs.arcReverseSeconds
        let limit = Double(limitSeconds)
        let lists = listsTouchedNodes
        var reached = 0
        seconds.withUnsafeMutableBufferPointer { seconds in
            touchedNodes.withUnsafeMutableBufferPointer { touched in
                for s in sources {
                    precondition(s.seconds >= 0 && s.seconds.isFinite, "source seconds must be finite and ≥ 0")
                    let u = Int(s.node)
                    if Double(s.seconds) < seconds[u] {
                        if seconds[u] == .infinity {
                            if lists { touched[reached] = s.node }
                            reached += 1
                        }
                        seconds[u] = Double(s.seconds)
                        heap.pushUnique(s.node, seconds: Double(s.seconds))
                    }
                }
                graph.firstOut.withUnsafeBufferPointer { firstOut in
                    graph.head.withUnsafeBufferPointer { head in
                        arcCosts.withUnsafeBufferPointer { cost in
                            while !heap.isEmpty {
                                let (u, key) = heap.popMinUnique()
                                if key > limit { break }
                                if key > seconds[Int(u)] { continue }   // stale: u was settled with a smaller time
                                visitor.settled(u, seconds: key)
                                for a in Int(firstOut[Int(u)])..<Int(firstOut[Int(u) + 1]) {
                                    let candidate = key + Double(cost[a])
                                    let v = Int(head[a])
                                    // Beyond the limit a label can never be read: not pushed at all.
                                    if candidate <= limit && candidate < seconds[v] {
                                        if seconds[v] == .infinity {
                                            if lists { touched[reached] = Int32(v) }
                                            reached += 1
                                        }
                                        seconds[v] = candidate
                                        heap.pushUnique(Int32(v), seconds: candidate)
                                    }
                                }
                            }
                        }
                    }
                }
                if limitSeconds.isFinite && lists {
                    for u in touched[..<reached] where seconds[Int(u)] > limit { seconds[Int(u)] = .infinity }
                } else if limitSeconds.isFinite {
                    for u in seconds.indices where seconds[u] > limit { seconds[u] = .infinity }
                }
            }
        }
        touchedCount = reached
    }
}

/// Told about each node a search settles.
protocol SettledNodeVisitor {
    mutating func settled(_ node: Int32, seconds: Double)
}

/// The visitor of a plain search: does nothing (and compiles away).
struct IgnoreSettledNodes: SettledNodeVisitor {
    @inline(__always) func settled(_ node: Int32, seconds: Double) {}
}
