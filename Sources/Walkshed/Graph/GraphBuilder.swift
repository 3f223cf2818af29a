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
    /// Longitude/latitude of each point, for great-circle lengths (a building call lets them
    /// go once the lengths are made).
    public private(set) var coordinates: [GeoCoordinate]
    /// Projected position of each point, for geometry.
    public let planar: [PlanarPoint]

    public init(coordinates: [GeoCoordinate], planar: [PlanarPoint]) {
        precondition(coordinates.count == planar.count)
        self.coordinates = coordinates
        self.planar = planar
    }

    /// Builds the graph. Node numbering follows first appearance in `ways`, so the same input
    /// always gives the same ids. An edge passing a point in `raisedKerbs` inside its geometry,
    /// or a crossing edge touching one at either end, gets `.raisedKerb`. Edge lengths and
    /// geometry are filled on `threads` threads: the graph is the same for any thread count.
    /// - Complexity: O(total way points).
    public consuming func build(_ ways: consuming [WayPolyline], raisedKerbs: Set<Int32> = [], threads: Int = 1) -> StreetGraph {
        let skeleton = skeleton(of: consume ways, raisedKerbs: raisedKerbs, threads: threads)
        coordinates = []   // lengths are made; the geometry is planar
        return graph(of: skeleton, threads: threads)
    }

    /// `build(...).largestComponent()`, the same graph and report, without first making the
    /// geometry of the edges it drops (nor holding two graphs at once).
    public consuming func buildLargestComponent(_ ways: consuming [WayPolyline], raisedKerbs: Set<Int32> = [],
                                                threads: Int = 1) -> (graph: StreetGraph, report: ComponentReport) {
        let whole = skeleton(of: consume ways, raisedKerbs: raisedKerbs, threads: threads)
        coordinates = []   // lengths are made; the geometry is planar
        let (kept, report) = (consume whole).keepingLargestComponent(threads: threads)
        return (graph(of: kept, threads: threads), report)
    }
}
