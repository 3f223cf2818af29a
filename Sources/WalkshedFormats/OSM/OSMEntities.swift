/// Tags of one OSM object as key/value pairs in file order; lookups scan (objects carry few tags).
public struct OSMTags: Sendable, Equatable {
    public var pairs: [(key: String, value: String)]

    public init(_ pairs: [(key: String, value: String)] = []) { self.pairs = pairs }

    /// The value of `key`, if tagged. Keys of another UTF-8 length are passed over before any
    /// comparison of characters (a length is at hand in a string; most tags' keys differ). So a
    /// key spelled with more or fewer bytes (a Kelvin sign for `K`) never matches: OSM keys are
    /// byte strings, and the PBF reader's key filter, which compares bytes, treats it so too.
    public subscript(key: String) -> String? {
        let length = key.utf8.count
        for pair in pairs where pair.key.utf8.count == length && pair.key == key { return pair.value }
        return nil
    }

    public var isEmpty: Bool { pairs.isEmpty }

    public static func == (a: OSMTags, b: OSMTags) -> Bool {
        a.pairs.count == b.pairs.count && zip(a.pairs, b.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// An OSM way: an ordered list of node ids with tags.
public struct OSMWay: Sendable, Equatable {
    public var id: Int64
    public var refs: [Int64]
    public var tags: OSMTags
    public init(id: Int64, refs: [Int64], tags: OSMTags) {
        self.id = id
        self.refs = refs
        self.tags = tags
    }
}

/// An OSM relation with typed, role-carrying members.
public struct OSMRelation: Sendable, Equatable {
    public enum MemberType: UInt8, Sendable { case node = 0, way = 1, relation = 2 }
    public struct Member: Sendable, Equatable {
        public var type: MemberType
        public var ref: Int64
        public var role: String
        public init(type: MemberType, ref: Int64, role: String) {
            self.type = type
            self.ref = ref
            self.role = role
        }
    }
    public var id: Int64
    public var members: [Member]
    public var tags: OSMTags
    public init(id: Int64, members: [Member], tags: OSMTags) {
        self.id = id
        self.members = members
        self.tags = tags
    }
}

/// Which object kinds a read pass delivers; the reader skips the rest as cheaply as it can.
public struct OSMEntityKinds: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let nodes = OSMEntityKinds(rawValue: 1)
    public static let ways = OSMEntityKinds(rawValue: 2)
    public static let relations = OSMEntityKinds(rawValue: 4)
    public static let all: OSMEntityKinds = [.nodes, .ways, .relations]
}

/// Degrees of a whole number of nanodegrees (10⁻⁹°, as PBF stores positions): one rounding,
/// so the same `Double` as the decimal text of those digits (OSM XML) parses to.
@inline(__always)
func degrees(nanodegrees: Int64) -> Double { Double(nanodegrees) / 1e9 }

/// Receives objects from a reader, in file order.
public protocol OSMEntityHandler {
    /// A node; `tags` is empty for untagged nodes.
    mutating func node(id: Int64, latitude: Double, longitude: Double, tags: OSMTags)
    /// A node without tags that matter, at whole nanodegrees (10⁻⁹°, as PBF stores them):
    /// what `node` would get through `degrees(nanodegrees:)` with no tags, for a handler that
    /// looks at most nodes' positions without needing them in degrees. The PBF reader calls it.
    mutating func untaggedNode(id: Int64, latitudeNanodegrees: Int64, longitudeNanodegrees: Int64)
    mutating func way(_ way: OSMWay)
    mutating func relation(_ relation: OSMRelation)
    /// Keys of which a way needs one to be delivered, or nil for every way. A reader may (the
    /// PBF reader does) pass other ways to `skippedWay` instead, undecoded.
    var wayKeys: Set<String>? { get }
    /// Whether way `id` is wanted even without any of `wayKeys`.
    func wantsWay(_ id: Int64) -> Bool
    /// A way left undecoded because it has none of `wayKeys` and is not wanted by id.
    mutating func skippedWay(_ id: Int64)
    /// Keys of which a node needs one for its tags to matter, or nil when every node's tags
    /// do. A reader may (the PBF reader does) deliver a node with none of them untagged.
    var nodeKeys: Set<String>? { get }
}

extension OSMEntityHandler {
    public var wayKeys: Set<String>? { nil }
    public var nodeKeys: Set<String>? { nil }
    public func wantsWay(_ id: Int64) -> Bool { false }
    public mutating func skippedWay(_ id: Int64) {}
    public mutating func node(id: Int64, latitude: Double, longitude: Double, tags: OSMTags) {}
    public mutating func untaggedNode(id: Int64, latitudeNanodegrees: Int64, longitudeNanodegrees: Int64) {
        node(id: id, latitude: degrees(nanodegrees: latitudeNanodegrees), longitude: degrees(nanodegrees: longitudeNanodegrees), tags: OSMTags())
    }
    public mutating func way(_ way: OSMWay) {}
    public mutating func relation(_ relation: OSMRelation) {}
}

/// A source of OSM objects that can be read in several passes.
public protocol OSMReader {
    /// The file being read, as given (used in messages).
    var path: String { get }
    /// Streams the objects of `kinds` to `handler`; throws on malformed input naming the place.
    func read<H: OSMEntityHandler>(_ kinds: OSMEntityKinds, into handler: inout H) throws
}
