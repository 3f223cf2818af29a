/// What kind of way an edge comes from; the loader's tag table decides, profiles read it.
public enum EdgeClass: UInt8, CaseIterable, Sendable, Comparable {
    case street = 0
    case livingStreet
    case service
    case pedestrian
    case footway
    case sidewalk
    case crossing
    case path
    case cycleway
    case bridleway
    case track
    case steps
    case corridor

    /// Stable lower-case name used in files and reports.
    public var name: String {
        switch self {
        case .street: "street"
        case .livingStreet: "living_street"
        case .service: "service"
        case .pedestrian: "pedestrian"
        case .footway: "footway"
        case .sidewalk: "sidewalk"
        case .crossing: "crossing"
        case .path: "path"
        case .cycleway: "cycleway"
        case .bridleway: "bridleway"
        case .track: "track"
        case .steps: "steps"
        case .corridor: "corridor"
        }
    }

    /// Off-street classes that can form a greenway when they run through or along green space.
    public var isPathLike: Bool {
        switch self {
        case .pedestrian, .footway, .path, .cycleway, .bridleway, .track, .steps: true
        default: false
        }
    }

    public static func < (a: EdgeClass, b: EdgeClass) -> Bool { a.rawValue < b.rawValue }
}

/// Per-edge facts besides the class.
public struct EdgeFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Off-street path through or along green space, or on a walking/cycling route.
    public static let greenway = EdgeFlags(rawValue: 1 << 0)
    /// Part of a walking, hiking or cycling route relation.
    public static let onRoute = EdgeFlags(rawValue: 1 << 1)
    /// Tagged `wheelchair=no`.
    public static let wheelchairNo = EdgeFlags(rawValue: 1 << 2)
    /// Bicycles may use it (kept for the cycling profile).
    public static let bicycleAllowed = EdgeFlags(rawValue: 1 << 3)
    /// Tagged with an incline steeper than a wheelchair ramp allows (> 8 %).
    public static let steepIncline = EdgeFlags(rawValue: 1 << 4)
    /// Passes a raised kerb (on a crossing, or inside the edge).
    public static let raisedKerb = EdgeFlags(rawValue: 1 << 5)
    /// Closed by a scenario: no profile may use it.
    public static let closed = EdgeFlags(rawValue: 1 << 6)
    /// A straight line across a pedestrian square between two of its entrances: walked, but not
    /// a mapped way, so left out of walkable and greenway lengths and never a greenway.
    public static let acrossArea = EdgeFlags(rawValue: 1 << 7)
}
