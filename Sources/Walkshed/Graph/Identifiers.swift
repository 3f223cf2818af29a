/// A graph node (intersection or dead end); dense in `0 ..< nodeCount`.
public struct NodeID: Hashable, Sendable, Comparable {
    public var rawValue: Int32
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    /// No node.
    public static let invalid = NodeID(-1)
    public static func < (a: NodeID, b: NodeID) -> Bool { a.rawValue < b.rawValue }
}

/// A directed arc of the CSR graph; dense in `0 ..< arcCount`.
public struct ArcID: Hashable, Sendable {
    public var rawValue: Int32
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
}

/// An undirected edge (one simplified street or path piece); dense in `0 ..< edgeCount`.
public struct EdgeID: Hashable, Sendable {
    public var rawValue: Int32
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
}

/// An OpenStreetMap node id.
public struct OSMNodeID: Hashable, Sendable, Comparable {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: OSMNodeID, b: OSMNodeID) -> Bool { a.rawValue < b.rawValue }
}

/// An OpenStreetMap way id.
public struct OSMWayID: Hashable, Sendable, Comparable {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: OSMWayID, b: OSMWayID) -> Bool { a.rawValue < b.rawValue }
}
