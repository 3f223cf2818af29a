/// One walkable way as handed to the builder: indices into the builder's point list, in order.
public struct WayPolyline: Sendable {
    /// The OSM way (0 for planner-drawn links).
    public var wayID: Int64
    /// Indices into the point arrays given to `GraphBuilder`; consecutive repeats are ignored.
    public var points: [Int32]
    public var edgeClass: EdgeClass
    public var flags: EdgeFlags

    public init(wayID: Int64, points: [Int32], edgeClass: EdgeClass, flags: EdgeFlags = []) {
        self.wayID = wayID
        self.points = points
        self.edgeClass = edgeClass
        self.flags = flags
    }
}

/// Turns ways into the simplified graph: nodes are points where ways end, meet or cross
/// themselves; each run of degree-2 points between two nodes becomes one edge whose length is
/// the summed great-circle length and whose geometry keeps every point.
public struct GraphBuilder {
    /// Longitude/latitude of each point, for great-circle lengths.
    public let coordinates: [GeoCoordinate]
    /// Projected position of each point, for geometry.
    public let planar: [PlanarPoint]

    public init(coordinates: [GeoCoordinate], planar: [PlanarPoint]) {
        precondition(coordinates.count == planar.count)
        self.coordinates = coordinates
        self.planar = planar
    }

    /// Builds the graph. Node numbering follows first appearance in `ways`, so the same input
    /// always gives the same ids. An edge passing a point in `raisedKerbs` inside its geometry,
    /// or a crossing edge touching one at either end, gets `.raisedKerb`.
    /// - Complexity: O(total way points).
    public func build(_ ways: [WayPolyline], raisedKerbs: Set<Int32> = []) -> StreetGraph {
        var useCount = [UInt8](repeating: 0, count: planar.count)
        var isNode = [Bool](repeating: false, count: planar.count)
        for way in ways {
            let points = Self.withoutRepeats(way.points)
            guard points.count >= 2 else { continue }
            isNode[Int(points.first!)] = true
            isNode[Int(points.last!)] = true
            for p in points {
                let i = Int(p)
                if useCount[i] < 2 { useCount[i] += 1 }
                if useCount[i] >= 2 { isNode[i] = true }
            }
        }

        var nodeOfPoint = [Int32](repeating: -1, count: planar.count)
        var nodeX: [Double] = [], nodeY: [Double] = []
        func node(for p: Int32) -> Int32 {
            let i = Int(p)
            if nodeOfPoint[i] < 0 {
                nodeOfPoint[i] = Int32(nodeX.count)
                nodeX.append(planar[i].x)
                nodeY.append(planar[i].y)
            }
            return nodeOfPoint[i]
        }

        var edges = EdgeArrays()
        for way in ways {
            let points = Self.withoutRepeats(way.points)
            guard points.count >= 2 else { continue }
            var start = 0
            for k in 1..<points.count where isNode[Int(points[k])] {
                let piece = points[start...k]
                var length = 0.0
                for j in piece.indices.dropFirst() {
                    length += GreatCircle.metres(coordinates[Int(points[j - 1])], coordinates[Int(points[j])])
                }
                var edgeFlags = way.flags
                if !raisedKerbs.isEmpty {
                    let interior = piece.dropFirst().dropLast().contains(where: raisedKerbs.contains)
                    let atEnd = raisedKerbs.contains(points[start]) || raisedKerbs.contains(points[k])
                    if interior || (atEnd && way.edgeClass == .crossing) { edgeFlags.insert(.raisedKerb) }
                }
                edges.append(tail: node(for: points[start]), head: node(for: points[k]), metres: Float(length), edgeClass: way.edgeClass,
                             flags: edgeFlags, wayID: way.wayID,
                             interior: piece.dropFirst().dropLast().lazy.map { planar[Int($0)] })
                start = k
            }
        }
        return StreetGraph(nodeX: nodeX, nodeY: nodeY, edges: edges)
    }

    static func withoutRepeats(_ points: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(points.count)
        for p in points where out.last != p { out.append(p) }
        return out
    }
}
