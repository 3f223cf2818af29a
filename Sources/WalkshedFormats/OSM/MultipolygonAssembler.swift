/// Joins the member ways of a multipolygon into closed rings by matching end nodes
/// (reversing ways as needed), as the OSM multipolygon rules describe.
enum MultipolygonAssembler {
    /// Closed rings (first id == last id) built from `ways`; the chains that do not close (a
    /// multipolygon cut by the extract's edge) are returned in `open`.
    static func rings(from ways: [[Int64]]) -> (closed: [[Int64]], open: [[Int64]]) {
        var pending = ways.filter { $0.count >= 2 }
        var closed: [[Int64]] = []
        var open: [[Int64]] = []
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
