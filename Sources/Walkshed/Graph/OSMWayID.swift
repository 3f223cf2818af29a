/// An OpenStreetMap way id, as scenario edits name the ways they close. Edges keep their way
/// ids as plain `Int64` (`StreetGraph.edgeWayID`, 0 for edges no way made).
public struct OSMWayID: Hashable, Sendable, Comparable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public init(integerLiteral value: Int64) { rawValue = value }
    public static func < (a: OSMWayID, b: OSMWayID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { String(rawValue) }
}
