/// How one kind of traveller moves: speed and which edges they may use. Policy lives here,
/// not in the loader.
public struct TravelProfile: Sendable, Hashable {
    /// Short name used in file names and reports (`walk`).
    public var name: String
    /// Speed on the flat, in metres per second.
    public var metresPerSecond: Double
    /// Edge classes this traveller may not use.
    public var forbiddenClasses: Set<EdgeClass>
    /// Edges carrying any of these flags are not used.
    public var forbiddenFlags: EdgeFlags
    /// Only edges carrying all of these flags are used.
    public var requiredFlags: EdgeFlags
    /// With an elevation model: edges with a steeper stretch (rise ÷ run) are not used.
    public var maxSlope: Double?

    public init(name: String, metresPerSecond: Double, forbiddenClasses: Set<EdgeClass> = [], forbiddenFlags: EdgeFlags = [],
                requiredFlags: EdgeFlags = [], maxSlope: Double? = nil) {
        precondition(metresPerSecond > 0 && metresPerSecond.isFinite, "speed must be positive")
        self.name = name
        self.metresPerSecond = metresPerSecond
        self.forbiddenClasses = forbiddenClasses
        self.forbiddenFlags = forbiddenFlags
        self.requiredFlags = requiredFlags
        self.maxSlope = maxSlope
    }

    /// Walking at `kilometresPerHour` (default 4.8 km/h, so 15 minutes is 1,200 m) on every walkable edge.
    public static func walk(kilometresPerHour: Double = 4.8) -> TravelProfile {
        TravelProfile(name: "walk", metresPerSecond: kilometresPerHour / 3.6)
    }

    /// Whether edge `e` of `graph` may be used (never a `.closed` one).
    public func allows(_ graph: StreetGraph, edge e: Int) -> Bool {
        !graph.edgeFlags[e].contains(.closed) && !forbiddenClasses.contains(graph.edgeClass[e]) && graph.edgeFlags[e].isDisjoint(with: forbiddenFlags)
            && graph.edgeFlags[e].isSuperset(of: requiredFlags)
    }
}
