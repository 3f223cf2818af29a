/// Numbers the points that edges end at in the order the edges first meet them, edge by edge,
/// tail before head: the numbering one loop over the edges would give, found on `threads`
/// threads.
///
/// The edges are cut into contiguous parts. Each part marks, in a bitmap of its own (one bit per
/// point), the points its edges meet and lists those it meets first, in order; a point's number
/// comes from the earliest part that meets it, so a part keeps only its points no earlier part's
/// bitmap holds. Numbers then run part after part. The numbering depends only on the edges,
/// never on the number of parts or threads.
struct FirstMeetingNumbering {
    /// The node number of each edge's tail and head point.
    var tails: [Int32] = [], heads: [Int32] = []
    /// The point of each node, by node number.
    var nodePoints: [Int32] = []

    /// Edge `e` runs from point `points[pieceFirst[e]]` to `points[pieceLast[e]]`; points are
    /// indices below `pointCount`.
    init(points: [Int32], pieceFirst: [Int], pieceLast: [Int], pointCount: Int, threads: Int) {
        let edgeCount = pieceFirst.count
        let parts = max(1, min(threads, 8, edgeCount))
        let words = (pointCount + 63) / 64
        // Per part: the points it meets (a bitmap), and those it meets first, in order.
        let met = ParallelSearch.map(itemCount: parts, threads: threads) { part -> (seen: [UInt64], firsts: [Int32]) in
            var seen = [UInt64](repeating: 0, count: words)
            var firsts: [Int32] = []
            func meet(_ point: Int32) {
                let word = Int(point) >> 6, bit = UInt64(1) << UInt64(point & 63)
                if seen[word] & bit == 0 {
                    seen[word] |= bit
                    firsts.append(point)
                }
            }
            for e in ParallelSearch.chunk(part, of: edgeCount, in: parts) {
                meet(points[pieceFirst[e]])
                meet(points[pieceLast[e]])
            }
            return (seen, firsts)
        }
        // A part's own first meetings that no earlier part met: the nodes it numbers.
        let numbered = ParallelSearch.map(itemCount: parts, threads: threads) { part -> [Int32] in
            met[part].firsts.filter { point in
                let word = Int(point) >> 6, bit = UInt64(1) << UInt64(point & 63)
                return !(0..<part).contains { met[$0].seen[word] & bit != 0 }
            }
        }
        var start = [0]
        for points in numbered { start.append(start[start.count - 1] + points.count) }
        let firstNumber = start
        nodePoints = ParallelSearch.filling(count: firstNumber[parts], initial: 0, itemCount: parts, threads: threads) { range, out in
            for part in range {
                for (k, point) in numbered[part].enumerated() { out.write(firstNumber[part] + k, point) }
            }
        }
        // Each point is numbered by one part only: the parts write disjoint slots.
        let nodeOfPoint = ParallelSearch.filling(count: pointCount, initial: Int32(-1), itemCount: parts, threads: threads) { range, out in
            for part in range {
                for (k, point) in numbered[part].enumerated() { out.write(Int(point), Int32(firstNumber[part] + k)) }
            }
        }
        tails = ParallelSearch.filling(count: edgeCount, initial: 0, itemCount: edgeCount, threads: threads) { range, out in
            for e in range { out.write(e, nodeOfPoint[Int(points[pieceFirst[e]])]) }
        }
        heads = ParallelSearch.filling(count: edgeCount, initial: 0, itemCount: edgeCount, threads: threads) { range, out in
            for e in range { out.write(e, nodeOfPoint[Int(points[pieceLast[e]])]) }
        }
    }
}
