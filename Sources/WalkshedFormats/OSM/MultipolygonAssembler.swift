/// Joins the member ways of a multipolygon into closed rings by matching end nodes
/// (reversing ways as needed), as the OSM multipolygon rules describe.
enum MultipolygonAssembler {
    /// Closed rings (first node == last node) built from `ways`, each a list of its nodes (ids,
    /// or anything else naming each node once); the chains that do not close (a multipolygon
    /// cut by the extract's edge) are returned in `open`.
    static func rings<Node: Equatable>(from ways: [[Node]]) -> (closed: [[Node]], open: [[Node]]) {
        var pending = ways.filter { $0.count >= 2 }
        var closed: [[Node]] = []
        var open: [[Node]] = []
        while !pending.isEmpty {
            var ring = pending.removeFirst()
            while ring.first != ring.last {
                guard let k = pending.firstIndex(where: { $0.first == ring.last || $0.last == ring.last }) else { break }
                let next = pending.remove(at: k)
                ring += (next.first == ring.last ? next : next.reversed()).dropFirst()
            }
            if ring.first == ring.last && ring.count >= 4 { closed.append(ring) } else { open.append(ring) }
        }
        return (closed, open)
    }
}
