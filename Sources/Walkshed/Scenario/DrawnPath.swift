/// A path a planner draws into the network (a greenway, a footpath, a crossing, a bridge), in
/// projected metres.
public struct DrawnPath: Sendable {
    /// Vertices in order (≥ 2).
    public var points: [PlanarPoint]
    public var edgeClass: EdgeClass
    public var flags: EdgeFlags
    /// True for a path laid on the ground: it joins every edge it crosses. False for a bridge
    /// or a link: it joins the network only at its two ends.
    public var joinsCrossings: Bool
    /// Whether both ends must lie within the join distance of the network (links, bridges).
    public var endsMustJoin: Bool

    public init(points: [PlanarPoint], edgeClass: EdgeClass, flags: EdgeFlags = [], joinsCrossings: Bool = true,
                endsMustJoin: Bool = false) {
        self.points = points
        self.edgeClass = edgeClass
        self.flags = flags
        self.joinsCrossings = joinsCrossings
        self.endsMustJoin = endsMustJoin
    }
}

/// Changes to the street network itself.
public struct NetworkEdits: Sendable {
    public var paths: [DrawnPath] = []
    /// OSM ways whose edges close.
    public var closedWayIDs: Set<OSMWayID> = []
    /// Every existing edge with a point inside, or crossing the boundary of, one of these closes.
    public var closedAreas: [PlanarPolygon] = []
    /// A drawn path's end, or a crossing, joins the network when within this many metres.
    public var joinMetres: Double = 15

    public init() {}

    public var isEmpty: Bool { paths.isEmpty && closedWayIDs.isEmpty && closedAreas.isEmpty }
}

/// Why a drawn path could not be joined to the network.
public struct NetworkEditError: Error, Sendable, CustomStringConvertible {
    /// Index of the path in `NetworkEdits.paths`.
    public var pathIndex: Int
    public var message: String
    public var description: String { message }
}
