/// Times from every node to its `k` nearest *distinct* destinations of one set: a destination
/// reached through several access points counts once, at its nearest one.
///
/// Computed by a k-label multi-source Dijkstra: queue entries are (seconds, node, destination);
/// a node settles at most `k` labels, each for a different destination, in increasing time.
/// Labels of node `u` are `seconds[u*k ..< u*k + labelCount[u]]` (ascending) with their
/// destinations in `destination` at the same indices.
/// - Complexity: O(k · (n + m) · log(k · m)) time, n · k · 8 bytes of labels.
public struct NearestDestinations: Sendable {
    /// Labels kept per node, 1...32.
    public let k: Int
    public let seconds: [Float]
    public let destination: [Int32]
    public let labelCount: [UInt8]
    public let destinations: DestinationSet
    /// Search limit in seconds (`.infinity` for none).
    public let limitSeconds: Float

    public init(graph: StreetGraph, costs: ProfileCosts, destinations: DestinationSet, k: Int,
                limitSeconds: Float = .infinity) {
        precondition((1...32).contains(k), "k must be in 1...32")
        self.k = k
        self.destinations = destinations
        self.limitSeconds = limitSeconds
        var seconds = [Float](repeating: .infinity, count: graph.nodeCount * k)
        var owner = [Int32](repeating: -1, count: graph.nodeCount * k)
        var count = [UInt8](repeating: 0, count: graph.nodeCount)
        var queue = LabelQueue()
        for point in destinations.accessPoints {
            let e = Int(point.snap.edge), f = point.snap.fraction
            let off = costs.offNetworkSeconds(point.snap.offsetMetres)
            let fromTail = costs.secondsFromTail(ofEdge: e, to: f) + off, fromHead = costs.secondsFromHead(ofEdge: e, to: f) + off
            if fromTail <= limitSeconds { queue.push(Label(seconds: fromTail, node: graph.edgeTail[e], destination: point.destination)) }
            if fromHead <= limitSeconds { queue.push(Label(seconds: fromHead, node: graph.edgeHead[e], destination: point.destination)) }
        }
        func settled(_ u: Int, _ d: Int32) -> Bool {
            for i in (u * k)..<(u * k + Int(count[u])) where owner[i] == d { return true }
            return false
        }
        while let label = queue.pop() {
            let u = Int(label.node)
            guard Int(count[u]) < k, !settled(u, label.destination) else { continue }
            seconds[u * k + Int(count[u])] = label.seconds
            owner[u * k + Int(count[u])] = label.destination
            count[u] += 1
            for a in Int(graph.firstOut[u])..<Int(graph.firstOut[u + 1]) {
                let t = label.seconds + costs.arcReverseSeconds[a]
                let v = Int(graph.head[a])
                guard t <= limitSeconds, Int(count[v]) < k, !settled(v, label.destination) else { continue }
                queue.push(Label(seconds: t, node: Int32(v), destination: label.destination))
            }
        }
        self.seconds = seconds
        self.destination = owner
        labelCount = count
    }

    /// The up to `k` nearest distinct destinations of a snapped place, nearest first (ties by
    /// destination id): leaving its edge by the tail or the head, or walking along the edge to
    /// a destination on it, plus the walk onto the network. Exact: a destination missing from
    /// both ends' labels is no nearer than `k` others through that end.
    public func nearest(from place: PlaceSnap, graph: StreetGraph, costs: ProfileCosts) -> [(destination: Int32, seconds: Float)] {
        let e = Int(place.edge), f = place.fraction
        var best: [Int32: Float] = [:]
        func offer(_ d: Int32, _ t: Float) { if t < best[d] ?? .infinity { best[d] = t } }
        let ends = [(Int(graph.edgeTail[e]), costs.secondsToTail(ofEdge: e, from: f)),
                    (Int(graph.edgeHead[e]), costs.secondsToHead(ofEdge: e, from: f))]
        for (u, toEnd) in ends where toEnd.isFinite {
            for i in (u * k)..<(u * k + Int(labelCount[u])) { offer(destination[i], toEnd + seconds[i]) }
        }
        for point in destinations.accessPoints(onEdge: place.edge) {
            let g = point.snap.fraction
            let along = costs.secondsAlong(edge: e, from: f, to: g)
            offer(point.destination, along + costs.offNetworkSeconds(point.snap.offsetMetres))
        }
        let off = costs.offNetworkSeconds(place.offsetMetres)
        return best.map { (destination: $0.key, seconds: $0.value + off) }
            .filter { $0.seconds <= limitSeconds }
            .sorted { ($0.seconds, $0.destination) < ($1.seconds, $1.destination) }
            .prefix(k).map { $0 }
    }
}

/// One queue entry of the k-label search.
struct Label {
    var seconds: Float
    var node: Int32
    var destination: Int32

    /// Total order (seconds, node, destination), so the pop order is deterministic.
    @inline(__always)
    func precedes(_ other: Label) -> Bool {
        (seconds, node, destination) < (other.seconds, other.node, other.destination)
    }
}

/// A binary min-heap of labels without decrease-key (a node may be queued once per destination).
struct LabelQueue {
    private var heap: [Label] = []

    mutating func push(_ label: Label) {
        heap.append(label)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].precedes(heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Label? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < heap.count && heap[l].precedes(heap[smallest]) { smallest = l }
                if r < heap.count && heap[r].precedes(heap[smallest]) { smallest = r }
                if smallest == i { break }
                heap.swapAt(i, smallest)
                i = smallest
            }
        }
        return top
    }
}
