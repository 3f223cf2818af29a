/// Daily-service categories of the complete neighbourhood: the one list every command, file,
/// target, colour and help text derives from. Which OSM tags make each category is the tag
/// table (`OSMTagRules.serviceTags`).
///
/// Adding a category: a case here with its stable `code`, and its tags in the tag table.
public enum ServiceCategory: String, CaseIterable, Sendable, Comparable {
    case food
    case healthcare
    case education
    case transit
    case civic
    /// Libraries, theatres, cinemas, museums, sports: culture and leisure (not eating out).
    case culture
    /// Workplaces: offices and co-working spaces (C40's "workspace").
    case work
    /// Eating out: restaurants, cafés, pubs, bars, fast food. Its own category, so that
    /// "culture within 15 minutes" does not mean "a café" (Helsinki has 50 times more of them
    /// than libraries and theatres).
    case eating

    /// The category's code in `.wsn` network files: stable across versions (never an index
    /// into `allCases`, so reordering or adding categories keeps old files readable).
    public var code: UInt8 {
        switch self {
        case .food: 0
        case .healthcare: 1
        case .education: 2
        case .transit: 3
        case .civic: 4
        case .culture: 5
        case .work: 6
        case .eating: 7
        }
    }

    /// The category with `code`, or nil for a code no category has.
    public init?(code: UInt8) {
        guard let category = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = category
    }

    public static func < (a: ServiceCategory, b: ServiceCategory) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
