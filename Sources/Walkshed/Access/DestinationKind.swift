/// What a destination set holds: parks, the services of one category, or destinations a user
/// supplied under a name of their own.
public enum DestinationKind: Hashable, Sendable {
    case park
    case service(ServiceCategory)
    /// A user-defined kind (`--destinations NAME=FILE`), or a set the engine makes for its own
    /// use (greenways, transit by capacity).
    case custom(String)

    /// The built-in kinds of the complete neighbourhood, in output order: parks, then every
    /// service category. Everything that lists kinds derives from this.
    public static var builtIn: [DestinationKind] { [.park] + ServiceCategory.allCases.map { .service($0) } }

    /// Whether the kind is one of the complete neighbourhood's (`categories_within` and
    /// proximity time count only these).
    public var isBuiltIn: Bool {
        if case .custom = self { return false }
        return true
    }

    /// The name in file and column names (`park`, `food`, a custom kind's own name).
    public var name: String {
        switch self {
        case .park: "park"
        case .service(let category): category.rawValue
        case .custom(let name): name
        }
    }

    /// The built-in kind called `name`, if any.
    public init?(builtInName name: String) {
        guard let kind = Self.builtIn.first(where: { $0.name == name }) else { return nil }
        self = kind
    }
}
